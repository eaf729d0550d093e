import type { Kysely } from 'kysely'
import type {
  DirectoryEntry,
  DirectoryQuery,
  PartnerProfile,
  PartnerProfileInput,
} from '../../../../common/network.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { Conflict, NotFound, PreconditionRequired } from '../../../platform/errors.ts'
import { type Actor, authorize, can, ownDistrict } from '../../../platform/policy.ts'
import { recordAudit } from '../../audit/index.ts'
import { districtOrganisations } from '../../identity/index.ts'
import { assertMunicipalities, loadOrganisationSubject } from '../network.access.ts'
import { matchesWords, searchWords } from '../network.search.ts'
import { serviceNamesByOrganisation } from '../services/service.service.ts'
import {
  insertProfile,
  type ProfileValues,
  replaceContactPersons,
  selectContactPersons,
  selectProfile,
  selectProfiles,
  updateProfileIfVersion,
} from './directory.queries.ts'

/**
 * The partner directory: identity's organisations with the profile the network keeps beside
 * them. A district has tens to a few hundred organisations, so the list is filtered in memory
 * after two reads, and every filter sees the same data.
 */
export async function listDirectory(
  db: Kysely<DB>,
  actor: Actor,
  query: DirectoryQuery,
): Promise<{ items: DirectoryEntry[]; total: number }> {
  authorize(actor, 'network.read', ownDistrict(actor))
  const [organisations, profiles, contactPersons, services] = await Promise.all([
    districtOrganisations(db, actor.districtId),
    selectProfiles(db, actor.districtId),
    selectContactPersons(db, actor.districtId),
    serviceNamesByOrganisation(db, actor.districtId),
  ])
  const profileOf = new Map(profiles.map((row) => [row.organisation_id, row]))
  const words = searchWords(query.q ?? '')
  const items: DirectoryEntry[] = []
  for (const organisation of organisations) {
    const profile = profileOf.get(organisation.id)
    const persons = contactPersons.filter((person) => person.organisation_id === organisation.id)
    const serviceNames = services.get(organisation.id) ?? []
    const municipalityIds = profile?.municipality_ids ?? []
    if (query.kind && organisation.kind !== query.kind) continue
    if (query.legalSphere && !organisation.legalSpheres.includes(query.legalSphere)) continue
    if (query.municipalityId && !municipalityIds.includes(query.municipalityId)) continue
    const haystack = [
      organisation.name,
      profile?.city ?? '',
      ...persons.flatMap((person) => [person.name, person.function]),
      ...serviceNames,
    ]
    if (!matchesWords(words, haystack)) continue
    items.push({
      id: organisation.id,
      name: organisation.name,
      kind: organisation.kind,
      legalSpheres: organisation.legalSpheres,
      city: profile?.city ?? '',
      municipalityIds,
      contactPersonCount: persons.length,
      serviceCount: serviceNames.length,
    })
  }
  // In German order (the database's collation may put "AWO" before "Agentur").
  items.sort((a, b) => a.name.localeCompare(b.name, 'de'))
  return { items, total: items.length }
}

/** One organisation's directory entry: address, opening hours, municipalities and contact persons. */
export async function getProfile(
  db: Kysely<DB>,
  actor: Actor,
  organisationId: string,
): Promise<PartnerProfile> {
  const subject = await loadOrganisationSubject(db, actor, organisationId)
  authorize(actor, 'network.read', ownDistrict(actor))
  const organisation = (await districtOrganisations(db, actor.districtId)).find(
    (each) => each.id === organisationId,
  )
  if (!organisation) throw new NotFound()
  const [profile, persons] = await Promise.all([
    selectProfile(db, organisationId),
    selectContactPersons(db, actor.districtId, organisationId),
  ])
  return {
    organisationId,
    name: organisation.name,
    kind: organisation.kind,
    legalSpheres: organisation.legalSpheres,
    street: profile?.street ?? '',
    postcode: profile?.postcode ?? '',
    city: profile?.city ?? '',
    phone: profile?.phone ?? '',
    email: profile?.email ?? '',
    website: profile?.website ?? '',
    openingHours: profile?.opening_hours ?? '',
    municipalityIds: profile?.municipality_ids ?? [],
    contactPersons: persons.map((person) => ({
      id: person.id,
      name: person.name,
      function: person.function,
      phone: person.phone,
      email: person.email,
    })),
    version: profile?.version ?? 0,
    updatedAt: profile ? new Date(profile.updated_at).toISOString() : null,
    can: { edit: can(actor, 'directory.edit', subject), editServices: can(actor, 'service.edit', subject) },
  }
}

/**
 * Sets an organisation's profile and contact persons as one record with one version: the first
 * save takes If-Match "0", every later one the version it read.
 */
export async function updateProfile(
  db: Kysely<DB>,
  actor: Actor,
  organisationId: string,
  expectedVersion: number | undefined,
  input: PartnerProfileInput,
  request: RequestContext,
): Promise<PartnerProfile> {
  const subject = await loadOrganisationSubject(db, actor, organisationId)
  authorize(actor, 'directory.edit', subject)
  if (expectedVersion === undefined) throw new PreconditionRequired()
  await assertMunicipalities(db, actor.districtId, input.municipalityIds, 'municipalityIds')
  const values: ProfileValues = {
    street: input.street,
    postcode: input.postcode,
    city: input.city,
    phone: input.phone,
    email: input.email,
    website: input.website,
    opening_hours: input.openingHours,
    municipality_ids: input.municipalityIds,
    updated_by: actor.userId,
  }
  await db.transaction().execute(async (trx) => {
    const saved =
      expectedVersion === 0
        ? await insertProfile(trx, actor.districtId, organisationId, values)
        : await updateProfileIfVersion(trx, organisationId, expectedVersion, values)
    if (!saved) throw new Conflict()
    await replaceContactPersons(trx, actor.districtId, organisationId, input.contactPersons)
    await recordAudit(trx, {
      ...request,
      action: 'partner-profile.update',
      subjectType: 'organisation',
      subjectId: organisationId,
    })
  })
  return getProfile(db, actor, organisationId)
}
