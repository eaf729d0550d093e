import { expect, test } from '@playwright/test'
import { localDay } from '../common/dates.ts'
import { expectAccessible } from './axe.ts'
import { demoUsers, signIn } from './demo.ts'

/**
 * The coordinator downloads last year's report to the state as XLSX and CSV, then turns open data
 * on: the public address answers without a session, and not found again once it is off.
 */
test('a coordinator downloads the state report and publishes open data', async ({
  page,
  browser,
}, testInfo) => {
  await signIn(page, demoUsers.coordinator)
  await page.goto('/figures/state-report')
  await expect(page.getByRole('heading', { level: 2, name: 'Landesbericht' })).toBeVisible()
  const year = String(Number(localDay(new Date(), 'Europe/Berlin').slice(0, 4)) - 1)
  await page.getByLabel('Berichtsjahr').selectOption(year)
  await expectAccessible(page, testInfo, 'state report')
  await page.screenshot({ path: testInfo.outputPath('state-report.png'), fullPage: true })
  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Als Excel-Datei (XLSX) herunterladen' }).click(),
  ])
  expect(xlsx.suggestedFilename()).toBe(`landesbericht-${year}.xlsx`)
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Als CSV herunterladen' }).click(),
  ])
  expect(csv.suggestedFilename()).toBe(`landesbericht-${year}.csv`)

  await page.goto('/admin/reporting')
  const toggle = page.getByLabel('Offene Daten veröffentlichen')
  await expect(toggle).not.toBeChecked()
  // Controlled by the saved setting: it turns on once the server has stored it.
  await toggle.click()
  await expect(toggle).toBeChecked()
  await expect(page.getByText('Veröffentlicht unter')).toBeVisible()
  await expectAccessible(page, testInfo, 'reporting settings with open data')
  await page.screenshot({ path: testInfo.outputPath('open-data-settings.png'), fullPage: true })
  const stranger = await browser.newContext()
  const open = await stranger.request.get('/api/open-data/rhein-sieg-kreis/monthly.json')
  expect(open.status()).toBe(200)
  expect((await open.json()).rows.length).toBeGreaterThan(0)
  await toggle.click()
  await expect(toggle).not.toBeChecked()
  await expect(page.getByText('Veröffentlicht unter')).toBeHidden()
  expect((await stranger.request.get('/api/open-data/rhein-sieg-kreis/monthly.csv')).status()).toBe(404)
  await stranger.close()
})
