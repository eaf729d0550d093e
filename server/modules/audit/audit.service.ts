import { createHash } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { AuditEvent } from '../../../common/audit.ts'
import type { Page } from '../../../common/pagination.ts'
import type { DB } from '../../db/schema.ts'
import type { RequestContext } from '../../platform/access.ts'
import { districtTimeZone } from '../../platform/district-time.ts'
import type { Language } from '../../platform/language.ts'
import { type Actor, authorize } from '../../platform/policy.ts'
import {
  currentTenantDistrict,
  runWithTenantStore,
  setTenantDistrict,
} from '../../platform/tenant-context.ts'
import { renderAuditCsv } from './audit.csv.ts'
import {
  type AuditFilter,
  type AuditRow,
  insertAuditRecords,
  insertAuditRow,
  insertAuditRows,
  lockChainAndReadHead,
  type NewAuditRow,
  readChain,
  selectAuditEvents,
  selectChainKeys,
  selectEventsAboutRecords,
  selectNamedRecords,
} from './audit.queries.ts'

/** One audit entry. Names what happened to which record, never the record's content. */
export type AuditEntry = {
  districtId: string | null
  actorId: string | null
  actorRoles?: readonly string[]
  action: string
  outcome?: 'success' | 'failure' | 'denied'
  subjectType?: string | null
  subjectId?: string | null
  purpose?: string | null
  requestId?: string | null
  clientPseudonym?: string | null
}

type HashedFields = Omit<NewAuditRow, 'hash'>

/** The canonical form: fixed key order, explicit nulls, so the same event always hashes the same. */
function canonical(fields: HashedFields): string {
  return JSON.stringify([
    fields.occurred_at,
    fields.district_id,
    fields.actor_id,
    fields.actor_roles,
    fields.action,
    fields.outcome,
    fields.subject_type,
    fields.subject_id,
    fields.purpose,
    fields.request_id,
    fields.client_pseudonym,
    fields.previous_hash,
    // Only in entries that name records (decision 0035): every other entry hashes as before.
    ...(fields.records_sha256 === null || fields.records_sha256 === undefined ? [] : [fields.records_sha256]),
  ])
}

/** The records an entry names, as one digest: sorted, so that their order does not matter. */
function recordsDigest(records: readonly { type: string; id: string }[]): string {
  const sorted = records
    .map((record) => [record.type, record.id])
    .sort((a, b) => (a.join('\u0000') < b.join('\u0000') ? -1 : 1))
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex')
}

const hashOf = (fields: HashedFields) => createHash('sha256').update(canonical(fields)).digest('hex')

/**
 * Appends an entry to its district's hash chain, inside the transaction of the change it
 * records, so that the change and its trace commit together or not at all. It never opens a
 * transaction of its own: an event that changes nothing goes through `recordAuditAlone`.
 */
export async function recordAudit(trx: Transaction<DB>, entry: AuditEntry): Promise<number> {
  // The type says it; this says it to callers that cast. The chain lock is a transaction lock:
  // outside a transaction it would end with its own statement, and two entries written at once
  // could both link to the same head.
  if (!trx.isTransaction) throw new Error('recordAudit runs inside the transaction of the change it records')
  const fields = chainedFields(entry, await lockChainAndReadHead(trx, entry.districtId))
  return insertAuditRow(trx, { ...fields, hash: hashOf(fields) })
}

/** The hashed fields of an entry, linked to the chain's head before it. */
function chainedFields(entry: AuditEntry, previousHash: string): HashedFields {
  return {
    occurred_at: new Date().toISOString(),
    district_id: entry.districtId,
    actor_id: entry.actorId,
    actor_roles: [...(entry.actorRoles ?? [])],
    action: entry.action,
    outcome: entry.outcome ?? 'success',
    subject_type: entry.subjectType ?? null,
    subject_id: entry.subjectId ?? null,
    purpose: entry.purpose ?? null,
    request_id: entry.requestId ?? null,
    client_pseudonym: entry.clientPseudonym ?? null,
    previous_hash: previousHash,
    records_sha256: null,
  }
}

