import { createHash } from 'node:crypto'
import path from 'node:path'
import { fileTypeFromBuffer } from 'file-type'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { TimelineEntry } from '../../../../common/casework.ts'
import {
  type Consent,
  type ConsentPurpose,
  type consentInputSchema,
  type consentRevocationSchema,
  consentStateOn,
  type DataCategory,
} from '../../../../common/consent.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { districtTime } from '../../../platform/district-time.ts'
import { fieldError, NotFound } from '../../../platform/errors.ts'
import { type Actor, assertRecordVisible } from '../../../platform/policy.ts'
import { recordAudit, recordAuditAlone } from '../../audit/index.ts'
import { authorizeOnPerson, safeFileName } from '../../casework/index.ts'
import { displayNames, organisationNames } from '../../identity/index.ts'
import {
  type ConsentRow,
  insertConsent,
  markRevoked,
  selectConsentOwner,
  selectConsents,
  selectConsentsOfPerson,
  selectConsentsOfPersons,
  selectFormFile,
  selectFormFileInfo,
  selectValidConsents,
  upsertFormFile,
} from './consent.queries.ts'

type ConsentInput = z.output<typeof consentInputSchema>
type Revocation = z.output<typeof consentRevocationSchema>

/** The kinds of file a scanned or photographed signed form comes as, by extension and by content. */
const formTypes: Record<string, { mediaType: string; detected: string }> = {
  pdf: { mediaType: 'application/pdf', detected: 'pdf' },
  jpg: { mediaType: 'image/jpeg', detected: 'jpg' },
  jpeg: { mediaType: 'image/jpeg', detected: 'jpg' },
  png: { mediaType: 'image/png', detected: 'png' },
  tif: { mediaType: 'image/tiff', detected: 'tif' },
  tiff: { mediaType: 'image/tiff', detected: 'tif' },
  heic: { mediaType: 'image/heic', detected: 'heic' },
}

/** A valid consent as other features need it: which one, and what it covers. */
export type ValidConsent = {
  id: string
  personId: string
  dataCategories: DataCategory[]
  validFrom: string
  validUntil: string
}

const asValid = (row: ConsentRow): ValidConsent => ({
  id: row.id,
  personId: row.person_id,
  dataCategories: row.data_categories as DataCategory[],
  validFrom: row.valid_from,
  validUntil: row.valid_until,
})

/**
 * The gate every sharing passes: a consent of the person, valid on the day (`YYYY-MM-DD` in the
 * district's calendar; valid from ≤ day ≤ valid until and not revoked on or before it), that names
 * the organisation and the purpose and, when given, covers every data category. Null when there is
 * none: then nothing may be shared. Read fresh each time, so a revocation holds from the next call.
 */
export async function validConsentFor(
  db: Kysely<DB>,
  wanted: {
    districtId: string
    personId: string
    organisationId: string
    purpose: ConsentPurpose
    on: string
    dataCategories?: readonly DataCategory[]
  },
): Promise<ValidConsent | null> {
  const rows = await selectValidConsents(db, wanted)
  const categories = wanted.dataCategories ?? []
  const covering = rows.find((row) => categories.every((category) => row.data_categories.includes(category)))
  return covering ? asValid(covering) : null
}

const asGateConsent = (row: ConsentRow) => ({
  id: row.id,
  personId: row.person_id,
  recipientOrganisationIds: row.recipient_organisation_ids,
  purposes: row.purposes as ConsentPurpose[],
  dataCategories: row.data_categories as DataCategory[],
  legalBasis: row.legal_basis as Consent['legalBasis'],
  textVersion: row.text_version,
  formLanguage: row.form_language as Consent['formLanguage'],
  validFrom: row.valid_from,
  validUntil: row.valid_until,
  revokedOn: row.revoked_on,
})
export type GateConsent = ReturnType<typeof asGateConsent>

/** One consent by id, as the gate sees it (state on the day included); null when it does not exist in the district. */
export async function consentById(
  db: Kysely<DB>,
  districtId: string,
  consentId: string,
): Promise<GateConsent | null> {
  const [row] = await selectConsents(db, [consentId])
  if (!row || row.district_id !== districtId) return null
  return asGateConsent(row)
}

