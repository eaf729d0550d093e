import { expect, test } from '@playwright/test'
import { localDay } from '../common/dates.ts'
import { expectAccessible } from './axe.ts'
import { demoUsers, signIn } from './demo.ts'

/**
 * The data protection officer (Claudia Neumann) opens the retention page from the navigation:
 * the default rules, a period of zero refused and a longer one saved, the preview of the next
 * run, a legal hold set by the case's file number and lifted again with a reason, and an erasure
 * request refused for a record number that does not exist. axe on the page and on the dialogs.
 */
test('the data protection officer keeps the retention rules and legal holds', async ({ page }, testInfo) => {
  await signIn(page, demoUsers.dpo)
  await page.getByRole('link', { name: 'Löschfristen' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Löschfristen und Löschung' })).toBeVisible()
  const period = page.getByLabel('Frist in Monaten für Abgeschlossene Fälle (mit ihren Personen)')
  await expect(period).toHaveValue('36')
  await expectAccessible(page, testInfo, 'retention page')

  await period.fill('0')
  await page.getByRole('button', { name: 'Regeln speichern' }).click()
  await expect(page.getByRole('alert')).toBeVisible()
  await period.fill('48')
  await page.getByRole('button', { name: 'Regeln speichern' }).click()
  await expect(page.getByText('Die Regeln sind gespeichert.')).toBeVisible()
  await expect(page.getByText('eigene Regel').first()).toBeVisible()

  await expect(page.getByRole('heading', { level: 3, name: 'Vorschau des nächsten Laufs' })).toBeVisible()
  await expect(page.getByText(/fällig, wenn vor dem/).first()).toBeVisible()

  // A case of this year (the district's year, which begins an hour before UTC's): the demo holds its oldest closed case already.
  const reference = `${Number(localDay(new Date(), 'Europe/Berlin').slice(0, 4))}-0002`
  await page.getByLabel('Aktenzeichen des Falls').fill(reference)
  await page.getByRole('textbox', { name: 'Grund', exact: true }).fill('Klage vor dem Sozialgericht Köln')
  await page.getByRole('button', { name: 'Sperre setzen' }).click()
  await expect(page.getByText('Die Sperre ist gesetzt.')).toBeVisible()
  const row = page.getByRole('row', { name: new RegExp(reference) })
  await expect(row.getByText('Klage vor dem Sozialgericht Köln')).toBeVisible()
  await row.getByRole('button', { name: `Aufheben ${reference}` }).click()
  const dialog = page.getByRole('dialog', { name: `Sperre für Fall ${reference} aufheben` })
  await dialog.getByLabel('Grund der Aufhebung').fill('Verfahren abgeschlossen')
  await expectAccessible(page, testInfo, 'lift legal hold dialog')
  await dialog.getByRole('button', { name: 'Sperre aufheben' }).click()
  await expect(row.getByText(/aufgehoben am .*Verfahren abgeschlossen/)).toBeVisible()

  await page.getByLabel('Datensatz-Nummer der Person').fill('00000000-0000-4000-8000-000000000000')
  await page.getByRole('button', { name: 'Löschung prüfen' }).click()
  const confirm = page.getByRole('dialog', { name: 'Daten dieser Person endgültig löschen?' })
  await expectAccessible(page, testInfo, 'erasure confirmation')
  await confirm.getByRole('button', { name: 'Endgültig löschen' }).click()
  await expect(page.getByRole('alert').filter({ hasText: /Nicht gefunden/ })).toBeVisible()
})
