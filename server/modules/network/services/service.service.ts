import type { Kysely, Selectable } from 'kysely'
import type {
  Service,
  ServiceDomain,
  ServiceInput,
  ServiceListQuery,
  ServiceOverview,
  TargetGroup,
} from '../../../../common/network.ts'
import { serviceDomains } from '../../../../common/network.ts'
import type { Page } from '../../../../common/pagination.ts'
import type { ServiceTable } from '../../../db/schema.network-directory.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { districtTime } from '../../../platform/district-time.ts'
import { Conflict, NotFound, PreconditionRequired } from '../../../platform/errors.ts'
import {
  type Actor,
  assertRecordVisible,
  authorize,
  can,
  type OrganisationSubject,
  ownDistrict,
} from '../../../platform/policy.ts'
import { recordAudit } from '../../audit/index.ts'
import { districtMunicipalities } from '../../districts/index.ts'
import { organisationNames } from '../../identity/index.ts'
import { assertMunicipalities, loadOrganisationSubject, ruleViolation } from '../network.access.ts'
import {
  deleteServiceIfVersion,
  insertService,
  type ServiceValues,
  selectOverviewCounts,
  selectService,
  selectServiceDistrict,
  selectServiceNames,
  selectServices,
  updateServiceIfVersion,
} from './service.queries.ts'

type ServiceRow = Selectable<ServiceTable>

const organisationSubject = (districtId: string, organisationId: string): OrganisationSubject => ({
  type: 'organisation',
  districtId,
  organisationId,
})

function present(actor: Actor, row: ServiceRow, organisationName: string): Service {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    organisationName,
    name: row.name,
    description: row.description,
    domains: row.domains as ServiceDomain[],
    targetGroups: row.target_groups as TargetGroup[],
    municipalityIds: row.municipality_ids,
    languages: row.languages,
    eligibility: row.eligibility,
    contact: row.contact,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
    can: { edit: can(actor, 'service.edit', organisationSubject(actor.districtId, row.organisation_id)) },
  }
}

const valuesOf = (input: ServiceInput): ServiceValues => ({
  organisation_id: input.organisationId,
  name: input.name,
  description: input.description,
  domains: [...new Set(input.domains)],
  target_groups: [...new Set(input.targetGroups)],
  municipality_ids: input.municipalityIds,
  languages: [...new Set(input.languages)],
  eligibility: input.eligibility,
  contact: input.contact,
  starts_on: input.startsOn,
  ends_on: input.endsOn,
})

/** The service map as a list: filtered, current ones only unless asked for all, by name. */
export async function listServices(
  db: Kysely<DB>,
  actor: Actor,
  query: ServiceListQuery,
  now: Date,
): Promise<Page<Service>> {
  authorize(actor, 'network.read', ownDistrict(actor))
  const { today } = await districtTime(db, actor.districtId, now)
  const { rows, total } = await selectServices(
    db,
    actor.districtId,
    { ...query, currentOn: query.current === 'false' ? undefined : today },
    query,
  )
  const names = await organisationNames(
    db,
    actor.districtId,
    rows.map((row) => row.organisation_id),
  )
  return {
    items: rows.map((row) => present(actor, row, names.get(row.organisation_id) ?? '')),
    total,
    limit: query.limit,
    offset: query.offset,
  }
}

/** A service of the district; another district's answers 404 like a missing one. */
async function loadService(db: Kysely<DB>, actor: Actor, serviceId: string) {
  assertRecordVisible(actor, await selectServiceDistrict(db, serviceId), { type: 'service', id: serviceId })
  const row = await selectService(db, serviceId)
  if (!row) throw new NotFound()
  return row
}

export async function getService(db: Kysely<DB>, actor: Actor, serviceId: string): Promise<Service> {
  const row = await loadService(db, actor, serviceId)
  authorize(actor, 'network.read', ownDistrict(actor))
  const names = await organisationNames(db, actor.districtId, [row.organisation_id])
  return present(actor, row, names.get(row.organisation_id) ?? '')
}

/**
 * The organisation a service is for must be one of the district's (a foreign or unknown one is an
 * unknown reference at the field), and the actor must keep that organisation's entries.
 */
async function authorizeFor(db: Kysely<DB>, actor: Actor, organisationId: string) {
  const subject = await loadOrganisationSubject(db, actor, organisationId).catch((error: unknown) => {
    if (error instanceof NotFound) throw ruleViolation('unknown-reference', 'organisationId')
    throw error
  })
  authorize(actor, 'service.edit', subject)
}

