import ExcelJS from 'exceljs'
import type { Baustein, Budget, EmployerKind } from '../../../../common/staffing.ts'
import type { Language } from '../../../platform/language.ts'

const texts = {
  de: {
    positions: 'Stellen',
    bausteine: 'Verwendungsnachweis',
    positionHeaders: [
      'Stelle',
      'Baustein',
      'Anstellungsträger',
      'VZÄ',
      'Entgeltgruppe',
      'VZÄ-Monate besetzt',
      'VZÄ-Monate gefördert',
      'Personalkosten (EUR)',
      'Förderung (EUR)',
      'davon Arbeitsplatzpauschale (EUR)',
      'Eigenanteil Kreis (EUR)',
    ],
    bausteinHeaders: [
      'Baustein',
      'Bereich',
      'VZÄ-Monate besetzt',
      'VZÄ-Monate gefördert',
      'Personalkosten (EUR)',
      'Förderung (EUR)',
      'Eigenanteil Kreis (EUR)',
    ],
    total: 'Summe',
    bausteinNames: {
      coordination: 'Koordination',
      'administrative-assistance': 'Verwaltungsassistenz',
      'case-management': 'Case Management',
      'immigration-office': 'Ausländer- und Einbürgerungsbehörde',
    },
    employers: { district: 'Kreis', municipality: 'Kommune', 'welfare-association': 'Wohlfahrtsverband' },
  },
  en: {
    positions: 'Positions',
    bausteine: 'Use of funds',
    positionHeaders: [
      'Position',
      'Baustein',
      'Employer',
      'FTE',
      'Pay grade',
      'FTE-months filled',
      'FTE-months funded',
      'Personnel cost (EUR)',
      'Funding (EUR)',
      'of which workplace amount (EUR)',
      "District's share (EUR)",
    ],
    bausteinHeaders: [
      'Baustein',
      'Area',
      'FTE-months filled',
      'FTE-months funded',
      'Personnel cost (EUR)',
      'Funding (EUR)',
      "District's share (EUR)",
    ],
    total: 'Total',
    bausteinNames: {
      coordination: 'Coordination',
      'administrative-assistance': 'Administrative assistance',
      'case-management': 'Case management',
      'immigration-office': 'Immigration and naturalisation office',
    },
    employers: {
      district: 'District',
      municipality: 'Municipality',
      'welfare-association': 'Welfare association',
    },
  },
} satisfies Record<
  Language,
  { bausteinNames: Record<Baustein, string>; employers: Record<EmployerKind, string>; [key: string]: unknown }
>

const euro = '#,##0.00'

/**
 * The budget as an XLSX workbook: one sheet of positions, one of the figures per Baustein for the
 * use-of-funds statement. Numbers are written as numbers (the API's values, unrounded again), so
 * a spreadsheet sums them to the API's totals.
 */
export async function renderBudgetXlsx(budget: Budget, language: Language): Promise<Buffer> {
  const text = texts[language]
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Lotse'
  const positions = workbook.addWorksheet(`${text.positions} ${budget.year}`)
  positions.addRow(text.positionHeaders).font = { bold: true }
  for (const row of budget.positions) {
    positions.addRow([
      row.title,
      text.bausteinNames[row.baustein],
      text.employers[row.employerKind],
      row.fte,
      row.payGrade,
      row.fteMonthsAssigned,
      row.fteMonthsFunded,
      row.personnelCost,
      row.funding,
      row.workplaceFunding,
      row.districtShare,
    ])
  }
  const { totals } = budget
  positions.addRow([
    text.total,
    '',
    '',
    null,
    '',
    totals.fteMonthsAssigned,
    totals.fteMonthsFunded,
    totals.personnelCost,
    totals.funding,
    null,
    totals.districtShare,
  ]).font = { bold: true }
  for (const column of [8, 9, 10, 11]) positions.getColumn(column).numFmt = euro
  positions.getColumn(1).width = 40

  const bausteine = workbook.addWorksheet(`${text.bausteine} ${budget.year}`)
  bausteine.addRow(text.bausteinHeaders).font = { bold: true }
  for (const row of budget.bausteine) {
    bausteine.addRow([
      row.bausteinNumber,
      text.bausteinNames[row.baustein],
      row.fteMonthsAssigned,
      row.fteMonthsFunded,
      row.personnelCost,
      row.funding,
      row.districtShare,
    ])
  }
  for (const column of [5, 6, 7]) bausteine.getColumn(column).numFmt = euro
  bausteine.getColumn(2).width = 36
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
