import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { Service, ServiceListQuery } from '../../../../common/network.ts'
import type { DB } from '../../../db/schema.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import { preferredLanguage } from '../../../platform/language.ts'
import {
  allPages,
  type ExportColumn,
  type ExportFormat,
  type ListExport,
} from '../../../platform/list-export.ts'
import { recordAuditAlone } from '../../audit/index.ts'
import { municipalityNames } from '../../districts/index.ts'
import { listServices } from './service.service.ts'

type ServiceRow = Service & { municipalityNames: string[]; languageNames: string[] }

/** The service map's table; the period, one cell on screen, is two date columns here. */
export const serviceColumns: ExportColumn<ServiceRow>[] = [
  { header: 'network.fields.service', value: (row) => row.name },
  { header: 'network.fields.organisation', value: (row) => row.organisationName },
  { header: 'network.fields.domains', value: (row) => row.domains, labels: 'casework.domains' },
  { header: 'network.fields.targetGroups', value: (row) => row.targetGroups, labels: 'network.targetGroups' },
  { header: 'network.fields.municipalities', value: (row) => row.municipalityNames },
  { header: 'network.fields.languages', value: (row) => row.languageNames },
  { header: 'network.fields.startsOn', value: (row) => row.startsOn, kind: 'date' },
  { header: 'network.fields.endsOn', value: (row) => row.endsOn, kind: 'date' },
  { header: 'network.fields.eligibility', value: (row) => row.eligibility },
  { header: 'network.fields.contact', value: (row) => row.contact },
]

export async function exportServices(
  db: Kysely<DB>,
  request: FastifyRequest,
  query: Omit<ServiceListQuery, 'limit' | 'offset'>,
  format: ExportFormat,
): Promise<ListExport<ServiceRow>> {
  const actor = actorOf(request)
  const context = requestContext(request)
  const services = await allPages((offset, limit) =>
    listServices(db, actor, { ...query, offset, limit }, context.now),
  )
  const places = await municipalityNames(db, actor.districtId, [
    ...new Set(services.flatMap((service) => service.municipalityIds)),
  ])
  const languages = new Intl.DisplayNames([preferredLanguage(request)], { type: 'language' })
  const rows = services.map((service) => ({
    ...service,
    municipalityNames: service.municipalityIds.map((id) => places.get(id) ?? '').filter(Boolean),
    languageNames: service.languages.map((code) => languages.of(code) ?? code),
  }))
  await recordAuditAlone(db, { ...context, action: 'service.export', purpose: `${format}:${rows.length}` })
  return { sheet: 'network.services.title', columns: serviceColumns, rows }
}
