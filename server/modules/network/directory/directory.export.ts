import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { DirectoryEntry, directoryQuerySchema } from '../../../../common/network.ts'
import type { DB } from '../../../db/schema.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { ExportColumn, ExportFormat, ListExport } from '../../../platform/list-export.ts'
import { recordAuditAlone } from '../../audit/index.ts'
import { districtMunicipalities } from '../../districts/index.ts'
import { listDirectory } from './directory.service.ts'

type DirectoryRow = DirectoryEntry & { served: string[] | { label: string } }

/** The partner directory's table, its municipalities by name ("whole district" when all). */
export const directoryColumns: ExportColumn<DirectoryRow>[] = [
  { header: 'network.fields.organisation', value: (row) => row.name },
  { header: 'network.fields.kind', value: (row) => row.kind, labels: 'organisationKinds' },
  { header: 'network.fields.legalSpheres', value: (row) => row.legalSpheres },
  { header: 'network.fields.city', value: (row) => row.city },
  { header: 'network.fields.served', value: (row) => row.served },
  { header: 'network.directory.contactCount', value: (row) => row.contactPersonCount },
  { header: 'network.directory.serviceCount', value: (row) => row.serviceCount },
]

/** The directory as searched and filtered on screen; audited as `directory.export`. */
export async function exportDirectory(
  db: Kysely<DB>,
  request: FastifyRequest,
  query: z.output<typeof directoryQuerySchema>,
  format: ExportFormat,
): Promise<ListExport<DirectoryRow>> {
  const actor = actorOf(request)
  const [{ items }, municipalities] = await Promise.all([
    listDirectory(db, actor, query),
    districtMunicipalities(db, actor.districtId),
  ])
  const names = new Map(municipalities.map((each) => [each.id, each.name]))
  const rows = items.map((item) => ({
    ...item,
    served:
      item.municipalityIds.length > 0 && item.municipalityIds.length === municipalities.length
        ? { label: 'network.directory.wholeDistrict' }
        : item.municipalityIds
            .map((id) => names.get(id) ?? '')
            .filter(Boolean)
            .sort((a, b) => a.localeCompare(b, 'de')),
  }))
  await recordAuditAlone(db, {
    ...requestContext(request),
    action: 'directory.export',
    purpose: `${format}:${rows.length}`,
  })
  return { sheet: 'network.directory.title', columns: directoryColumns, rows }
}
