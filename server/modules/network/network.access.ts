import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { type ErrorKind, fieldError } from '../../platform/errors.ts'
import type { MessageCode } from '../../platform/messages.ts'
import { type Actor, assertRecordVisible, type OrganisationSubject } from '../../platform/policy.ts'
import { municipalityNames } from '../districts/index.ts'
import { organisationDistrict } from '../identity/index.ts'

/** A rule of the network was broken: the message belongs next to the named field of the input. */
export const ruleViolation = (code: MessageCode, field: string, kind: ErrorKind = 'rule-broken') =>
  fieldError(code, kind, field)

/**
 * An organisation as the policy sees it. Existence first, across districts: another district's
 * organisation answers 404 exactly like a missing one, and the attempt is audited as denied.
 */
export async function loadOrganisationSubject(
  db: Kysely<DB>,
  actor: Actor,
  organisationId: string,
): Promise<OrganisationSubject> {
  assertRecordVisible(actor, await organisationDistrict(db, organisationId), {
    type: 'organisation',
    id: organisationId,
  })
  return { type: 'organisation', districtId: actor.districtId, organisationId }
}

/** Every municipality named must be one of the district's (asked of the districts module). */
export async function assertMunicipalities(
  db: Kysely<DB>,
  districtId: string,
  ids: readonly string[],
  field: string,
): Promise<void> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return
  const found = await municipalityNames(db, districtId, unique)
  if (found.size !== unique.length) throw ruleViolation('unknown-reference', field)
}
