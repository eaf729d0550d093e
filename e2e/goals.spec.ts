import path from 'node:path'
import { expect, test } from '@playwright/test'
import { expectAccessible } from './axe.ts'
import { demoUsers, signIn } from './demo.ts'

/**
 * Goal agreements as the coordinator Jonas Wagner keeps them: the demo agreements of the steering
 * group's decision with their computed trajectories, a new agreement with a computed and a
 * hand-kept indicator, a value entered, and a percentage above 100 refused at its field.
 */
test('a coordinator follows the goal agreements, records a new one and enters a value', async ({
  page,
}, testInfo) => {
  await signIn(page, demoUsers.coordinator)
  const card = page.getByRole('region', { name: 'Steuerung: Ihre Woche' })
  await expect(card.getByRole('link', { name: '3 Zielvereinbarungen' })).toBeVisible()
  await card.getByRole('link', { name: '3 Zielvereinbarungen' }).click()

  await expect(page.getByRole('heading', { level: 2, name: 'Zielvereinbarungen' })).toBeVisible()
  const row = page.getByRole('row', { name: /Beratung in der Fläche stärken/ })
  await expect(row).toContainText('LG 2026/7')
  await expectAccessible(page, testInfo, 'goal agreements')

  await row.getByRole('link', { name: 'Beratung in der Fläche stärken' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Beratung in der Fläche stärken' })).toBeVisible()
  const contacts = page.getByRole('region', { name: 'Beratungskontakte im Kreis je Monat' })
  await expect(contacts.getByText(/ganzer Kreis/)).toBeVisible()
  await expect(contacts.locator('svg').first()).toBeVisible()
  // For the user guide: an indicator with its trajectory against the target and the planned path.
  await contacts.screenshot({
    path: path.join(import.meta.dirname, '..', 'docs', 'images', 'goal-indicator.png'),
  })
  await contacts.getByText('Werte als Tabelle').click()
  await expect(contacts.getByRole('row')).not.toHaveCount(0)
  await expectAccessible(page, testInfo, 'goal agreement')

  await page.getByRole('link', { name: 'Alle Zielvereinbarungen' }).click()
  await page.getByRole('button', { name: 'Neue Zielvereinbarung' }).click()
  await page.getByRole('textbox', { name: 'Titel' }).fill('Sprachkurse schneller beginnen')
  await page.getByRole('textbox', { name: 'Ziel' }).fill('Wartezeiten auf Integrationskurse halbieren.')
  await page.getByRole('textbox', { name: 'Beginn' }).fill('01.01.2026')
  await page.getByRole('textbox', { name: 'Ende' }).fill('31.12.2027')
  await page.getByRole('button', { name: 'Zielvereinbarung anlegen' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Sprachkurse schneller beginnen' })).toBeVisible()

  // A computed indicator: the metric sets the unit.
  await page.getByRole('textbox', { name: 'Bezeichnung' }).fill('Beratungskontakte im Kreis')
  await page.getByRole('textbox', { name: 'Ausgangswert' }).fill('150')
  await page.getByRole('textbox', { name: 'Zielwert' }).fill('300')
  await page.getByRole('button', { name: 'Indikator hinzufügen' }).click()
  await expect(page.getByRole('region', { name: 'Beratungskontakte im Kreis' })).toBeVisible()

  // One kept by hand, in percent: a target above 100 is refused at its field.
  await page.getByRole('textbox', { name: 'Bezeichnung' }).fill('Kursbeginn binnen 6 Wochen')
  await page.getByRole('radio', { name: 'von Hand eingetragen' }).check()
  await page.getByRole('combobox', { name: 'Einheit' }).click()
  await page.getByRole('option', { name: 'Prozent', exact: true }).click()
  await page.getByRole('textbox', { name: 'Ausgangswert' }).fill('40')
  await page.getByRole('textbox', { name: 'Zielwert' }).fill('120')
  await page.getByRole('button', { name: 'Indikator hinzufügen' }).click()
  await expect(page.getByText('Ein Prozentwert liegt zwischen 0 und 100.')).toBeVisible()
  await page.getByRole('textbox', { name: 'Zielwert' }).fill('80')
  await page.getByRole('button', { name: 'Indikator hinzufügen' }).click()
  const courses = page.getByRole('region', { name: 'Kursbeginn binnen 6 Wochen' })
  await expect(courses.getByText('noch keine Werte', { exact: true })).toBeVisible()

  const valueForm = page.getByRole('form', { name: 'Wert eintragen: Kursbeginn binnen 6 Wochen' })
  await valueForm.getByRole('textbox', { name: 'Stichtag' }).fill('30.06.2026')
  await valueForm.getByRole('textbox', { name: /Wert/ }).fill('55')
  await valueForm.getByRole('button', { name: 'Wert eintragen' }).click()
  await expect(courses.getByText('55 %').first()).toBeVisible()
  await expect(courses.getByText(/im Plan|gefährdet|nicht im Plan/).first()).toBeVisible()
  await expectAccessible(page, testInfo, 'new goal agreement')

  // Changed in the form it was added with: the unit stays, since a value was entered in it.
  await page.getByRole('button', { name: 'Ändern: Kursbeginn binnen 6 Wochen' }).click()
  const edit = page.getByRole('form', { name: 'Ändern: Kursbeginn binnen 6 Wochen' })
  await expect(edit.getByRole('combobox', { name: 'Einheit' })).toBeDisabled()
  await edit.getByRole('textbox', { name: 'Bezeichnung' }).fill('Kursbeginn binnen 8 Wochen')
  await edit.getByRole('textbox', { name: 'Zielwert' }).fill('90')
  await expectAccessible(page, testInfo, 'indicator edit form')
  await edit.getByRole('button', { name: 'Änderungen speichern' }).click()
  const renamed = page.getByRole('region', { name: 'Kursbeginn binnen 8 Wochen' })
  await expect(renamed).toBeVisible()
  await expect(renamed.getByText('90 %').first()).toBeVisible()

  // Removed after asking once more.
  await page.getByRole('button', { name: 'Entfernen: Beratungskontakte im Kreis' }).click()
  await page.getByRole('button', { name: 'Endgültig entfernen' }).click()
  await expect(page.getByRole('region', { name: 'Beratungskontakte im Kreis' })).toHaveCount(0)
  await expect(renamed).toBeVisible()
})

test('report readers read the goal agreements but cannot change them', async ({ page }, testInfo) => {
  await signIn(page, demoUsers.reportReader)
  await page.getByRole('link', { name: 'Zielvereinbarungen' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Zielvereinbarungen' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Nahtlose Übergänge nach der Anerkennung' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Neue Zielvereinbarung' })).toHaveCount(0)
  await page.getByRole('link', { name: 'Nahtlose Übergänge nach der Anerkennung' }).click()
  await expect(
    page.getByRole('region', { name: 'Wartezeit auf einen Termin bei der Ausländerbehörde' }),
  ).toBeVisible()
  await expect(page.getByRole('button', { name: 'Indikator hinzufügen' })).toHaveCount(0)
  await expectAccessible(page, testInfo, 'goal agreement as report reader')
})
