import { expect, type Page, test } from '@playwright/test'
import { expectAccessible } from './axe.ts'
import { demoUsers, signIn } from './demo.ts'

/**
 * Legal-sphere changes and case conferences as the case manager Leyla Yıldız records them in the
 * demo district, and the figure the coordination sees. The demo holds recent recognitions into
 * SGB II on her cases (server/modules/network/transitions/transition.seed.ts).
 */

const navigation = (page: Page) => page.getByRole('navigation', { name: 'Hauptnavigation' })

/** Opens a Mantine select by click and picks an option by its visible name. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  const select = page.getByRole('dialog').getByRole('combobox', { name: new RegExp(`^${label}`) })
  await select.click()
  await page.getByRole('option', { name: option, exact: true }).click()
  await expect(select).toHaveValue(option)
}

test('a case manager records a legal-sphere change with its hand-over and sees it on the timeline', async ({
  page,
}, testInfo) => {
  await signIn(page, demoUsers.caseManager)
  await navigation(page).getByRole('link', { name: 'Rechtskreiswechsel' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Rechtskreiswechsel' })).toBeVisible()
  await expect(page.getByText('Median', { exact: true })).toBeVisible()
  const recent = page.getByRole('region', { name: 'Wechsel der letzten 90 Tage' })
  await expect(recent.getByRole('row')).not.toHaveCount(0)
  await expectAccessible(page, testInfo, 'legal-sphere changes')

  // A recent recognition's case, on its legal-sphere tab.
  await recent
    .getByRole('link', { name: /^\(\d{4}-\d{4}\)$/ })
    .first()
    .click()
  await expect(page.getByRole('tab', { name: 'Rechtskreis', selected: true })).toBeVisible()
  await expect(page.getByText(/derzeit SGB II/)).toBeVisible()
  await expectAccessible(page, testInfo, 'case legal-sphere tab')

  await page.getByRole('button', { name: /^Rechtskreiswechsel erfassen für / }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toBeVisible()
  await choose(page, 'Neuer Rechtskreis', 'SGB XII')
  await choose(page, 'Anlass', 'Erwerbsminderung oder Alter')
  await dialog.getByRole('checkbox', { name: 'Leistungsantrag' }).check()
  await dialog.getByRole('textbox', { name: 'Notiz' }).fill('Gutachten der Rentenversicherung liegt vor')
  await expectAccessible(page, testInfo, 'legal-sphere change dialog')
  await dialog.getByRole('button', { name: 'Wechsel speichern' }).click()
  await expect(dialog).toBeHidden()

  await expect(page.getByText(/derzeit SGB XII/)).toBeVisible()
  const card = page.getByRole('article', { name: 'SGB II → SGB XII' })
  await expect(card.getByText('Gutachten der Rentenversicherung liegt vor', { exact: false })).toBeVisible()
  await card.getByRole('button', { name: 'Erledigt: Leistungsantrag' }).click()
  await expect(card.getByText(/Leistungsantrag · erledigt am/)).toBeVisible()

  await page.getByRole('tab', { name: 'Verlauf' }).click()
  await expect(page.getByText('SGB II → SGB XII · wirksam ab', { exact: false })).toBeVisible()
})

test('the coordination sees the figure of the legal-sphere changes, without names', async ({
  page,
}, testInfo) => {
  await signIn(page, demoUsers.coordinator)
  await navigation(page).getByRole('link', { name: 'Rechtskreiswechsel' }).click()
  await expect(
    page.getByRole('heading', { name: 'Tage vom Wechsel ins SGB II bis zum ersten Jobcenter-Kontakt' }),
  ).toBeVisible()
  await expect(page.getByText('9 Tage', { exact: true })).toBeVisible()
  await expect(page.getByRole('table')).toHaveCount(0)
  await expectAccessible(page, testInfo, 'legal-sphere figure (coordination)')
})

test('a case manager records a case conference with a consented partner; actions become tasks', async ({
  page,
}, testInfo) => {
  await signIn(page, demoUsers.caseManager)
  await navigation(page).getByRole('link', { name: 'Fallkonferenzen' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Fall- und Planungskonferenzen' })).toBeVisible()
  await expectAccessible(page, testInfo, 'case conferences')

  // The demo conference's case: its partners hold a consent for case conferences.
  await page.getByRole('table').getByRole('link').first().click()
  await expect(page.getByRole('tab', { name: 'Fallkonferenzen', selected: true })).toBeVisible()
  await expect(page.getByRole('article', { name: /^Fallkonferenz, / })).toHaveCount(1)
  await expectAccessible(page, testInfo, 'case conferences tab')

  await page.getByRole('button', { name: 'Konferenz erfassen' }).click()
  const dialog = page.getByRole('dialog', { name: 'Konferenz erfassen' })
  await expect(dialog).toBeVisible()
  // Organisations without consent cannot be chosen; the summary is drafted without identifiers.
  await expect(dialog.getByRole('checkbox', { name: 'Sozialamt Rhein-Sieg-Kreis' })).toHaveCount(0)
  await expect(
    dialog.getByText(/^Ohne gültige Einwilligung für Fallkonferenzen .*Sozialamt Rhein-Sieg-Kreis/),
  ).toBeVisible()
  // …and the way to record the missing consent is right there: the person's consents.
  const toConsents = dialog.getByRole('link', { name: /^Zu den Einwilligungen von / })
  await expect(toConsents).toHaveCount(1)
  await expect(toConsents).toHaveAttribute('href', /^\/persons\/[0-9a-f-]{36}$/)
  const summary = dialog.getByRole('textbox', { name: /^Pseudonymisierte Zusammenfassung/ })
  await expect(summary).toHaveValue(/^Eine Person\. Altersgruppen: /)
  await dialog.getByRole('checkbox', { name: 'Jobcenter Rhein-Sieg' }).check()
  await dialog.getByRole('textbox', { name: 'Teilnehmende von Jobcenter Rhein-Sieg' }).fill('Frau Krämer')
  await dialog.getByRole('textbox', { name: 'Ergebnisse' }).fill('Arbeitsaufnahme nach dem B1-Kurs')
  await dialog.getByRole('button', { name: 'Schritt hinzufügen' }).click()
  await dialog.getByRole('textbox', { name: /^Schritt 1/ }).fill('Kursende mit dem Jobcenter besprechen')
  await expectAccessible(page, testInfo, 'conference dialog')
  await dialog.getByRole('button', { name: 'Konferenz speichern' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('article', { name: /^Fallkonferenz, / })).toHaveCount(2)
  await expect(page.getByText('Frau Krämer', { exact: false }).first()).toBeVisible()

  await page.getByRole('tab', { name: 'Wiedervorlagen' }).click()
  await expect(page.getByText('Kursende mit dem Jobcenter besprechen')).toBeVisible()
  await page.getByRole('tab', { name: 'Verlauf' }).click()
  await expect(
    page.getByText(/^Fallkonferenz · am \d{2}\.\d{2}\.\d{4} · 1 Organisation$/).first(),
  ).toBeVisible()
})

test('the coordination sees the conferences without their cases', async ({ page }, testInfo) => {
  await signIn(page, demoUsers.coordinator)
  await navigation(page).getByRole('link', { name: 'Fallkonferenzen' }).click()
  const table = page.getByRole('table')
  await expect(table.getByRole('row')).not.toHaveCount(0)
  await expect(table.getByText('Jobcenter Rhein-Sieg', { exact: false }).first()).toBeVisible()
  await expect(table.getByRole('link')).toHaveCount(0)
  await expectAccessible(page, testInfo, 'case conferences (coordination)')
})
