import path from 'node:path'
import { expect, type Page, test } from '@playwright/test'
import { demoUsers, signIn } from './demo.ts'

/**
 * The screenshots of the user guide's "Fallarbeit" section (docs/images/casework-*.png), taken
 * from the demo data. Not a test: it runs only when asked for, so that an ordinary e2e run never
 * rewrites the documentation.
 *
 *   LOTSE_SCREENSHOTS=1 npx playwright test e2e/casework-screenshots.spec.ts
 *
 * The date and time fields are Lotse's own (TT.MM.JJJJ, 24 hours), not the browser's: the pictures
 * are taken in an English browser to show that they stay German there too.
 */
test.skip(!process.env.LOTSE_SCREENSHOTS, 'writes docs/images only with LOTSE_SCREENSHOTS=1')
test.use({ viewport: { width: 1280, height: 900 }, locale: 'en-US' })

const image = (name: string) =>
  path.resolve(import.meta.dirname, '..', 'docs', 'images', `casework-${name}.png`)

async function openMainNav(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name }).click()
}

test('user guide screenshots of case work', async ({ page }) => {
  test.setTimeout(120_000)
  await signIn(page, demoUsers.caseManager)

  // The case list with its filters.
  await openMainNav(page, 'Fälle')
  await expect(page.getByRole('table', { name: /^Fälle mit Klient:innen/ })).toBeVisible()
  await page.screenshot({ path: image('list') })

  // Registration: a variant spelling of a client known to Team Süd.
  await page.getByRole('link', { name: 'Klient:in registrieren' }).click()
  await page.getByRole('textbox', { name: 'Familienname' }).fill('Alhassan')
  await page.getByRole('textbox', { name: 'Vornamen' }).fill('Muhammad')
  await page.getByRole('textbox', { name: 'Name in Originalschrift' }).fill('محمد الحسن')
  await page.getByRole('textbox', { name: 'Geburtsdatum' }).fill('1987')
  await page.getByRole('radio', { name: 'männlich' }).check()
  await page.getByRole('combobox', { name: 'Kommune' }).click()
  await page.getByRole('option', { name: 'Troisdorf', exact: true }).click()
  const duplicates = page.getByRole('region', { name: 'Mögliche Doppeleinträge' })
  await expect(duplicates.getByText(/bereits bei Team Süd/)).toBeVisible()
  await page.getByRole('heading', { level: 2, name: 'Klient:in registrieren' }).click()
  await page.screenshot({ path: image('registration'), fullPage: true })

  // A case in implementation: its contacts and the assessment history.
  await openMainNav(page, 'Fälle')
  await page.getByRole('combobox', { name: 'Phase' }).click()
  await page.getByRole('option', { name: 'Umsetzung und Monitoring', exact: true }).click()
  const table = page.getByRole('table', { name: /^Fälle mit Klient:innen/ })
  await expect(table.getByRole('cell', { name: 'Umsetzung und Monitoring' }).first()).toBeVisible()
  await table.getByRole('row').nth(1).getByRole('link').first().click()
  await page
    .getByRole('tablist', { name: 'Bereiche des Falls' })
    .getByRole('tab', { name: 'Kontakte', exact: true })
    .click()
  await expect(page.getByRole('table', { name: /Kontakte?, neueste zuerst$/ })).toBeVisible()
  // Taller, so that the first contacts show below the form.
  await page.setViewportSize({ width: 1280, height: 1240 })
  await page.mouse.move(0, 0)
  await page.screenshot({ path: image('contacts') })
  await page.setViewportSize({ width: 1280, height: 900 })

  // The residence status dialog: a kind with its legal basis, and German date fields.
  await page
    .getByRole('link', { name: /^[^,]+, .+$/ })
    .first()
    .click()
  await page.getByRole('button', { name: 'Aufenthaltsstatus erfassen' }).click()
  const residence = page.getByRole('dialog', { name: 'Aufenthaltsstatus erfassen' })
  await residence.getByRole('combobox', { name: /^Status/ }).click()
  await page.getByRole('option', { name: 'Fiktionsbescheinigung (§ 81 AufenthG)', exact: true }).click()
  await residence.getByRole('textbox', { name: /^Gültig ab/ }).fill('15.01.2026')
  await residence.getByRole('textbox', { name: /^Gültig bis/ }).fill('14.07.2026')
  await residence.getByRole('heading').first().click()
  await expect(residence.getByRole('textbox', { name: /^Rechtsgrundlage/ })).toHaveValue(
    '§ 81 Abs. 4 AufenthG',
  )
  await residence.screenshot({ path: image('residence') })
  await residence.getByRole('button', { name: 'Schließen' }).click()
  await expect(residence).toHaveCount(0)
  await page.goBack()

  await page
    .getByRole('tablist', { name: 'Bereiche des Falls' })
    .getByRole('tab', { name: 'Assessment', exact: true })
    .click()
  const history = page.getByRole('region', { name: 'Bedarf im Verlauf' })
  // ECharts arrives with the first chart; wait until a chart has drawn its scale.
  await expect(history.locator('svg text').filter({ hasText: 'hoch' }).first()).toBeVisible()
  await page.mouse.move(0, 0)
  // The charts with a margin of white around them.
  await history.scrollIntoViewIfNeeded()
  const box = await history.boundingBox()
  if (!box) throw new Error('the assessment history has no box')
  await page.screenshot({
    path: image('assessment'),
    clip: { x: box.x - 16, y: box.y - 16, width: box.width + 32, height: box.height + 32 },
  })

  // My follow-ups: the form with its German date field, and the groups by due day.
  await openMainNav(page, 'Meine Wiedervorlagen')
  await expect(page.getByRole('region', { name: /^Überfällig \(\d+\)$/ })).toBeVisible()
  // Every group has loaded, not only the first: no spinner in the picture.
  await expect(page.getByText('Wird geladen')).toHaveCount(0)
  await page.mouse.move(0, 0)
  await page.screenshot({ path: image('tasks') })
})

test('user guide screenshot of the audit log, with its German date filter', async ({ page }) => {
  await page.setViewportSize({ width: 1200, height: 720 })
  await signIn(page, demoUsers.dpo)
  await openMainNav(page, 'Protokoll (Audit)')
  await expect(page.getByRole('textbox', { name: 'Von' })).toHaveAttribute('placeholder', 'TT.MM.JJJJ')
  await expect(page.getByRole('table')).toBeVisible()
  await page.mouse.move(0, 0)
  await page.screenshot({ path: path.resolve(import.meta.dirname, '..', 'docs', 'images', 'audit.png') })
})
