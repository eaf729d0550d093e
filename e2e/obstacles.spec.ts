import { expect, type Page, test } from '@playwright/test'
import { expectAccessible } from './axe.ts'
import { demoUsers, signIn } from './demo.ts'

const caseTab = (page: Page, name: string) =>
  page.getByRole('tablist', { name: 'Bereiche des Falls' }).getByRole('tab', { name })

/**
 * A case manager raises a structural obstacle from a case: a text with the client's name is
 * refused (saying why and which word), the general wording is taken.
 */
test('a case manager raises an obstacle from a case; a client name is refused', async ({
  page,
}, testInfo) => {
  await signIn(page, demoUsers.caseManager)
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Fälle' }).click()
  const table = page.getByRole('table', { name: /^Fälle mit Klient:innen/ })
  await expect(table).toBeVisible()
  await table.getByRole('row').nth(1).getByRole('link').first().click()
  await expect(page.getByRole('heading', { level: 2, name: /^Fall \d{4}-\d{4}$/ })).toBeVisible()
  const personLink = page.getByRole('link', { name: /^[^,]+, .+$/ }).first()
  const familyName = ((await personLink.textContent()) ?? '').split(',')[0]?.trim() ?? ''
  expect(familyName).not.toBe('')

  await caseTab(page, 'Systemrückmeldungen').click()
  await page.getByRole('button', { name: 'Hindernis melden' }).click()
  const form = page.getByRole('form', { name: 'Strukturelles Hindernis melden' })
  await form.getByRole('combobox', { name: 'Handlungsfeld' }).click()
  await page.getByRole('option', { name: 'Wohnen' }).click()
  await form.getByRole('textbox', { name: 'Titel' }).fill('Keine Zusage für Wohnungen ohne Schufa-Auskunft')
  await form
    .getByRole('textbox', { name: 'Beschreibung' })
    .fill(`Frau ${familyName} bekommt keine Wohnung, weil Vermieter eine Schufa-Auskunft verlangen.`)
  await form.getByRole('button', { name: 'Hindernis melden' }).click()
  const refusal = page.getByRole('alert').filter({ hasText: 'Personenbezogene Daten im Text' })
  await expect(refusal).toContainText(`Gefunden: ${familyName}`)
  await expect(form.getByText('Enthält den Namen einer Person des Kreises.')).toBeVisible()
  await expectAccessible(page, testInfo, 'obstacle refused')

  await form
    .getByRole('textbox', { name: 'Beschreibung' })
    .fill(
      'Eine Klientin bekommt keine Wohnung, weil Vermieter eine Schufa-Auskunft verlangen, die es ohne Aufenthaltstitel nicht gibt.',
    )
  await form.getByRole('button', { name: 'Hindernis melden' }).click()
  await expect(page.getByText('Keine Zusage für Wohnungen ohne Schufa-Auskunft')).toBeVisible()
  await expect(page.getByText('In 1 Fall gesehen').first()).toBeVisible()
  await expectAccessible(page, testInfo, 'case obstacles')
})

/**
 * The coordinator's board: counts on the start page, columns by status, a card's history, a step
 * to a working group, and an obstacle pulled into the next steering meeting, linked from its agenda.
 */
test('a coordinator works the obstacle board and pulls an obstacle into a meeting', async ({
  page,
}, testInfo) => {
  await signIn(page, demoUsers.coordinator)
  const counts = page.getByRole('region', { name: 'Systemrückmeldungen' })
  await expect(counts).toContainText('Neu:')
  await page
    .getByRole('navigation', { name: 'Hauptnavigation' })
    .getByRole('link', { name: 'Systemrückmeldungen' })
    .click()
  await expect(page.getByRole('heading', { level: 2, name: /Systemrückmeldungen/ })).toBeVisible()
  const triaged = page.getByRole('region', { name: 'Gesichtet' })
  await expect(triaged.getByText('Leistungslücke beim Wechsel vom AsylbLG ins SGB II')).toBeVisible()
  await expectAccessible(page, testInfo, 'obstacle board')

  await triaged.getByRole('button', { name: /Leistungslücke beim Wechsel/ }).click()
  const drawer = page.getByRole('dialog')
  await expect(drawer.getByRole('heading', { name: 'Verlauf' })).toBeVisible()
  await expect(drawer.getByRole('link', { name: /4\. Sitzung/ })).toBeVisible()
  await drawer.getByRole('combobox', { name: 'Unterarbeitsgruppe' }).click()
  await page.getByRole('option', { name: 'Unterarbeitsgruppe Rechtskreiswechsel' }).click()
  await drawer
    .getByRole('textbox', { name: 'Vermerk oder Entscheidung' })
    .fill('Die UAG klärt die Übergabe mit dem Jobcenter.')
  await drawer.getByRole('button', { name: 'Schritt festhalten' }).click()
  await expect(drawer.getByText('Die UAG klärt die Übergabe mit dem Jobcenter.')).toBeVisible()
  await expectAccessible(page, testInfo, 'obstacle detail')
  await page.keyboard.press('Escape')

  const fresh = page.getByRole('region', { name: 'Neu', exact: true })
  await fresh.getByRole('button', { name: /Integrationskurse mit Kinderbetreuung/ }).click()
  await drawer.getByRole('combobox', { name: /Sitzung \(Protokoll noch nicht genehmigt\)/ }).click()
  await page.getByRole('option', { name: /4\. Sitzung/ }).click()
  await drawer.getByRole('button', { name: 'Auf die Tagesordnung' }).click()
  await drawer.getByRole('link', { name: /4\. Sitzung/ }).click()
  await expect(page.getByText(/TOP \d+: Integrationskurse mit Kinderbetreuung/).first()).toBeVisible()
  await expect(page.getByRole('link', { name: 'Systemrückmeldung vom Board' }).first()).toBeVisible()
  await expectAccessible(page, testInfo, 'meeting with obstacles')
})
