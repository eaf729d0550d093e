import { expect, test } from '@playwright/test'
import { expectAccessible } from './axe.ts'
import { demoUsers, signIn } from './demo.ts'

/**
 * The integration concept as the coordinator Jonas Wagner works on it: the versions and the
 * councils' circle's feedback, the 2026 draft with a section rewritten, a cell of the grid set, an
 * interface refused between an organisation and itself and then recorded, the comparison with
 * 2016, and the exports.
 */
test('a coordinator works on the draft of the integration concept and compares it with 2016', async ({
  page,
}, testInfo) => {
  await signIn(page, demoUsers.coordinator)
  await page.getByRole('link', { name: 'Integrationskonzept' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Integrationskonzept' })).toBeVisible()
  await expect(
    page.getByRole('row', { name: /Integrationskonzept des Rhein-Sieg-Kreises Beschlossen am 15\.12\.2016/ }),
  ).toBeVisible()
  await expect(page.getByText(/bittet, Migrantenorganisationen im Raster/)).toBeVisible()
  await expectAccessible(page, testInfo, 'concept overview')

  await page
    .getByRole('link', { name: 'Integrationskonzept des Rhein-Sieg-Kreises – Fortschreibung 2026' })
    .click()
  await expect(
    page.getByRole('heading', {
      level: 2,
      name: 'Integrationskonzept des Rhein-Sieg-Kreises – Fortschreibung 2026',
    }),
  ).toBeVisible()
  await expectAccessible(page, testInfo, 'concept draft')

  const housing = page.getByRole('region', { name: 'Wohnen' })
  await housing.getByRole('button', { name: 'Wohnen bearbeiten' }).click()
  await housing
    .getByRole('textbox', { name: 'Text: Wohnen' })
    .fill(
      'Die Kommunen bringen Geflüchtete in Übergangswohnheimen unter.\nEine Wohnraumbörse der Kommunen startet 2027.',
    )
  await housing.getByRole('button', { name: 'Speichern' }).click()
  await expect(housing.getByText('Eine Wohnraumbörse der Kommunen startet 2027.')).toBeVisible()

  await page.getByRole('button', { name: 'Raster bearbeiten' }).click()
  const cell = page.getByRole('combobox', { name: 'Rolle: Wohnen – Jobcenter Rhein-Sieg' })
  await cell.selectOption('contributing')
  await expectAccessible(page, testInfo, 'concept grid editing')
  await page.getByRole('button', { name: 'Raster speichern' }).click()
  await expect(page.getByRole('button', { name: 'Raster bearbeiten' })).toBeVisible()
  const housingRow = page.getByRole('row', { name: /^Wohnen/ })
  await expect(housingRow.getByText('mitwirkend')).toHaveCount(2)

  const form = page
    .locator('form')
    .filter({ has: page.getByRole('button', { name: 'Schnittstelle hinzufügen' }) })
  const chooseOrganisation = async (label: string, name: string) => {
    await form.getByRole('combobox', { name: label }).click()
    await page.getByRole('option', { name, exact: true }).click()
  }
  await chooseOrganisation('Organisation A', 'Jobcenter Rhein-Sieg')
  await chooseOrganisation('Organisation B', 'Jobcenter Rhein-Sieg')
  await form.getByRole('textbox', { name: 'Prozess' }).fill('Mietübernahme nach Rechtskreiswechsel')
  await form.getByRole('textbox', { name: 'Was nicht gelingt' }).fill('Mietverträge werden neu geprüft.')
  await form.getByRole('button', { name: 'Schnittstelle hinzufügen' }).click()
  await expect(
    form.getByText('Eine Schnittstelle verbindet zwei verschiedene Organisationen.').first(),
  ).toBeVisible()
  await chooseOrganisation('Organisation B', 'Sozialamt Rhein-Sieg-Kreis')
  await form.getByRole('button', { name: 'Schnittstelle hinzufügen' }).click()
  await expect(page.getByRole('row', { name: /Mietübernahme nach Rechtskreiswechsel/ })).toContainText(
    'offen',
  )

  const docx = await page.request.get(
    (await page.getByRole('link', { name: 'Als Word-Datei (DOCX)' }).getAttribute('href')) ?? '',
  )
  expect(docx.status()).toBe(200)
  expect(docx.headers()['content-type']).toContain('wordprocessingml')
  const pdf = await page.request.get(
    (await page.getByRole('link', { name: 'Als PDF' }).getAttribute('href')) ?? '',
  )
  expect(pdf.status()).toBe(200)

  await page.getByRole('link', { name: 'Mit der vorigen Fassung vergleichen' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Fassungen vergleichen' })).toBeVisible()
  const housingChange = page.getByRole('region', { name: 'Wohnen' })
  await expect(housingChange.getByText('Eine Wohnraumbörse der Kommunen startet 2027.')).toBeVisible()
  await expect(page.getByRole('row', { name: /Rechtskreiswechsel vom AsylbLG ins SGB II/ })).toContainText(
    'geändert',
  )
  await expectAccessible(page, testInfo, 'concept comparison')
})