/** Several consents at once (a page of referrals), read fresh, by id. */
export async function consentsByIds(
  db: Kysely<DB>,
  districtId: string,
  consentIds: readonly string[],
): Promise<Map<string, GateConsent>> {
  const rows = await selectConsents(db, [...new Set(consentIds)])
  return new Map(
    rows.filter((row) => row.district_id === districtId).map((row) => [row.id, asGateConsent(row)]),
  )
}

async function presentConsents(
  db: Kysely<DB>,
  districtId: string,
  rows: readonly ConsentRow[],
  today: string,
): Promise<Consent[]> {
  const [organisations, names, files] = await Promise.all([
    organisationNames(
      db,
      districtId,
      rows.flatMap((row) => row.recipient_organisation_ids),
    ),
    displayNames(
      db,
      districtId,
      rows.flatMap((row) => [row.recorded_by, ...(row.revoked_by ? [row.revoked_by] : [])]),
    ),
    selectFormFileInfo(
      db,
      rows.map((row) => row.id),
    ),
  ])
  const fileOf = new Map(files.map((file) => [file.consent_id, file]))
  return rows.map((row) => {
    const file = fileOf.get(row.id)
    return {
      id: row.id,
      personId: row.person_id,
      recipientOrganisationIds: row.recipient_organisation_ids,
      recipientOrganisations: row.recipient_organisation_ids.map((id) => ({
        id,
        name: organisations.get(id) ?? '',
      })),
      purposes: row.purposes as Consent['purposes'],
      dataCategories: row.data_categories as Consent['dataCategories'],
      legalBasis: row.legal_basis as Consent['legalBasis'],
      form: row.form as Consent['form'],
      textVersion: row.text_version,
      formLanguage: row.form_language as Consent['formLanguage'],
      validFrom: row.valid_from,
      validUntil: row.valid_until,
      note: row.note,
      state: consentStateOn(
        { validFrom: row.valid_from, validUntil: row.valid_until, revokedOn: row.revoked_on },
        today,
      ),
      recordedBy: names.get(row.recorded_by) ?? '',
      recordedAt: row.recorded_at,
      revokedOn: row.revoked_on,
      revokedAt: row.revoked_at,
      revokedBy: row.revoked_by ? (names.get(row.revoked_by) ?? '') : null,
      revocationNote: row.revocation_note,
      signedForm: file
        ? {
            fileName: file.file_name,
            mediaType: file.media_type,
            sizeBytes: file.size_bytes,
            uploadedAt: file.uploaded_at,
          }
        : null,
      version: row.version,
    }
  })
}

/** The consents of a person, newest end first; reading them is a read of the person's data (audited). */
export async function listConsents(
  db: Kysely<DB>,
  actor: Actor,
  personId: string,
  request: RequestContext,
): Promise<Consent[]> {
  await authorizeOnPerson(db, actor, 'person.read', personId)
  const [rows, time] = await Promise.all([
    selectConsentsOfPerson(db, personId),
    districtTime(db, actor.districtId, request.now),
  ])
  await recordAuditAlone(db, {
    ...request,
    action: 'person.read',
    subjectType: 'person',
    subjectId: personId,
    purpose: 'consents',
  })
  return presentConsents(db, actor.districtId, rows, time.today)
}

/** Loads a consent for an action on its person: 404 for another district's or a missing one. */
export async function authorizeOnConsent(
  db: Kysely<DB>,
  actor: Actor,
  action: 'person.read' | 'consent.manage' | 'consent.revoke',
  consentId: string,
) {
  const owner = await selectConsentOwner(db, consentId)
  assertRecordVisible(actor, owner?.district_id, { type: 'consent', id: consentId })
  await authorizeOnPerson(db, actor, action, (owner as { person_id: string }).person_id)
  return owner as { district_id: string; person_id: string }
}

