import { expect, test } from '@playwright/test'
import { expectAccessible } from './axe.ts'
import { demoUsers, signIn } from './demo.ts'

/**
 * The report reader (Dr. Thomas Richter, administration) signs in and sees the dashboard on the
 * start page: key figures, the monthly contacts, tables in which small cells read "< 3", and a
 * breakdown by another dimension. Nothing on it names a person.
 */
test("the report reader's start page is the dashboard, with small cells withheld", async ({
  page,
}, testInfo) => {
  await signIn(page, demoUsers.reportReader)
  await expect(page.getByRole('heading', { level: 3, name: 'Kennzahlen und Auswertungen' })).toBeVisible()
  const keyFigures = page.getByRole('region', { name: 'Eckdaten' })
  await expect(keyFigures.getByText('Beratungskontakte')).toBeVisible()
  const monthly = page.getByRole('region', { name: 'Beratungskontakte je Monat mit Trend' })
  await expect(monthly.getByRole('row', { name: /Insgesamt/ })).toBeVisible()
  await expect(monthly.getByRole('button', { name: 'Als SVG' })).toBeVisible()
  const referrals = page.getByRole('region', { name: 'Vermittlungen nach Ergebnis' })
  await expect(referrals.getByRole('cell', { name: '< 3' }).first()).toBeVisible()
  const drill = page.getByRole('region', { name: 'Aufschlüsselung' })
  await drill.getByLabel('Kennzahl').selectOption('persons-counselled')
  await drill.getByLabel('Merkmal').selectOption('sex')
  await expect(drill.getByRole('row', { name: /weiblich/ })).toBeVisible()
  await expectAccessible(page, testInfo, 'report reader dashboard')
})

/**
 * The coordinator (Jonas Wagner) freezes the March–April evaluation and sees it as stored: every
 * metric with its tables and charts, small cells reading "< 3". The settings page keeps the
 * thresholds and refuses one below 3.
 */
test('a coordinator creates the March–April evaluation and reads it back', async ({ page }, testInfo) => {
  await signIn(page, demoUsers.coordinator)
  await page.getByRole('link', { name: 'Auswertungen', exact: true }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Auswertungen' })).toBeVisible()
  await expectAccessible(page, testInfo, 'evaluations list')
  const form = page.getByRole('region', { name: 'Neue Auswertung' })
  await form.getByRole('button', { name: 'Auswertung erstellen' }).click()
  await expect(form.getByText('Bitte einen Namen angeben.')).toBeVisible()
  await form.getByLabel('Name').fill('Erste Auswertung März bis April')
  await form.getByLabel('Von').fill('01.03.2026')
  await form.getByLabel('Bis').fill('30.04.2026')
  await form.getByRole('button', { name: 'Auswertung erstellen' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Erste Auswertung März bis April' })).toBeVisible()
  const monthly = page.getByRole('region', { name: 'Beratungskontakte nach Monat' })
  await expect(monthly.getByRole('row', { name: /2026-03/ })).toBeVisible()
  await expect(page.getByRole('cell', { name: '< 3' }).first()).toBeVisible()
  // Frozen beside the figures: staffing by Baustein, the steering group's meetings, the goal agreements.
  const staffing = page.getByRole('region', { name: 'Stellen nach Baustein am 30.04.2026' })
  await expect(staffing.getByRole('row', { name: /Baustein 2: Case Management/ })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Steuerung im Zeitraum' })).toBeVisible()
  await expect(
    page.getByRole('region', { name: /Zielvereinbarungen \(Stand am Ende des Zeitraums\)/ }),
  ).toBeVisible()
  await expectAccessible(page, testInfo, 'evaluation detail')
  await page.getByRole('link', { name: '← Alle Auswertungen' }).click()
  await expect(page.getByRole('link', { name: 'Erste Auswertung März bis April' })).toBeVisible()

  // The entry sits at the end of a long navigation; the page is what this checks.
  await page.goto('/admin/reporting')
  await page.getByLabel('Schwelle', { exact: true }).fill('2')
  await page.getByRole('button', { name: 'Speichern' }).click()
  await expect(page.getByText('Die Schwelle darf nicht unter 3 liegen.')).toBeVisible()
  await expectAccessible(page, testInfo, 'reporting settings')
})
