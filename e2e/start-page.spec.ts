import { expect, test } from '@playwright/test'
import { expectAccessible } from './axe.ts'
import { demoUsers, signIn } from './demo.ts'

type DistrictList = { items: { id: string; name: string; municipalityCount: number }[]; total: number }

test('the login page is accessible and signs in by keyboard', async ({ page }, testInfo) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Anmelden bei Lotse' })).toBeVisible()
  await expectAccessible(page, testInfo, 'login page')
  await signIn(page, demoUsers.rheinSieg)
})

test('start page greets the user and shows the system status and the districts the API lists', async ({
  page,
}, testInfo) => {
  await signIn(page, demoUsers.rheinSieg)
  await expect(page.getByRole('heading', { level: 2, name: 'Guten Tag, Anna Becker' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'de')
  await expect(page.getByRole('region', { name: 'Systemstatus' }).getByText('Betriebsbereit')).toBeVisible()

  // page.request shares the browser's session cookie: the same answer the web app got.
  const response = await page.request.get('/api/districts')
  expect(response.ok()).toBe(true)
  const districts = (await response.json()) as DistrictList
  expect(districts.items.map((d) => [d.name, d.municipalityCount])).toContainEqual(['Rhein-Sieg-Kreis', 19])

  const table = page.getByRole('region', { name: 'Kreise und Kommunen' }).getByRole('table')
  for (const district of districts.items) {
    const row = table
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: district.name, exact: true }) })
    await expect(row).toHaveCount(1)
    await expect(row.getByRole('cell').last()).toHaveText(String(district.municipalityCount))
  }
  // One header row plus one row per district the API lists.
  await expect(table.getByRole('row')).toHaveCount(districts.items.length + 1)

  await expectAccessible(page, testInfo, 'start page (de)')
})

test('each demo district has its own administrator who sees only that district', async ({ page }) => {
  await signIn(page, demoUsers.rheinSieg)
  const region = page.getByRole('region', { name: 'Kreise und Kommunen' })
  await expect(region.getByRole('link', { name: 'Rhein-Sieg-Kreis', exact: true })).toBeVisible()
  await expect(region.getByRole('link', { name: 'Kreis Lindenau (fiktiv)', exact: true })).toHaveCount(0)

  await page.context().clearCookies()
  await signIn(page, demoUsers.lindenau)
  const row = region
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: 'Kreis Lindenau (fiktiv)', exact: true }) })
  await expect(row.getByRole('cell').last()).toHaveText('5')
  await expect(region.getByRole('link', { name: 'Rhein-Sieg-Kreis', exact: true })).toHaveCount(0)
})

