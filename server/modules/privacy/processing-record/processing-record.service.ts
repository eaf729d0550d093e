import type { Kysely, Transaction } from 'kysely'
import {
  type ProcessingRecordSave,
  type ProcessingRecordVersion,
  processingRecordContentSchema,
} from '../../../../common/processing-record.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { Conflict, NotFound } from '../../../platform/errors.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { recordAudit, recordAuditAlone } from '../../audit/index.ts'
import { getDistrictName } from '../../districts/index.ts'
import { displayNames } from '../../identity/index.ts'
import { defaultProcessingRecord } from './default-record.ts'
import { deletionPeriods } from './deletion-periods.ts'
import {
  insertVersion,
  lockRecord,
  selectVersion,
  selectVersionSummaries,
} from './processing-record.queries.ts'

/**
 * The record of processing activities (Art. 30 GDPR), kept as whole versions: each save appends
 * one, none is changed. A district without any starts from the default for a KIM office, stored
 * as version 1 on first use so every later version has a base to compare with.
 */

async function ensureFirstVersion(db: Kysely<DB>, districtId: string): Promise<void> {
  if (await selectVersion(db, districtId)) return
  await db.transaction().execute(async (trx) => {
    await lockRecord(trx, districtId)
    await ensureFirstVersionIn(trx, districtId)
  })
}

async function ensureFirstVersionIn(trx: Transaction<DB>, districtId: string): Promise<void> {
  if (await selectVersion(trx, districtId, 1)) return
  await insertVersion(trx, {
    districtId,
    number: 1,
    content: defaultProcessingRecord(await getDistrictName(trx, districtId)),
    note: 'Voreinstellung für ein KIM-Büro',
    savedBy: null,
  })
}

async function versionOf(
  db: Kysely<DB>,
  districtId: string,
  number?: number,
): Promise<ProcessingRecordVersion> {
  // Only a read that can succeed stores the default: asking for a version that does not exist
  // changes nothing and answers 404.
  if (number === undefined || number === 1) await ensureFirstVersion(db, districtId)
  const row = await selectVersion(db, districtId, number)
  if (!row) throw new NotFound()
  const names = await displayNames(db, districtId, row.saved_by ? [row.saved_by] : [])
  return {
    number: row.number,
    savedBy: row.saved_by ? (names.get(row.saved_by) ?? null) : null,
    savedAt: row.saved_at,
    note: row.note,
    content: processingRecordContentSchema.parse(row.content),
    deletionPeriods: await deletionPeriods(db, districtId),
  }
}

export async function readProcessingRecord(db: Kysely<DB>, actor: Actor, number?: number) {
  authorize(actor, 'processing-record.read', ownDistrict(actor))
  return versionOf(db, actor.districtId, number)
}

export async function listProcessingRecordVersions(db: Kysely<DB>, actor: Actor) {
  authorize(actor, 'processing-record.read', ownDistrict(actor))
  await ensureFirstVersion(db, actor.districtId)
  const rows = await selectVersionSummaries(db, actor.districtId)
  const names = await displayNames(
    db,
    actor.districtId,
    rows.flatMap((row) => (row.saved_by ? [row.saved_by] : [])),
  )
  return rows.map((row) => ({
    number: row.number,
    savedBy: row.saved_by ? (names.get(row.saved_by) ?? null) : null,
    savedAt: row.saved_at,
    note: row.note,
  }))
}

/** Saves a new version; refused with 409 when someone saved since the version the editor started from. */
export async function saveProcessingRecord(
  db: Kysely<DB>,
  actor: Actor,
  input: ProcessingRecordSave,
  request: RequestContext,
) {
  authorize(actor, 'processing-record.manage', ownDistrict(actor))
  const number = await db.transaction().execute(async (trx) => {
    await lockRecord(trx, actor.districtId)
    // The default counts as version 1 before it is stored; it is stored only by a save that
    // succeeds, so a refused save leaves the record as it was.
    const latestNumber = (await selectVersion(trx, actor.districtId))?.number ?? 1
    if (latestNumber !== input.basedOn) throw new Conflict('processing record saved in the meantime')
    if (latestNumber === 1) await ensureFirstVersionIn(trx, actor.districtId)
    const next = latestNumber + 1
    await insertVersion(trx, {
      districtId: actor.districtId,
      number: next,
      content: input.content,
      note: input.note ?? '',
      savedBy: actor.userId,
    })
    await recordAudit(trx, {
      ...request,
      action: 'processing-record.save',
      subjectType: 'processing-record',
      subjectId: null,
    })
    return next
  })
  return versionOf(db, actor.districtId, number)
}

/** A version for export; the export is audited like every document that leaves the system. */
export async function processingRecordForExport(
  db: Kysely<DB>,
  actor: Actor,
  number: number | undefined,
  format: 'docx' | 'pdf',
  request: RequestContext,
) {
  const version = await readProcessingRecord(db, actor, number)
  await recordAuditAlone(db, {
    ...request,
    action: `processing-record.export-${format}`,
    subjectType: 'processing-record',
  })
  return { version, districtName: await getDistrictName(db, actor.districtId) }
}
