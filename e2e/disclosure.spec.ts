import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { expectAccessible } from './axe.ts'
import { demoUsers, signIn } from './demo.ts'

/**
 * The data protection officer (Claudia Neumann) answers an access request: she finds the person by
 * name, downloads the report as PDF (read back with pdftotext) and JSON, restricts processing with
 * a reason and lifts it again, then opens the record of processing and its versions.
 */
test('the data protection officer answers an access request and downloads the PDF', async ({
  page,
}, testInfo) => {
  await signIn(page, demoUsers.dpo)
  const subjects = (await (await page.request.get('/api/privacy-requests/subjects?q=er')).json()) as {
    familyName: string
    givenNames: string
  }[]
  const subject = subjects[0]
  expect(subject).toBeDefined()
  const familyName = subject?.familyName as string

  await page.getByRole('link', { name: 'Betroffenenanfragen' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Betroffenenanfragen' })).toBeVisible()
  await page.getByLabel('Name der Person').fill(familyName)
  await page.getByRole('button', { name: 'Suchen' }).click()
  const link = page.getByRole('link', { name: new RegExp(`^${familyName}, ${subject?.givenNames}`) }).first()
  await expect(link).toBeVisible()
  await expectAccessible(page, testInfo, 'data subject requests search')
  await link.click()

  await expect(page.getByRole('heading', { level: 3, name: 'Auskunft erteilen' })).toBeVisible()
  await expectAccessible(page, testInfo, 'request subject')
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Auskunft als PDF herunterladen' }).click(),
  ])
  const pdfPath = testInfo.outputPath('auskunft.pdf')
  await download.saveAs(pdfPath)
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-']).toString('utf8')
  expect(text).toContain('Auskunft nach Art. 15 DSGVO')
  expect(text).toContain(familyName)
  expect(text).toContain('Zugriffe (Protokoll)')

  const [json] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Auskunft als JSON herunterladen' }).click(),
  ])
  const jsonPath = testInfo.outputPath('auskunft.json')
  await json.saveAs(jsonPath)
  const report = JSON.parse(readFileSync(jsonPath, 'utf8'))
  expect(report.schemaVersion).toBe(1)
  expect(report.person.familyName).toBe(familyName)

  const restriction = page.getByRole('region', { name: 'Einschränkung der Verarbeitung' })
  await restriction.getByLabel('Grund').fill('Die Person bestreitet die Richtigkeit der Anschrift.')
  await restriction.getByRole('button', { name: 'Verarbeitung einschränken' }).click()
  await expect(restriction.getByText('Eingeschränkt', { exact: true })).toBeVisible()
  await expect(
    page.getByRole('cell', { name: 'Die Person bestreitet die Richtigkeit der Anschrift.' }),
  ).toBeVisible()
  await expectAccessible(page, testInfo, 'request subject restricted')
  await restriction.getByLabel('Grund').fill('Anschrift geprüft und berichtigt.')
  await restriction.getByRole('button', { name: 'Einschränkung aufheben' }).click()
  await expect(restriction.getByText('Nicht eingeschränkt', { exact: true })).toBeVisible()

  await page.getByRole('button', { name: 'Berichtigungsverlangen protokollieren' }).click()
  await expect(page.getByText('Das Berichtigungsverlangen ist protokolliert.')).toBeVisible()

  await page.goto('/processing-record')
  await expect(
    page.getByRole('heading', { level: 2, name: 'Verzeichnis von Verarbeitungstätigkeiten' }),
  ).toBeVisible()
  await expect(page.getByRole('link', { name: 'Als Word-Datei herunterladen' })).toBeVisible()
  await expectAccessible(page, testInfo, 'processing record')
  await page.getByRole('button', { name: 'Neue Fassung bearbeiten' }).click()
  await page.getByLabel('Anmerkung zur Fassung').fill('Kontakt der Datenschutzbeauftragten ergänzt')
  await page.getByLabel('Datenschutzbeauftragte (Kontakt)').fill('datenschutz@rhein-sieg-kreis.de')
  await expectAccessible(page, testInfo, 'processing record editor')
  await page.getByRole('button', { name: 'Als neue Fassung speichern' }).click()
  const history = page.getByRole('region', { name: 'Fassungen' })
  await expect(
    history.getByRole('cell', { name: 'Kontakt der Datenschutzbeauftragten ergänzt' }),
  ).toBeVisible()
  await expect(history.getByRole('link', { name: 'Fassung 1 als Word' })).toBeVisible()
})