export async function createService(
  db: Kysely<DB>,
  actor: Actor,
  input: ServiceInput,
  request: RequestContext,
): Promise<Service> {
  authorize(actor, 'network.read', ownDistrict(actor))
  await authorizeFor(db, actor, input.organisationId)
  await assertMunicipalities(db, actor.districtId, input.municipalityIds, 'municipalityIds')
  const id = await db.transaction().execute(async (trx) => {
    const serviceId = await insertService(trx, actor.districtId, actor.userId, valuesOf(input))
    await recordAudit(trx, {
      ...request,
      action: 'service.create',
      subjectType: 'service',
      subjectId: serviceId,
    })
    return serviceId
  })
  return getService(db, actor, id)
}

/** Changes a service; moving it to another organisation needs the right to keep both. */
export async function updateService(
  db: Kysely<DB>,
  actor: Actor,
  serviceId: string,
  expectedVersion: number | undefined,
  input: ServiceInput,
  request: RequestContext,
): Promise<Service> {
  const row = await loadService(db, actor, serviceId)
  authorize(actor, 'service.edit', organisationSubject(actor.districtId, row.organisation_id))
  if (input.organisationId !== row.organisation_id) await authorizeFor(db, actor, input.organisationId)
  if (expectedVersion === undefined) throw new PreconditionRequired()
  await assertMunicipalities(db, actor.districtId, input.municipalityIds, 'municipalityIds')
  await db.transaction().execute(async (trx) => {
    if (!(await updateServiceIfVersion(trx, actor.districtId, serviceId, expectedVersion, valuesOf(input))))
      throw new Conflict()
    await recordAudit(trx, {
      ...request,
      action: 'service.update',
      subjectType: 'service',
      subjectId: serviceId,
    })
  })
  return getService(db, actor, serviceId)
}

export async function deleteService(
  db: Kysely<DB>,
  actor: Actor,
  serviceId: string,
  expectedVersion: number | undefined,
  request: RequestContext,
): Promise<void> {
  const row = await loadService(db, actor, serviceId)
  authorize(actor, 'service.edit', organisationSubject(actor.districtId, row.organisation_id))
  if (expectedVersion === undefined) throw new PreconditionRequired()
  await db.transaction().execute(async (trx) => {
    if (!(await deleteServiceIfVersion(trx, serviceId, expectedVersion))) throw new Conflict()
    await recordAudit(trx, {
      ...request,
      action: 'service.delete',
      subjectType: 'service',
      subjectId: serviceId,
    })
  })
}

/** Every municipality of the district with its current services in all and per domain. */
export async function serviceOverview(db: Kysely<DB>, actor: Actor, now: Date): Promise<ServiceOverview> {
  authorize(actor, 'network.read', ownDistrict(actor))
  const { today } = await districtTime(db, actor.districtId, now)
  const [municipalities, counts] = await Promise.all([
    districtMunicipalities(db, actor.districtId),
    selectOverviewCounts(db, actor.districtId, today),
  ])
  const totals = new Map(counts.totals.map((row) => [row.municipality_id, Number(row.n)]))
  return {
    municipalities: municipalities
      .map((municipality) => {
        const byDomain = Object.fromEntries(serviceDomains.map((domain) => [domain, 0])) as Record<
          ServiceDomain,
          number
        >
        for (const row of counts.byDomain) {
          if (row.municipality_id === municipality.id) byDomain[row.domain as ServiceDomain] = Number(row.n)
        }
        return {
          municipalityId: municipality.id,
          name: municipality.name,
          total: totals.get(municipality.id) ?? 0,
          byDomain,
        }
      })
      .sort((a, b) => a.name.localeCompare(b.name, 'de')),
  }
}

/** Service names by organisation, for the directory's search and its service counts. */
export async function serviceNamesByOrganisation(
  db: Kysely<DB>,
  districtId: string,
): Promise<Map<string, string[]>> {
  const rows = await selectServiceNames(db, districtId)
  const byOrganisation = new Map<string, string[]>()
  for (const row of rows) {
    const names = byOrganisation.get(row.organisation_id) ?? []
    names.push(row.name)
    byOrganisation.set(row.organisation_id, names)
  }
  return byOrganisation
}

/**
 * A service a referral may go to: one of the organisation's, in the district, not ended before
 * the day. Null otherwise (another organisation's, another district's, ended, missing).
 */
export async function referrableService(
  db: Kysely<DB>,
  wanted: { districtId: string; organisationId: string; serviceId: string; on: string },
): Promise<{ id: string; name: string } | null> {
  const row = await selectService(db, wanted.serviceId)
  if (!row || row.district_id !== wanted.districtId || row.organisation_id !== wanted.organisationId)
    return null
  if (row.ends_on !== null && row.ends_on < wanted.on) return null
  return { id: row.id, name: row.name }
}
