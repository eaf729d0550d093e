import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { LegalSphereChangeListItem } from '../../../../common/legal-sphere.ts'
import type { DB } from '../../../db/schema.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import { preferredLanguage } from '../../../platform/language.ts'
import {
  type ExportColumn,
  type ExportFormat,
  type ListExport,
  webText,
} from '../../../platform/list-export.ts'
import { recordAuditAlone } from '../../audit/index.ts'
import { listChanges } from './transition.service.ts'

type ChangeRow = LegalSphereChangeListItem & { change: string }

/** Both tables of the page in one sheet, the upcoming ones first; a column says which table. */
export const legalSphereChangeColumns: ExportColumn<ChangeRow>[] = [
  { header: 'legalSphereChanges.upcomingColumn', value: (row) => row.upcoming },
  { header: 'legalSphereChanges.effectiveOn', value: (row) => row.effectiveOn, kind: 'date' },
  {
    header: 'legalSphereChanges.person',
    value: (row) => `${row.person.familyName}, ${row.person.givenNames}`,
  },
  { header: 'casework.fields.reference', value: (row) => row.caseReference },
  { header: 'legalSphereChanges.change', value: (row) => row.change },
  { header: 'legalSphereChanges.reason', value: (row) => row.reason, labels: 'legalSphereChanges.reasons' },
  {
    header: 'legalSphereChanges.checklist',
    value: (row) =>
      row.steps.length === 0
        ? null
        : `${row.steps.filter((step) => step.doneOn !== null).length} / ${row.steps.length}`,
  },
  {
    header: 'legalSphereChanges.firstContact',
    value: (row) =>
      row.toSphere !== 'SGB II'
        ? null
        : (row.firstJobcenterContactOn ?? { label: 'legalSphereChanges.noContactYetShort' }),
    kind: 'date',
  },
]

/** The changes of the persons the reader may read; names of clients, so audited as `legal-sphere-change.export`. */
export async function exportLegalSphereChanges(
  db: Kysely<DB>,
  request: FastifyRequest,
  format: ExportFormat,
): Promise<ListExport<ChangeRow>> {
  const context = requestContext(request)
  const list = await listChanges(db, actorOf(request), context)
  const language = preferredLanguage(request)
  const sphere = (value: string) => webText(language, `legalSphereChanges.spheres.${value}`)
  const rows = [...list.upcoming, ...list.recent].map((item) => ({
    ...item,
    change: `${sphere(item.fromSphere)} → ${sphere(item.toSphere)}`,
  }))
  await recordAuditAlone(db, {
    ...context,
    action: 'legal-sphere-change.export',
    purpose: `${format}:${rows.length}`,
  })
  return { sheet: 'legalSphereChanges.pageTitle', columns: legalSphereChangeColumns, rows }
}