/**
 * Appends many entries of one district in the order given, inside the transaction of the changes
 * they record: one lock of the chain and one insert for all, each entry linked to the one before
 * (a batch of an import writes hundreds of creates at once).
 */
export async function recordAuditBatch(trx: Transaction<DB>, entries: readonly AuditEntry[]): Promise<void> {
  if (!trx.isTransaction)
    throw new Error('recordAuditBatch runs inside the transaction of the changes it records')
  const districts = new Set(entries.map((entry) => entry.districtId))
  if (districts.size > 1) throw new Error('recordAuditBatch writes the chain of one district')
  const [first] = entries
  if (!first) return
  let previousHash = await lockChainAndReadHead(trx, first.districtId)
  const rows = entries.map((entry) => {
    const fields = chainedFields(entry, previousHash)
    const hash = hashOf(fields)
    previousHash = hash
    return { ...fields, hash }
  })
  await insertAuditRows(trx, rows)
}

/**
 * One entry naming many records it is about, in the transaction of the change (decision 0035): an
 * import's batch is one entry naming the persons and cases it created, instead of an entry for
 * each. The records are rows of their own; the entry's hash covers their digest, so the chain's
 * verification notices a named record added or removed. A person's access report and the trail's
 * filter by record find the entry through them.
 */
export async function recordAuditNaming(
  trx: Transaction<DB>,
  entry: AuditEntry,
  records: readonly { type: string; id: string }[],
): Promise<number> {
  if (!trx.isTransaction)
    throw new Error('recordAuditNaming runs inside the transaction of the change it records')
  const fields = {
    ...chainedFields(entry, await lockChainAndReadHead(trx, entry.districtId)),
    records_sha256: recordsDigest(records),
  }
  const id = await insertAuditRow(trx, { ...fields, hash: hashOf(fields) })
  await insertAuditRecords(trx, id, entry.districtId, records)
  return id
}

/**
 * For an event that changes nothing (a read, a refusal, an export): the entry in a short
 * transaction of its own, committed before the promise settles, so the data a read answers never
 * leaves unaudited. A change's entry goes through `recordAudit` in the change's transaction.
 *
 * Entries that arrive while another one of the same chain is being written wait and are then
 * written together (group commit): one chain lock, one head read and one insert for all of them,
 * each still linked to the one before. Under load this turns five statements per read into five
 * per batch; alone, an entry is written at once as before.
 */
export function recordAuditAlone(db: Kysely<DB>, entry: AuditEntry): Promise<void> {
  // Inside a transaction the entry belongs to it; a second connection could wait on this one forever.
  if (db.isTransaction) return recordAudit(db as Transaction<DB>, entry).then(() => undefined)
  // The batch is written with the district the caller's queries run under (row-level security),
  // so entries are grouped by it as well as by their chain.
  const tenant = currentTenantDistrict()
  const key = `${tenant ?? ''}|${entry.districtId ?? ''}`
  let queues = auditQueues.get(db)
  if (!queues) {
    queues = new Map()
    auditQueues.set(db, queues)
  }
  let queue = queues.get(key)
  if (!queue) {
    queue = { waiting: [], writing: false }
    queues.set(key, queue)
  }
  const done = new Promise<void>((resolve, reject) => queue.waiting.push({ entry, resolve, reject }))
  if (!queue.writing) void drain(db, queues, key, queue, tenant)
  return done
}

type WaitingEntry = { entry: AuditEntry; resolve: () => void; reject: (error: unknown) => void }
type AuditQueue = { waiting: WaitingEntry[]; writing: boolean }
const auditQueues = new WeakMap<Kysely<DB>, Map<string, AuditQueue>>()
const largestGroup = 500