/** One consent, for the person's readers (the printable form starts here). */
export async function readConsent(
  db: Kysely<DB>,
  actor: Actor,
  consentId: string,
  request: RequestContext,
): Promise<Consent> {
  await authorizeOnConsent(db, actor, 'person.read', consentId)
  const [rows, time] = await Promise.all([
    selectConsents(db, [consentId]),
    districtTime(db, actor.districtId, request.now),
  ])
  await recordAuditAlone(db, {
    ...request,
    action: 'consent.read',
    subjectType: 'consent',
    subjectId: consentId,
  })
  const [consent] = await presentConsents(db, actor.districtId, rows, time.today)
  if (!consent) throw new NotFound()
  return consent
}

/**
 * Records a consent. Refused, stored nothing and audited: validity that ends before it starts, and
 * a recipient that is no organisation of the district.
 */
export async function recordConsent(
  db: Kysely<DB>,
  actor: Actor,
  personId: string,
  input: ConsentInput,
  request: RequestContext,
): Promise<Consent> {
  await authorizeOnPerson(db, actor, 'consent.manage', personId)
  const refuse = async (code: 'consent-ends-before-start' | 'unknown-reference', field: string) => {
    await recordAuditAlone(db, {
      ...request,
      action: 'consent.create',
      outcome: 'failure',
      subjectType: 'person',
      subjectId: personId,
      purpose: code,
    })
    return fieldError(code, code === 'unknown-reference' ? 'rule-broken' : 'invalid', field)
  }
  if (input.validUntil < input.validFrom) throw await refuse('consent-ends-before-start', 'validUntil')
  const known = await organisationNames(db, actor.districtId, input.recipientOrganisationIds)
  if (known.size !== input.recipientOrganisationIds.length)
    throw await refuse('unknown-reference', 'recipientOrganisationIds')
  const id = await db.transaction().execute(async (trx) => {
    const consentId = await insertConsent(trx, {
      district_id: actor.districtId,
      person_id: personId,
      recipient_organisation_ids: input.recipientOrganisationIds,
      purposes: input.purposes,
      data_categories: input.dataCategories,
      legal_basis: input.legalBasis,
      form: input.form,
      text_version: input.textVersion,
      form_language: input.formLanguage,
      valid_from: input.validFrom,
      valid_until: input.validUntil,
      note: input.note,
      recorded_by: actor.userId,
    })
    await recordAudit(trx, {
      ...request,
      action: 'consent.create',
      subjectType: 'consent',
      subjectId: consentId,
    })
    return consentId
  })
  return readConsentUnaudited(db, actor.districtId, id, request.now)
}

async function readConsentUnaudited(db: Kysely<DB>, districtId: string, consentId: string, now: Date) {
  const [rows, time] = await Promise.all([selectConsents(db, [consentId]), districtTime(db, districtId, now)])
  const [consent] = await presentConsents(db, districtId, rows, time.today)
  if (!consent) throw new NotFound()
  return consent
}

/**
 * Revocation in one step. It holds from the day given (today when none) and, since every sharing
 * asks the ledger afresh, from the very next request on.
 */
export async function revokeConsent(
  db: Kysely<DB>,
  actor: Actor,
  consentId: string,
  input: Revocation,
  request: RequestContext,
): Promise<Consent> {
  await authorizeOnConsent(db, actor, 'consent.revoke', consentId)
  const { today } = await districtTime(db, actor.districtId, request.now)
  const revokedOn = input.revokedOn ?? today
  if (revokedOn > today) throw fieldError('date-in-future', 'invalid', 'revokedOn')
  await db.transaction().execute(async (trx) => {
    const revoked = await markRevoked(trx, consentId, {
      revoked_on: revokedOn,
      revoked_by: actor.userId,
      revocation_note: input.note,
    })
    if (!revoked) throw fieldError('consent-already-revoked', 'conflict', '')
    await recordAudit(trx, {
      ...request,
      action: 'consent.revoke',
      subjectType: 'consent',
      subjectId: consentId,
    })
  })
  return readConsentUnaudited(db, actor.districtId, consentId, request.now)
}