test('language switches to English and back by keyboard', async ({ page }, testInfo) => {
  await signIn(page, demoUsers.rheinSieg)

  const language = page.getByRole('radiogroup', { name: 'Sprache' })
  const german = language.getByRole('radio', { name: 'Deutsch' })
  await expect(german).toBeChecked()
  await german.focus()
  await page.keyboard.press('ArrowRight')

  await expect(page.getByRole('heading', { level: 2, name: 'Hello, Anna Becker' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'System status' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  const english = page.getByRole('radiogroup', { name: 'Language' }).getByRole('radio', { name: 'English' })
  await expect(english).toBeChecked()
  await expect(english).toBeFocused()
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Home' })).toBeVisible()
  await expectAccessible(page, testInfo, 'start page (en)')

  // The choice survives a reload.
  await page.reload()
  await expect(page.getByRole('region', { name: 'System status' })).toBeVisible()

  await page.getByRole('radio', { name: 'English' }).focus()
  await page.keyboard.press('ArrowLeft')
  await expect(page.getByRole('heading', { level: 2, name: 'Guten Tag, Anna Becker' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Systemstatus' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'de')
  await expect(
    page.getByRole('radiogroup', { name: 'Sprache' }).getByRole('radio', { name: 'Deutsch' }),
  ).toBeChecked()
})

// A page of its own fetches its feature's texts with its code (web/src/i18n.ts): they must follow
// a language switch on the page, and come in English when the page is opened in English.
test('a lazily loaded page switches language with its texts, and opens in the language chosen', async ({
  page,
}) => {
  await signIn(page, demoUsers.caseManager)
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Fälle' }).click()
  await expect(page.getByRole('table', { name: /^Fälle mit Klient:innen/ })).toBeVisible()
  await expect(page.getByRole('status').getByText(/^\d+ Fälle gefunden$/)).toBeVisible()

  await page.getByRole('radio', { name: 'Deutsch' }).focus()
  await page.keyboard.press('ArrowRight')
  await expect(page.getByRole('table', { name: /^Cases with clients/ })).toBeVisible()
  await expect(page.getByRole('status').getByText(/^\d+ cases found$/)).toBeVisible()

  await page.reload()
  await expect(page.getByRole('table', { name: /^Cases with clients/ })).toBeVisible()
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'My tasks' })
    .click()
  await expect(page.getByRole('heading', { level: 2, name: 'My tasks' })).toBeVisible()

  await page.getByRole('radio', { name: 'English' }).focus()
  await page.keyboard.press('ArrowLeft')
  await expect(page.getByRole('heading', { level: 2, name: 'Meine Wiedervorlagen' })).toBeVisible()
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Fälle' }).click()
  await expect(page.getByRole('table', { name: /^Fälle mit Klient:innen/ })).toBeVisible()
})

test('district page: the municipality search narrows Rhein-Sieg-Kreis to Königswinter', async ({
  page,
}, testInfo) => {
  await signIn(page, demoUsers.rheinSieg)
  await page.getByRole('navigation').getByRole('link', { name: 'Kreise und Kommunen' }).click()
  await expect(page).toHaveURL(/\/districts$/)
  await expect(page.getByRole('link', { name: 'Rhein-Sieg-Kreis', exact: true })).toBeVisible()
  await expectAccessible(page, testInfo, 'districts list')

  await page.getByRole('link', { name: 'Rhein-Sieg-Kreis', exact: true }).click()
  await expect(page).toHaveURL(/\/districts\/[0-9a-f-]{36}$/)
  await expect(page.getByRole('heading', { level: 2, name: 'Rhein-Sieg-Kreis' })).toBeVisible()
  const municipalities = page.getByRole('region', { name: /Kommunen im Rhein-Sieg-Kreis/ })
  await expect(municipalities.getByRole('status')).toHaveText('19 Kommunen')
  await expect(municipalities.getByRole('cell', { name: 'Siegburg', exact: true })).toBeVisible()
  await expectAccessible(page, testInfo, 'district page')

  await page.getByLabel('Kommune suchen').fill('königs')
  await expect(municipalities.getByRole('status')).toHaveText('1 Kommune')
  const rows = municipalities.getByRole('table').getByRole('row')
  await expect(rows).toHaveCount(2)
  await expect(rows.nth(1).getByRole('cell').first()).toHaveText('Königswinter')
  await expect(municipalities.getByRole('cell', { name: 'Siegburg', exact: true })).toHaveCount(0)
  await expectAccessible(page, testInfo, 'district page with search results')
})

test('the skip link moves keyboard focus to the main content', async ({ page }) => {
  await signIn(page, demoUsers.rheinSieg)
  // A fresh load, so that keyboard focus starts at the top of the document.
  await page.goto('/')
  await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible()
  // The administrator's steering card loads after the page; wait for it, so that the Tab below
  // meets the page's links as they stay, not a main area whose cards are still arriving.
  await expect(
    page.getByRole('region', { name: 'Steuerung: Ihre Woche' }).getByRole('link').first(),
  ).toBeVisible()

  await page.keyboard.press('Tab')
  const skipLink = page.getByRole('link', { name: 'Zum Inhalt springen' })
  await expect(skipLink).toBeFocused()
  await expect(skipLink).toBeInViewport()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('main')).toBeFocused()

  // The next Tab continues inside the main content, not in the header or navigation.
  await page.keyboard.press('Tab')
  const focusedInMain = await page
    .getByRole('main')
    .evaluate((main) => main.contains(document.activeElement) && document.activeElement !== main)
  expect(focusedInMain).toBe(true)
})
