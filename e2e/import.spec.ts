import { expect, test } from '@playwright/test'
import ExcelJS from 'exceljs'
import { expectAccessible } from './axe.ts'
import { demoUsers, signIn } from './demo.ts'

/** A messy case list as offices keep it: a merged title row, dates as cells and serial numbers, a formula, a header Lotse does not know. */
async function messyCaseList(path: string): Promise<void> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Fälle')
  sheet.addRow(['Fallübersicht 2022'])
  sheet.mergeCells('A1:E1')
  sheet.addRow(['Familienname', 'Vorname(n)', 'Geburtsdatum', 'Gemeinde', 'Start der Begleitung'])
  sheet.addRow([
    'Okonjo-Brandt',
    'Ifeoma',
    new Date(Date.UTC(1986, 4, 12)),
    'Troisdorf',
    new Date(Date.UTC(2022, 2, 1)),
  ])
  sheet.addRow(['Vasquez-Ilg', 'Rosa', 31_048, 'St. Augustin', 44_713])
  sheet.addRow([
    'Formelmann',
    'Fritz',
    { formula: 'DATE(1990,1,1)', result: new Date(Date.UTC(1990, 0, 1)) },
    'Lohmar',
    '01.07.2022',
  ])
  sheet.addRow(['Ortlos', 'Olga', '01.01.1970', 'Atlantis', '01.08.2022'])
  sheet.getColumn(3).numFmt = 'dd.mm.yyyy'
  sheet.getCell('C4').numFmt = 'General'
  sheet.getCell('E4').numFmt = 'General'
  await workbook.xlsx.writeFile(path)
}

/**
 * The coordinator (Jonas Wagner) imports a messy Excel case list: fixes the mapping of the column
 * Lotse did not recognise, sees the problems in the preview, dry-runs, imports with the progress
 * bar, downloads the error report, and imports the same file again: nothing new appears. axe on
 * every step.
 */
test('a coordinator imports a messy case list, and the same file again creates nothing', async ({
  page,
}, testInfo) => {
  const file = testInfo.outputPath('Fallliste 2022.xlsx')
  await messyCaseList(file)
  await signIn(page, demoUsers.coordinator)
  await page.getByRole('link', { name: 'Import', exact: true }).click()
  await expect(
    page.getByRole('heading', { level: 2, name: 'Import von Falllisten und Monatszahlen' }),
  ).toBeVisible()
  await expectAccessible(page, testInfo, 'import upload')

  const importOnce = async (fixMapping: boolean) => {
    await page.locator('input[type=file]').setInputFiles(file)
    await page.getByRole('button', { name: 'Hochladen', exact: true }).click()
    await expect(page.getByText(/Fallliste 2022\.xlsx: 4 Datenzeilen, Kopfzeile in Zeile 2/)).toBeVisible()
    const opened = page.getByRole('combobox', { name: 'Feld für Spalte Start der Begleitung' })
    if (fixMapping) {
      await expect(opened).toHaveValue('– nicht übernehmen –')
      await opened.click()
      await page.getByRole('option', { name: 'Fallbeginn' }).click()
    }
    await expect(opened).toHaveValue('Fallbeginn')
    await expectAccessible(page, testInfo, 'import mapping')
    await page.getByRole('button', { name: 'Zuordnung speichern und Zeilen prüfen' }).click()
    await expect(page.getByRole('heading', { level: 3, name: /Zeilen mit Problemen/ })).toBeVisible()
    await expect(page.getByText(/Geburtsdatum: Formel in der Zelle/)).toBeVisible()
    await expect(page.getByText(/Gemeinde: Kommune gehört nicht zum Kreis/)).toBeVisible()
    await page.getByRole('button', { name: 'Probelauf', exact: true }).click()
    await expect(page.getByRole('heading', { level: 3, name: 'Probelauf' })).toBeVisible()
    await expectAccessible(page, testInfo, 'import dry run')
    await page.getByRole('button', { name: 'Importieren', exact: true }).click()
    await expect(page.getByRole('progressbar', { name: 'Fortschritt des Imports' })).toBeVisible()
  }

  await importOnce(true)
  await expect(page.getByRole('status')).toHaveText(
    '4 Zeilen: 2 importiert, 2 abgelehnt, 0 Dubletten, 0 offen.',
  )
  await expectAccessible(page, testInfo, 'import result')
  const downloading = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Fehlerbericht herunterladen (CSV)' }).click()
  const report = await (await downloading).path()
  const { readFileSync } = await import('node:fs')
  const text = readFileSync(report, 'utf8')
  expect(text).toContain('Formel in der Zelle')
  expect(text).toContain('Kommune gehört nicht zum Kreis')

  // The same file again: the mapping is remembered for the district, and nothing new is created.
  await page.getByRole('button', { name: 'Weitere Datei importieren' }).click()
  await importOnce(false)
  await expect(page.getByRole('status')).toHaveText(
    '4 Zeilen: 0 importiert, 2 abgelehnt, 2 Dubletten, 0 offen.',
  )
  await expect(page.getByText('Bereits früher importiert').first()).toBeVisible()
})
