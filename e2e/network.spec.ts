import { expect, test } from '@playwright/test'
import { expectAccessible } from './axe.ts'
import { demoUsers, signIn } from './demo.ts'

test('the coordinator browses the partner directory and finds a contact person', async ({
  page,
}, testInfo) => {
  await signIn(page, demoUsers.coordinator)
  await page
    .getByRole('navigation', { name: 'Hauptnavigation' })
    .getByRole('link', { name: 'Partnerverzeichnis' })
    .click()
  await expect(page.getByRole('heading', { level: 2, name: 'Partnerverzeichnis' })).toBeVisible()
  const table = page.getByRole('table')
  await expect(table.getByRole('link', { name: 'Jobcenter Rhein-Sieg' })).toBeVisible()
  await expectAccessible(page, testInfo, 'partner directory')

  // A contact person's name without its accent finds the organisation.
  await page.getByRole('searchbox', { name: 'Suche' }).fill('petrovic')
  await expect(table.getByRole('link')).toHaveText(['Der Paritätische Rhein-Sieg'])
  await page.getByRole('searchbox', { name: 'Suche' }).fill('')

  // Filter by kind: the welfare associations.
  await page.getByRole('combobox', { name: 'Art' }).click()
  await page.getByRole('option', { name: 'Wohlfahrtsverband' }).click()
  await expect(page.getByText('5 Organisationen')).toBeVisible()
  await expect(table.getByRole('link', { name: 'Jobcenter Rhein-Sieg' })).toHaveCount(0)

  await table.getByRole('link', { name: 'Caritasverband Rhein-Sieg' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Caritasverband Rhein-Sieg' })).toBeVisible()
  const contacts = page.getByRole('region', { name: 'Ansprechpersonen' })
  await expect(contacts.getByRole('rowheader', { name: 'Hanna Lorenz' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Angebote' }).getByText('Sprachcafé')).toBeVisible()
  await expectAccessible(page, testInfo, 'organisation in the directory')

  await page.getByRole('button', { name: 'Eintrag bearbeiten' }).click()
  const dialog = page.getByRole('dialog', { name: 'Eintrag von Caritasverband Rhein-Sieg bearbeiten' })
  await expect(dialog.getByRole('textbox', { name: 'Ort' })).toHaveValue('Siegburg')
  await expectAccessible(page, testInfo, 'directory entry form')
  await dialog.getByRole('button', { name: 'Schließen' }).click()

  await page
    .getByRole('navigation', { name: 'Hauptnavigation' })
    .getByRole('link', { name: 'Angebotslandkarte' })
    .click()
  await expect(page.getByRole('heading', { level: 2, name: 'Angebotslandkarte' })).toBeVisible()
  await expect(
    page
      .getByRole('region', { name: 'Übersicht nach Kommunen' })
      .getByRole('rowheader', { name: /Troisdorf/ }),
  ).toBeVisible()
  await expectAccessible(page, testInfo, 'service map')
  // A cell of the overview filters the list: women's language groups in Troisdorf among them.
  await page.getByRole('button', { name: /Angebote zu Sprache in Troisdorf/ }).click()
  const services = page.getByRole('region', { name: 'Angebote', exact: true })
  await expect(services.getByRole('rowheader', { name: 'Frauen-Sprachtreff' })).toBeVisible()
  await expect(services.getByRole('rowheader', { name: /Familienberatung/ })).toHaveCount(0)
  await page.getByRole('button', { name: 'Angebot hinzufügen' }).click()
  await expect(page.getByRole('dialog', { name: 'Neues Angebot' })).toBeVisible()
  await expectAccessible(page, testInfo, 'new service dialog')
})

test('the coordinator marks an overlap as intended with a reason and takes it back', async ({
  page,
}, testInfo) => {
  await signIn(page, demoUsers.coordinator)
  await page
    .getByRole('navigation', { name: 'Hauptnavigation' })
    .getByRole('link', { name: 'Überschneidungen' })
    .click()
  const open = page.getByRole('region', { name: /Offene Überschneidungen/ })
  const intended = page.getByRole('region', { name: /Als gewollt markiert/ })
  await expect(intended.getByRole('article')).toHaveCount(2)
  // The pair, whichever of the two services the card names first.
  const women = (region: typeof open) =>
    region
      .getByRole('article')
      .filter({ hasText: 'Frauen-Sprachtreff' })
      .filter({ hasText: 'Sprachkurs für Frauen mit Kinderbetreuung' })
  await expect(women(open)).toBeVisible()
  await expectAccessible(page, testInfo, 'overlap finder')

  await women(open).getByRole('button', { name: 'Als gewollt markieren' }).click()
  const dialog = page.getByRole('dialog', { name: 'Überschneidung als gewollt markieren' })
  // A reason is required.
  await dialog.getByRole('button', { name: 'Als gewollt markieren' }).click()
  await expect(dialog.getByText('Bitte ausfüllen.')).toBeVisible()
  await expectAccessible(page, testInfo, 'mark overlap dialog')
  await dialog
    .getByRole('textbox', { name: 'Begründung' })
    .fill('Unterschiedliche Zeiten: vormittags mit Kinderbetreuung, abends als offener Treff.')
  await dialog.getByRole('button', { name: 'Als gewollt markieren' }).click()
  await expect(
    page.getByRole('status').filter({ hasText: 'Die Überschneidung ist als gewollt markiert.' }),
  ).toBeVisible()
  const marked = women(intended)
  await expect(marked.getByText('Unterschiedliche Zeiten: vormittags mit Kinderbetreuung')).toBeVisible()
  await expect(marked.getByText(/Jonas Wagner am \d\d\.\d\d\.\d{4}/)).toBeVisible()
  await expect(women(open)).toHaveCount(0)

  await marked.getByRole('button', { name: 'Markierung aufheben' }).click()
  await expect(women(open)).toBeVisible()
  await expect(intended.getByRole('article')).toHaveCount(2)
})

test('a partner reads the map and the overlaps but cannot mark them', async ({ page }, testInfo) => {
  await signIn(page, demoUsers.partner)
  await page
    .getByRole('navigation', { name: 'Hauptnavigation' })
    .getByRole('link', { name: 'Überschneidungen' })
    .click()
  await expect(
    page
      .getByRole('region', { name: /Offene Überschneidungen/ })
      .getByRole('article')
      .first(),
  ).toBeVisible()
  await expect(page.getByRole('button', { name: 'Als gewollt markieren' })).toHaveCount(0)
  await expectAccessible(page, testInfo, 'overlap finder (partner)')
  await page
    .getByRole('navigation', { name: 'Hauptnavigation' })
    .getByRole('link', { name: 'Partnerverzeichnis' })
    .click()
  await page.getByRole('link', { name: 'Caritasverband Rhein-Sieg' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Caritasverband Rhein-Sieg' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Eintrag bearbeiten' })).toHaveCount(0)
  await page.getByRole('link', { name: 'Zurück zum Partnerverzeichnis' }).click()
  await page.getByRole('link', { name: 'Jobcenter Rhein-Sieg' }).click()
  await expect(page.getByRole('button', { name: 'Eintrag bearbeiten' })).toBeVisible()
})

test('the data protection officer finds the referrals sent without consent in the navigation', async ({
  page,
}, testInfo) => {
  await signIn(page, demoUsers.dpo)
  await page
    .getByRole('navigation', { name: 'Hauptnavigation' })
    .getByRole('link', { name: 'Vermittlungen ohne Einwilligung' })
    .click()
  await expect(page.getByRole('heading', { level: 2, name: 'Vermittlungen ohne Einwilligung' })).toBeVisible()
  // The demo's referral to the immigration office on § 68 SGB X: case, organisation, basis, reason, who.
  const row = page.getByRole('row').filter({ hasText: 'Ausländerbehörde Rhein-Sieg-Kreis' })
  await expect(row).toHaveCount(1)
  await expect(row.getByRole('cell', { name: '§ 68 SGB X (Übermittlung an Behörden)' })).toBeVisible()
  await expect(row.getByText(/Titel läuft in drei Wochen ab/)).toBeVisible()
  await expect(row.getByRole('cell', { name: /^\d{4}-\d{4}$/ })).toBeVisible()
  await expect(row.getByRole('cell', { name: 'Leyla Yıldız' })).toBeVisible()
  await expectAccessible(page, testInfo, 'referrals without consent (dpo)')
})

test('only the data protection officer has the review; a partner gets a plain "not found" for a referral not theirs', async ({
  page,
}, testInfo) => {
  await signIn(page, demoUsers.partner)
  await expect(
    page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Vermittlungen ohne Einwilligung' }),
  ).toHaveCount(0)
  await page.goto('/referrals/00000000-0000-4000-8000-000000000000')
  await expect(page.getByRole('heading', { level: 2, name: 'Vermittlung nicht gefunden' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Erneut versuchen' })).toHaveCount(0)
  await expectAccessible(page, testInfo, 'referral not found (partner)')
  await page.getByRole('link', { name: 'Zurück zum Eingang' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Eingang Vermittlungen' })).toBeVisible()
})

test('the service map fits a 1366 px screen beside the navigation, all domains and the edit action visible', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 900 })
  await signIn(page, demoUsers.coordinator)
  await page
    .getByRole('navigation', { name: 'Hauptnavigation' })
    .getByRole('link', { name: 'Angebotslandkarte' })
    .click()
  const overview = page.getByRole('table', { name: /Laufende Angebote je Kommune/ })
  await expect(overview.getByRole('columnheader', { name: 'Sonstiges' })).toBeInViewport()
  // Nothing hides to the right: every table ends inside the main area.
  const main = await page.getByRole('main').boundingBox()
  const sideways = await page
    .getByRole('main')
    .locator('table')
    .evaluateAll(
      (tables, right) => tables.filter((table) => table.getBoundingClientRect().right > right + 1).length,
      (main?.x ?? 0) + (main?.width ?? 0),
    )
  expect(sideways).toBe(0)
  const edit = await page
    .getByRole('button', { name: / bearbeiten$/ })
    .first()
    .boundingBox()
  expect((edit?.x ?? Number.POSITIVE_INFINITY) + (edit?.width ?? 0)).toBeLessThanOrEqual(
    (main?.x ?? 0) + (main?.width ?? 0),
  )
})
