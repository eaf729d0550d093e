import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { Organisation, Team } from '../../../common/identity.ts'
import type { DB } from '../../db/schema.ts'
import { actorOf, requestContext } from '../../platform/access.ts'
import type { ExportColumn, ExportFormat, ListExport } from '../../platform/list-export.ts'
import { recordAuditAlone } from '../audit/index.ts'
import { listOrganisations, listTeams } from './organisation.service.ts'

/** The administration's table of partner organisations. */
export const organisationColumns: ExportColumn<Organisation>[] = [
  { header: 'organisations.name', value: (item) => item.name },
  { header: 'organisations.kind', value: (item) => item.kind, labels: 'organisationKinds' },
  { header: 'organisations.legalSpheres', value: (item) => item.legalSpheres },
  { header: 'organisations.partnerUsers', value: (item) => item.memberCount },
]

/** The administration's table of teams. */
export const teamColumns: ExportColumn<Team>[] = [
  { header: 'organisations.teamName', value: (item) => item.name },
  { header: 'organisations.members', value: (item) => item.memberCount },
]

/** The district's partner organisations as listed; no personal data, audited as `organisation.export`. */
export async function exportOrganisations(
  db: Kysely<DB>,
  request: FastifyRequest,
  format: ExportFormat,
): Promise<ListExport<Organisation>> {
  const rows = await listOrganisations(db, actorOf(request))
  await recordAuditAlone(db, {
    ...requestContext(request),
    action: 'organisation.export',
    purpose: `${format}:${rows.length}`,
  })
  return { sheet: 'organisations.organisations', columns: organisationColumns, rows }
}

/** The district's teams as listed; no personal data, audited as `team.export`. */
export async function exportTeams(
  db: Kysely<DB>,
  request: FastifyRequest,
  format: ExportFormat,
): Promise<ListExport<Team>> {
  const rows = await listTeams(db, actorOf(request))
  await recordAuditAlone(db, {
    ...requestContext(request),
    action: 'team.export',
    purpose: `${format}:${rows.length}`,
  })
  return { sheet: 'organisations.teams', columns: teamColumns, rows }
}
