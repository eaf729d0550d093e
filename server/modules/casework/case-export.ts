import ExcelJS from 'exceljs'
import type { CaseSummary } from '../../../common/casework.ts'
import type { Language } from '../../platform/language.ts'

const headers = {
  de: [
    'Aktenzeichen',
    'Personen',
    'Geburtsdatum',
    'Phase',
    'Kommune',
    'Team',
    'Fallverantwortung',
    'Eröffnet',
    'Letzter Kontakt',
    'Offene Wiedervorlagen',
    'Überfällig',
  ],
  en: [
    'Reference',
    'Persons',
    'Date of birth',
    'Phase',
    'Municipality',
    'Team',
    'Case managers',
    'Opened',
    'Last contact',
    'Open tasks',
    'Overdue',
  ],
}
const phaseNames = {
  de: {
    intake: 'Fallklärung',
    assessment: 'Assessment',
    planning: 'Hilfeplanung',
    implementation: 'Umsetzung und Monitoring',
    evaluation: 'Evaluation',
    closed: 'Abgeschlossen',
  },
  en: {
    intake: 'Intake',
    assessment: 'Assessment',
    planning: 'Planning',
    implementation: 'Implementation and monitoring',
    evaluation: 'Evaluation',
    closed: 'Closed',
  },
}

const asDate = (value: string | null) => (value ? new Date(`${value}T00:00:00Z`) : null)

/**
 * The case list as an XLSX workbook, for the case manager's own follow-up work. Text goes into
 * string cells exactly as stored: unlike CSV, an XLSX string cell is never read as a formula, so
 * "=…" or "|…" needs no escaping, and an apostrophe would change the value.
 */
export async function renderCaseListXlsx(cases: CaseSummary[], language: Language): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Lotse'
  const sheet = workbook.addWorksheet(language === 'de' ? 'Fälle' : 'Cases')
  sheet.addRow(headers[language])
  sheet.getRow(1).font = { bold: true }
  for (const item of cases) {
    sheet.addRow([
      item.reference,
      item.persons.map((person) => `${person.familyName}, ${person.givenNames}`).join('; '),
      item.persons.map((person) => person.birthDate).join('; '),
      phaseNames[language][item.phase],
      item.municipalityName,
      item.teamName ?? '',
      item.managers.map((manager) => manager.displayName).join('; '),
      asDate(item.openedOn),
      asDate(item.lastContactOn),
      item.openTaskCount,
      item.overdueTaskCount,
    ])
  }
  for (const column of [8, 9]) sheet.getColumn(column).numFmt = 'dd.mm.yyyy'
  sheet.columns.forEach((column) => {
    column.width = 18
  })
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
