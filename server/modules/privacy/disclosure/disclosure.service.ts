import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { type Actor, assertRecordVisible, authorize, ownDistrict } from '../../../platform/policy.ts'
import { accessesOfRecords, recordAuditAlone } from '../../audit/index.ts'
import { personCaseWorkDisclosure, personDistrict } from '../../casework/index.ts'
import { getDistrictName } from '../../districts/index.ts'
import { userProfiles } from '../../identity/index.ts'
import { personNetworkDisclosure } from '../../network/index.ts'
import { restrictionHistory } from '../restriction/restriction.service.ts'

/**
 * The version of the disclosure's JSON shape (docs/privacy-requests.md describes it). Raised when a
 * field is renamed or removed; new fields may arrive within a version.
 */
export const disclosureSchemaVersion = 1

/** How many audit entries the report lists at most (newest first); the total is named when cut. */
const accessLimit = 10_000

/** The audit trail's subject types of a person's records (as the modules write them). */
const recordTypes = [
  'person',
  'case',
  'goal',
  'measure',
  'contact',
  'task',
  'document',
  'consent',
  'referral',
  'case-conference',
  'legal-sphere-change',
]

/**
 * Everything Lotse holds about one person (Art. 15 GDPR), gathered from each owning module's
 * service, and — as the machine-readable copy the subject may take elsewhere — the answer to
 * Art. 20 too. Only the data protection officer answers requests; each answer is audited.
 */
export async function personDisclosure(
  db: Kysely<DB>,
  actor: Actor,
  personId: string,
  request: RequestContext,
) {
  // Existence first: another district's person answers 404 for every role, as a missing one.
  assertRecordVisible(actor, await personDistrict(db, personId), { type: 'person', id: personId })
  authorize(actor, 'privacy-request.handle', ownDistrict(actor))
  const casework = await personCaseWorkDisclosure(db, actor.districtId, personId)
  if (!casework) throw new Error('person vanished between the district check and the read')
  const caseReferences = new Map(casework.cases.map((row) => [row.id, row.reference]))
  const [network, districtName, restrictions] = await Promise.all([
    personNetworkDisclosure(db, actor.districtId, personId, caseReferences),
    getDistrictName(db, actor.districtId),
    restrictionHistory(db, actor.districtId, personId),
  ])
  const accesses = await accessesOfRecords(
    db,
    actor.districtId,
    { types: recordTypes, ids: [personId, ...casework.recordIds, ...network.recordIds] },
    accessLimit + 1,
  )
  const profiles = await userProfiles(
    db,
    actor.districtId,
    accesses.flatMap((entry) => (entry.actorId ? [entry.actorId] : [])),
  )
  await recordAuditAlone(db, {
    ...request,
    action: 'person.disclosure',
    subjectType: 'person',
    subjectId: personId,
    purpose: 'Art. 15 DSGVO',
  })
  const { recordIds: _caseRecordIds, caseIds: _caseIds, ...caseWork } = casework
  const { recordIds: _networkRecordIds, ...networkPart } = network
  return {
    schemaVersion: disclosureSchemaVersion,
    generatedAt: request.now.toISOString(),
    controller: districtName,
    ...caseWork,
    ...networkPart,
    restrictions,
    accessesTruncated: accesses.length > accessLimit,
    accesses: accesses.slice(0, accessLimit).map((entry) => {
      const profile = entry.actorId ? profiles.get(entry.actorId) : undefined
      return {
        occurredAt: entry.occurredAt,
        user: profile?.displayName ?? null,
        roles: entry.actorRoles,
        organisation: profile?.organisationName ?? null,
        action: entry.action,
        outcome: entry.outcome,
        record: entry.subjectType,
        purpose: entry.purpose,
      }
    }),
  }
}

export type PersonDisclosure = Awaited<ReturnType<typeof personDisclosure>>
