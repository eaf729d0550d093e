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
