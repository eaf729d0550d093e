import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { expectAccessible } from './axe.ts'
import { demoUsers, signIn } from './demo.ts'

/**
 * The administrator (Anna Becker) opens "Integrationen" from the navigation, creates an API token
 * (its value shown once), revokes it, and creates a webhook whose signing secret is shown once,
 * then opens its delivery log. axe on the page in each state. With LOTSE_SCREENSHOTS=1 the page
 * is photographed for the user guide.
 */
test('the administrator creates an API token and a webhook', async ({ page }, testInfo) => {
  await signIn(page, demoUsers.rheinSieg)
  await page.getByRole('link', { name: 'Integrationen' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Integrationen' })).toBeVisible()
  await expectAccessible(page, testInfo, 'integrations page')

  const tokenForm = page.getByRole('form', { name: 'Neues API-Token' })
  await tokenForm.getByRole('textbox', { name: 'Bezeichnung' }).fill('Fachverfahren Ausländerbehörde')
  await tokenForm.getByRole('combobox', { name: 'Berechtigungen' }).click()
  await page.getByRole('option', { name: 'network.read', exact: true }).click()
  await page.keyboard.press('Escape')
  await tokenForm.getByRole('button', { name: 'Token anlegen' }).click()
  const shown = page.getByRole('alert').filter({ hasText: 'Token „Fachverfahren Ausländerbehörde“ angelegt' })
  await expect(shown).toBeVisible()
  await expect(shown.getByText(/^lotse_[A-Za-z0-9_-]{43}$/)).toBeVisible()
  const row = page.getByRole('row', { name: /Fachverfahren Ausländerbehörde/ })
  await expect(row.getByText('Gültig')).toBeVisible()
  await expectAccessible(page, testInfo, 'token shown once')
  if (process.env.LOTSE_SCREENSHOTS) {
    await page.screenshot({
      path: path.resolve(import.meta.dirname, '..', 'docs', 'images', 'integrations-token.png'),
      fullPage: true,
    })
  }
  await row.getByRole('button', { name: 'Token „Fachverfahren Ausländerbehörde“ widerrufen' }).click()
  await expect(row.getByText('Widerrufen')).toBeVisible()

  const webhookForm = page.getByRole('form', { name: 'Neuer Webhook' })
  await webhookForm.getByRole('textbox', { name: 'Bezeichnung' }).fill('Statistikportal')
  await webhookForm
    .getByRole('textbox', { name: 'Adresse (URL)' })
    .fill('https://statistik.example.org/lotse')
  await webhookForm.getByRole('checkbox', { name: 'Import abgeschlossen' }).check()
  await webhookForm.getByRole('button', { name: 'Webhook anlegen' }).click()
  await expect(
    page
      .getByRole('alert')
      .filter({ hasText: 'Signaturschlüssel' })
      .getByText(/^whsec_/),
  ).toBeVisible()
  const webhook = page.getByRole('article', { name: 'Statistikportal' })
  await expect(webhook.getByText('https://statistik.example.org/lotse')).toBeVisible()
  await webhook.getByRole('button', { name: 'Zustellprotokoll' }).click()
  await expect(webhook.getByText('Noch keine Zustellungen.')).toBeVisible()
  await expectAccessible(page, testInfo, 'webhook created with its log')
  if (process.env.LOTSE_SCREENSHOTS) {
    await page.screenshot({
      path: path.resolve(import.meta.dirname, '..', 'docs', 'images', 'integrations-webhook.png'),
      fullPage: true,
    })
  }
  // An address inside the administration's network is refused while the setting is off.
  await webhookForm.getByRole('textbox', { name: 'Bezeichnung' }).fill('Intern')
  await webhookForm.getByRole('textbox', { name: 'Adresse (URL)' }).fill('http://10.1.2.3/hook')
  await webhookForm.getByRole('checkbox', { name: 'Neue Wiedervorlage' }).check()
  await webhookForm.getByRole('button', { name: 'Webhook anlegen' }).click()
  await expect(page.getByText(/Die Adresse zeigt auf ein internes Netz/).first()).toBeVisible()
})

/** Coordination downloads the positions list as XLSX from the one export menu every list has. */
test('coordination exports the positions list', async ({ page }, testInfo) => {
  await signIn(page, demoUsers.coordinator)
  await page.goto('/staffing')
  await expect(page.getByRole('heading', { level: 2, name: 'Stellen' })).toBeVisible()
  await expectAccessible(page, testInfo, 'positions with export links')
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Stellen als CSV-Datei exportieren' }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/^stellen-\d{4}-\d{2}-\d{2}\.csv$/)
  const file = readFileSync((await download.path()) as string, 'utf8')
  expect(file.split(/\r?\n/)[0]).toBe(
    '\uFEFFStelle;Baustein;VZÄ (besetzt / Stelle);Anstellungsträger;Stand heute;Besetzt mit;Gefördert bis',
  )
})

/** The early warnings download with the horizon the page shows; the conference list offers both files. */
test('coordination exports the early warnings and the case conferences', async ({ page }, testInfo) => {
  await signIn(page, demoUsers.coordinator)
  await page.goto('/staffing/warnings')
  await expect(page.getByRole('heading', { level: 2, name: 'Frühwarnungen' })).toBeVisible()
  await expectAccessible(page, testInfo, 'early warnings with export links')
  const xlsx = page.getByRole('link', { name: 'Frühwarnungen als Excel-Datei (XLSX) exportieren' })
  await expect(xlsx).toHaveAttribute('href', '/api/staffing/warnings/export.xlsx?horizonMonths=6')
  const [download] = await Promise.all([page.waitForEvent('download'), xlsx.click()])
  expect(download.suggestedFilename()).toMatch(/^fruehwarnungen-\d{4}-\d{2}-\d{2}\.xlsx$/)

  await page.goto('/case-conferences')
  await expect(page.getByRole('heading', { level: 2, name: 'Fall- und Planungskonferenzen' })).toBeVisible()
  await expectAccessible(page, testInfo, 'case conferences with export links')
  await expect(
    page.getByRole('link', { name: 'Fall- und Planungskonferenzen als CSV-Datei exportieren' }),
  ).toHaveAttribute('href', '/api/case-conferences/export.csv')
})