async function drain(
  db: Kysely<DB>,
  queues: Map<string, AuditQueue>,
  key: string,
  queue: AuditQueue,
  tenant: string | undefined,
): Promise<void> {
  queue.writing = true
  try {
    while (queue.waiting.length > 0) {
      const group = queue.waiting.splice(0, largestGroup)
      await runWithTenantStore(async () => {
        if (tenant) setTenantDistrict(tenant)
        await writeGroup(db, group)
      })
    }
  } finally {
    queue.writing = false
    if (queue.waiting.length === 0) queues.delete(key)
  }
}

async function writeGroup(db: Kysely<DB>, group: WaitingEntry[]): Promise<void> {
  try {
    await db.transaction().execute((trx) =>
      recordAuditBatch(
        trx,
        group.map((waiting) => waiting.entry),
      ),
    )
    for (const waiting of group) waiting.resolve()
    return
  } catch (error) {
    if (group.length === 1) {
      group[0]?.reject(error)
      return
    }
  }
  // One entry the database refuses must not take the others with it: each alone, as before batching.
  for (const waiting of group) {
    try {
      await db.transaction().execute((trx) => recordAudit(trx, waiting.entry))
      waiting.resolve()
    } catch (error) {
      waiting.reject(error)
    }
  }
}

export type ChainVerification = {
  chain: string
  events: number
  ok: boolean
  firstBrokenId?: number
  reason?: 'content-changed' | 'link-broken' | 'records-changed'
}

function verifyRow(row: AuditRow, expectedPrevious: string): ChainVerification['reason'] | undefined {
  if (row.previous_hash !== expectedPrevious) return 'link-broken'
  const { id: _id, hash, ...fields } = row
  return hashOf({ ...fields, occurred_at: new Date(fields.occurred_at).toISOString() }) === hash
    ? undefined
    : 'content-changed'
}

/** The records named by the entries of a stretch of the chain that name any. */
async function namedRecordsOf(db: Kysely<DB>, rows: readonly AuditRow[]) {
  const named = new Map<number, { type: string; id: string }[]>()
  const ids = rows.flatMap((row) => (row.records_sha256 === null ? [] : [Number(row.id)]))
  for (const record of await selectNamedRecords(db, ids)) {
    const id = Number(record.audit_event_id)
    const list = named.get(id) ?? []
    list.push({ type: record.subject_type, id: record.subject_id })
    named.set(id, list)
  }
  return named
}

/** Walks every chain from its start and reports the first broken link of each. */
export async function verifyAuditTrail(db: Kysely<DB>): Promise<ChainVerification[]> {
  const results: ChainVerification[] = []
  for (const districtId of await selectChainKeys(db)) {
    let expected = 'genesis'
    let events = 0
    let broken: Pick<ChainVerification, 'firstBrokenId' | 'reason'> | undefined
    for await (const batch of readChain(db, districtId)) {
      const named = await namedRecordsOf(db, batch)
      for (const row of batch) {
        events++
        if (broken) continue
        const reason =
          verifyRow(row, expected) ??
          (row.records_sha256 !== null &&
          recordsDigest(named.get(Number(row.id)) ?? []) !== row.records_sha256
            ? 'records-changed'
            : undefined)
        if (reason) broken = { firstBrokenId: row.id, reason }
        expected = row.hash
      }
    }
    results.push({ chain: districtId ?? 'no district', events, ok: !broken, ...broken })
  }
  return results
}

export type AuditListFilter = Omit<AuditFilter, 'districtId' | 'timeZone'>

const toEvent = (row: AuditRow, names: Map<string, string>): AuditEvent => ({
  id: row.id,
  occurredAt: row.occurred_at,
  actorId: row.actor_id,
  actorName: row.actor_id ? (names.get(row.actor_id) ?? null) : null,
  actorRoles: row.actor_roles,
  action: row.action,
  outcome: row.outcome,
  subjectType: row.subject_type,
  subjectId: row.subject_id,
  purpose: row.purpose,
  requestId: row.request_id,
  clientPseudonym: row.client_pseudonym,
})

