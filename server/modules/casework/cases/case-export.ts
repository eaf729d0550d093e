import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { CaseListQuery, CaseSummary } from '../../../../common/casework.ts'
import type { DB } from '../../../db/schema.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { ExportColumn, ExportFormat, ListExport } from '../../../platform/list-export.ts'
import { listCases } from './case.service.ts'

/** A birth date as known: a whole day as TT.MM.JJJJ, a month as MM.JJJJ, a year alone as is. */
const germanBirthDate = (value: string) => value.split('-').reverse().join('.')

/**
 * The case list's columns, by the texts the list and the case header use. Text goes into string
 * cells exactly as stored: an XLSX string cell is never read as a formula, so "=…" or "|…" needs
 * no escaping there (the CSV writer escapes it).
 */
export const caseColumns: ExportColumn<CaseSummary>[] = [
  { header: 'casework.fields.reference', value: (item) => item.reference },
  {
    header: 'casework.listExport.persons',
    value: (item) => item.persons.map((person) => `${person.familyName}, ${person.givenNames}`).join('; '),
  },
  {
    header: 'casework.fields.birthDate',
    value: (item) =>
      item.persons.map((person) => (person.birthDate ? germanBirthDate(person.birthDate) : '')).join('; '),
  },
  { header: 'casework.fields.phase', value: (item) => item.phase, labels: 'casework.phases' },
  { header: 'casework.fields.municipality', value: (item) => item.municipalityName },
  { header: 'casework.fields.team', value: (item) => item.teamName },
  {
    header: 'casework.listExport.managers',
    value: (item) => item.managers.map((manager) => manager.displayName).join('; '),
  },
  { header: 'casework.listExport.openedOn', value: (item) => item.openedOn, kind: 'date' },
  { header: 'casework.fields.lastContact', value: (item) => item.lastContactOn, kind: 'date' },
  { header: 'casework.listExport.openTasks', value: (item) => item.openTaskCount },
  { header: 'casework.tasks.groupName.overdue', value: (item) => item.overdueTaskCount },
]

/**
 * The filtered case list (up to `limit` rows, at most 10,000), for the case manager's own
 * follow-up work; the list service authorises it and audits it as `case.export`.
 */
export async function exportCases(
  db: Kysely<DB>,
  request: FastifyRequest,
  query: CaseListQuery,
  _format: ExportFormat,
): Promise<ListExport<CaseSummary>> {
  const page = await listCases(db, actorOf(request), query, requestContext(request), 'export')
  return { sheet: 'casework.list.title', columns: caseColumns, rows: page.items }
}
