import { expect, test } from '@playwright/test'
import { expectAccessible } from './axe.ts'
import { demoUsers, signIn } from './demo.ts'

/**
 * The coordinator (Jonas Wagner) freezes the March–April evaluation of the demo data, makes the
 * committee report from it, watches the files being made, and downloads the DOCX and the PDF. The
 * templates page lists the placeholders and refuses one that does not exist.
 */
test('a coordinator makes the committee report from the March–April evaluation and downloads both files', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000)
  await signIn(page, demoUsers.coordinator)
  await page.getByRole('link', { name: 'Auswertungen', exact: true }).click()
  const evaluationForm = page.getByRole('region', { name: 'Neue Auswertung' })
  await evaluationForm.getByLabel('Name').fill('Ausschuss März bis April')
  await evaluationForm.getByLabel('Von').fill('01.03.2026')
  await evaluationForm.getByLabel('Bis').fill('30.04.2026')
  await evaluationForm.getByRole('button', { name: 'Auswertung erstellen' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Ausschuss März bis April' })).toBeVisible()

  await page.getByRole('link', { name: 'Ausschussberichte', exact: true }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Ausschussberichte' })).toBeVisible()
  const form = page.getByRole('region', { name: 'Neuer Bericht' })
  await form.getByRole('button', { name: 'Bericht erstellen' }).click()
  await expect(form.getByText('Bitte eine Auswertung wählen.')).toBeVisible()
  await expectAccessible(page, testInfo, 'committee reports list')
  await page.screenshot({ path: testInfo.outputPath('committee-reports.png'), fullPage: true })
  await form.getByLabel('Auswertung').selectOption({ label: 'Ausschuss März bis April' })
  await form.getByLabel('Vorlagennummer').fill('V/2026/0815')
  await form.getByLabel('Gremium').fill('Ausschuss für Soziales und Integration')
  await form.getByLabel('Sitzungsdatum').fill('20.05.2026')
  await form.getByLabel('Aktenzeichen').fill('50.1-KIM')
  await form.getByRole('button', { name: 'Bericht erstellen' }).click()

  await expect(
    page.getByRole('heading', {
      level: 2,
      name: /Bericht für den Zeitraum 1\. März 2026 bis 30\. April 2026/,
    }),
  ).toBeVisible()
  const files = page.getByRole('region', { name: 'Dateien' })
  await expect(files.getByText('Fertig')).toBeVisible({ timeout: 60_000 })
  await expectAccessible(page, testInfo, 'committee report')
  await page.screenshot({ path: testInfo.outputPath('committee-report.png'), fullPage: true })

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    files.getByRole('link', { name: 'Word (DOCX) herunterladen' }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/\.docx$/)
  const docxPath = await download.path()
  const { readFileSync } = await import('node:fs')
  expect(readFileSync(docxPath).subarray(0, 2).toString()).toBe('PK')

  const pdfHref = await files.getByRole('link', { name: 'PDF öffnen' }).getAttribute('href')
  const pdf = await page.request.get(pdfHref ?? '')
  expect(pdf.status()).toBe(200)
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-')

  // Coordination edits a text; the page then asks for the files to be made again.
  const texts = page.getByRole('region', { name: 'Texte bearbeiten' })
  await texts.getByLabel('Text 2').fill('Die Verwaltung wird weiter berichten.')
  await texts.getByRole('button', { name: 'Texte speichern' }).click()
  await expect(
    files.getByText('Die Texte wurden nach der Erstellung der Dateien geändert.', { exact: false }),
  ).toBeVisible()
  await files.getByRole('button', { name: 'Dateien neu erstellen' }).click()
  await expect(files.getByText('Die Texte wurden nach der Erstellung', { exact: false })).toBeHidden({
    timeout: 60_000,
  })

  await page.goto('/figures/report-templates')
  await expect(page.getByRole('heading', { level: 2, name: 'Berichtsvorlagen' })).toBeVisible()
  await expect(page.getByRole('cell', { name: '{{beratungskontakte}}' })).toBeVisible()
  await page
    .getByLabel('Text 1', { exact: true })
    .fill('Es gab {{beratungskontakte}} Kontakte und {{gibtesnicht}}.')
  await expect(
    page.getByText('Diese Platzhalter gibt es nicht: {{gibtesnicht}}', { exact: false }),
  ).toBeVisible()
  await expect(page.getByRole('button', { name: 'Vorlage speichern', exact: true })).toBeDisabled()
  await expectAccessible(page, testInfo, 'report templates')
  await page.screenshot({ path: testInfo.outputPath('report-templates.png'), fullPage: true })
})

/** The report reader (administration) sees the reports and downloads them, but makes none. */
test('a report reader lists the committee reports without the form', async ({ page }, testInfo) => {
  await signIn(page, demoUsers.reportReader)
  await page.goto('/figures/reports')
  await expect(page.getByRole('heading', { level: 2, name: 'Ausschussberichte' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Neuer Bericht' })).toHaveCount(0)
  await expectAccessible(page, testInfo, 'committee reports for the report reader')
})
