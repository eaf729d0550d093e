import { expect, test } from '@playwright/test'
import { localDay } from '../common/dates.ts'
import { expectAccessible } from './axe.ts'
import { demoUsers, signIn } from './demo.ts'

/**
 * The web counts days in the district's time zone (Europe/Berlin for the demo), not in the
 * browser's. The browser is put in a zone whose calendar day differs from Berlin's at the hour the
 * test runs: UTC+14 is a day ahead from 11:00 Berlin time in winter but only from 12:00 in summer,
 * UTC−11 a day behind until 12:00 in winter and 13:00 in summer; so the zone is chosen by asking
 * which one has another day now, not by a fixed hour (one of them always has).
 */
const ahead = 'Pacific/Kiritimati'
const behind = 'Pacific/Pago_Pago'
const browserZone = localDay(new Date(), ahead) !== localDay(new Date(), 'Europe/Berlin') ? ahead : behind

test.use({ timezoneId: browserZone })

test("a case manager in another time zone gets the district's today and counts a consultation on it", async ({
  page,
}, testInfo) => {
  const berlinToday = localDay(new Date(), 'Europe/Berlin')
  expect(localDay(new Date(), browserZone), 'the browser zone must have another day than Berlin').not.toBe(
    berlinToday,
  )
  await signIn(page, demoUsers.caseManager)
  await page.goto('/short-consultations')
  const [year, month, day] = berlinToday.split('-')
  const date = page.getByLabel(/^Datum/)
  // The date field shows TT.MM.JJJJ whatever the browser's language and zone.
  await expect(date).toHaveValue(`${day}.${month}.${year}`)
  await expectAccessible(page, testInfo, 'short consultations in another time zone')

  const municipality = page.getByRole('combobox', { name: /^Kommune/ })
  await municipality.click()
  await page.getByRole('option', { name: 'Siegburg', exact: true }).click()
  await expect(municipality).toHaveValue('Siegburg')
  await page.getByRole('checkbox', { name: 'Arbeit und Anerkennung', exact: true }).check()
  await date.press('Control+Enter')
  await expect(page.getByText(`Kurzberatung vom ${day}.${month}.${year} gezählt.`)).toBeVisible()
})
