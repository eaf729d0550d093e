import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { ConferenceListItem } from '../../../../common/conference.ts'
import type { DB } from '../../../db/schema.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { ExportColumn, ExportFormat, ListExport } from '../../../platform/list-export.ts'
import { recordAuditAlone } from '../../audit/index.ts'
import { listDistrictConferences } from './conference.service.ts'

/**
 * The district's conference list. The screen's "2 von 3" under open steps is two numbers here,
 * so a spreadsheet can sum them; the case's reference only where the list shows it.
 */
export const conferenceColumns: ExportColumn<ConferenceListItem>[] = [
  { header: 'caseConferences.heldOn', value: (item) => item.heldOn, kind: 'date' },
  { header: 'caseConferences.kind', value: (item) => item.kind, labels: 'caseConferences.kinds' },
  { header: 'caseConferences.organisations', value: (item) => item.organisations },
  { header: 'caseConferences.openActions', value: (item) => item.openActionCount },
  { header: 'caseConferences.actions', value: (item) => item.actionCount },
  { header: 'caseConferences.case', value: (item) => item.case?.reference },
]

/** The district's conferences as listed; names case references, audited as `case-conference.export`. */
export async function exportConferences(
  db: Kysely<DB>,
  request: FastifyRequest,
  format: ExportFormat,
): Promise<ListExport<ConferenceListItem>> {
  const context = requestContext(request)
  const rows = await listDistrictConferences(db, actorOf(request), context)
  await recordAuditAlone(db, {
    ...context,
    action: 'case-conference.export',
    purpose: `${format}:${rows.length}`,
  })
  return { sheet: 'caseConferences.pageTitle', columns: conferenceColumns, rows }
}