/** Display names of users of a district; the identity module provides them, audit cannot import it. */
export type ActorNames = (districtId: string, ids: string[]) => Promise<Map<string, string>>

async function readEvents(
  db: Kysely<DB>,
  districtId: string,
  filter: AuditListFilter,
  page: { limit: number; offset: number },
  actorNames: ActorNames,
): Promise<Page<AuditEvent>> {
  const timeZone = await districtTimeZone(db, districtId)
  const { rows, total } = await selectAuditEvents(db, { ...filter, districtId, timeZone }, page)
  const actorIds = [...new Set(rows.flatMap((row) => (row.actor_id ? [row.actor_id] : [])))]
  const names = await actorNames(districtId, actorIds)
  return { items: rows.map((row) => toEvent(row, names)), total, ...page }
}

/** The audit trail of the actor's district, newest first. */
export async function listAuditEvents(
  db: Kysely<DB>,
  actor: Actor,
  filter: AuditListFilter,
  page: { limit: number; offset: number },
  actorNames: ActorNames,
): Promise<Page<AuditEvent>> {
  authorize(actor, 'audit.read', { type: 'audit', districtId: actor.districtId })
  return readEvents(db, actor.districtId, filter, page, actorNames)
}

export const auditExportLimit = 100_000

/** The filtered trail as a spreadsheet file; the export itself is audited. */
export async function exportAuditCsv(
  db: Kysely<DB>,
  actor: Actor,
  filter: AuditListFilter,
  request: RequestContext,
  actorNames: ActorNames,
  language: Language,
): Promise<string> {
  const events = await exportedEvents(db, actor, filter, request, actorNames, null)
  return renderAuditCsv(events, language)
}

/** The filtered trail as the screen lists it, for the XLSX file; audited as the CSV is, with its size. */
export function exportAuditEvents(
  db: Kysely<DB>,
  actor: Actor,
  filter: AuditListFilter,
  request: RequestContext,
  actorNames: ActorNames,
): Promise<AuditEvent[]> {
  return exportedEvents(db, actor, filter, request, actorNames, 'xlsx')
}

async function exportedEvents(
  db: Kysely<DB>,
  actor: Actor,
  filter: AuditListFilter,
  request: RequestContext,
  actorNames: ActorNames,
  format: 'xlsx' | null,
): Promise<AuditEvent[]> {
  authorize(actor, 'audit.export', { type: 'audit', districtId: actor.districtId })
  const page = await readEvents(
    db,
    actor.districtId,
    filter,
    { limit: auditExportLimit, offset: 0 },
    actorNames,
  )
  await recordAuditAlone(db, {
    ...request,
    action: 'audit.export',
    subjectType: 'audit',
    ...(format ? { purpose: `${format}:${page.items.length}` } : {}),
  })
  return page.items
}

/** What the trail says about one record, without the record: for a data subject's access report. */
export type RecordAccess = {
  occurredAt: string
  actorId: string | null
  actorRoles: string[]
  action: string
  outcome: string
  subjectType: string | null
  purpose: string | null
}

/**
 * Who accessed or changed any of the records (a person, their cases and everything in them),
 * newest first, at most `limit` entries. The caller authorises; this only reads the trail.
 */
export async function accessesOfRecords(
  db: Kysely<DB>,
  districtId: string,
  records: { types: readonly string[]; ids: readonly string[] },
  limit = 10_000,
): Promise<RecordAccess[]> {
  const rows = await selectEventsAboutRecords(db, districtId, records.types, records.ids, limit)
  return rows.map((row) => ({
    occurredAt: row.occurred_at,
    actorId: row.actor_id,
    actorRoles: row.actor_roles,
    action: row.action,
    outcome: row.outcome,
    subjectType: row.subject_type,
    purpose: row.purpose,
  }))
}