/** Whether the actor may upload the signed form: asked before the upload's body is read. */
export async function authorizeFormUpload(db: Kysely<DB>, actor: Actor, consentId: string): Promise<void> {
  await authorizeOnConsent(db, actor, 'consent.manage', consentId)
}

/** Keeps the signed form (PDF or image, checked by its content) with the consent. */
export async function uploadSignedForm(
  db: Kysely<DB>,
  actor: Actor,
  consentId: string,
  file: { fileName: string; content: Buffer },
  request: RequestContext,
): Promise<Consent> {
  await authorizeOnConsent(db, actor, 'consent.manage', consentId)
  const fileName = safeFileName(file.fileName)
  const accepted = formTypes[path.extname(fileName).slice(1).toLowerCase()]
  if (!accepted) throw fieldError('document-type-not-allowed', 'unsupported-type', 'file')
  const detected = await fileTypeFromBuffer(file.content)
  if (detected?.ext !== accepted.detected)
    throw fieldError('document-type-mismatch', 'unsupported-type', 'file')
  await db.transaction().execute(async (trx) => {
    await upsertFormFile(trx, {
      consent_id: consentId,
      district_id: actor.districtId,
      file_name: fileName,
      media_type: accepted.mediaType,
      size_bytes: file.content.length,
      sha256: createHash('sha256').update(file.content).digest('hex'),
      content: file.content,
      uploaded_by: actor.userId,
    })
    await recordAudit(trx, {
      ...request,
      action: 'consent.form-upload',
      subjectType: 'consent',
      subjectId: consentId,
    })
  })
  return readConsentUnaudited(db, actor.districtId, consentId, request.now)
}

export async function downloadSignedForm(
  db: Kysely<DB>,
  actor: Actor,
  consentId: string,
  request: RequestContext,
): Promise<{ fileName: string; mediaType: string; content: Buffer }> {
  await authorizeOnConsent(db, actor, 'person.read', consentId)
  const file = await selectFormFile(db, consentId)
  if (!file) throw new NotFound()
  await recordAuditAlone(db, {
    ...request,
    action: 'consent.form-download',
    subjectType: 'consent',
    subjectId: consentId,
  })
  return { fileName: file.file_name, mediaType: file.media_type, content: file.content }
}

/** Consents of the case's persons on its timeline: when recorded and, apart, when revoked. */
export async function consentTimeline(
  db: Kysely<DB>,
  subject: { districtId: string; personIds: string[] },
): Promise<TimelineEntry[]> {
  const rows = await selectConsentsOfPersons(db, subject.personIds)
  const mine = rows.filter((row) => row.district_id === subject.districtId)
  const [organisations, names] = await Promise.all([
    organisationNames(
      db,
      subject.districtId,
      mine.flatMap((row) => row.recipient_organisation_ids),
    ),
    displayNames(
      db,
      subject.districtId,
      mine.flatMap((row) => [row.recorded_by, ...(row.revoked_by ? [row.revoked_by] : [])]),
    ),
  ])
  const recipients = (row: ConsentRow) =>
    row.recipient_organisation_ids.map((id) => organisations.get(id) ?? '').filter(Boolean)
  return mine.flatMap((row) => {
    const summary: TimelineEntry['summary'] = {
      personId: row.person_id,
      recipients: recipients(row),
      purposes: row.purposes,
      validFrom: row.valid_from,
      validUntil: row.valid_until,
    }
    const recorded: TimelineEntry = {
      kind: 'consent',
      id: row.id,
      at: row.recorded_at,
      actorName: names.get(row.recorded_by) ?? null,
      summary,
    }
    if (!row.revoked_at || !row.revoked_by) return [recorded]
    return [
      recorded,
      {
        kind: 'consent-revoked' as const,
        id: `${row.id}:revoked`,
        at: row.revoked_at,
        actorName: names.get(row.revoked_by) ?? null,
        summary: { personId: row.person_id, recipients: recipients(row), revokedOn: row.revoked_on },
      },
    ]
  })
}
