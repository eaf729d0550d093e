import { expect, test } from '@playwright/test'
import { localDay } from '../common/dates.ts'
import { expectAccessible } from './axe.ts'
import { demoUsers, signIn } from './demo.ts'

/**
 * The committee's worry as the coordinator Jonas Wagner meets it: the case managers' contracts end
 * on 31 December. He sees the warnings, opens the timeline, extends Leyla Yıldız's contract by a
 * year, sees one warning fewer, and downloads the budget for the committee.
 */
test('a coordinator sees the ending contracts, opens the timeline, extends one contract and exports the budget', async ({
  page,
}, testInfo) => {
  const year = Number(localDay(new Date(), 'Europe/Berlin').slice(0, 4))
  await signIn(page, demoUsers.coordinator)
  const card = page.getByRole('region', { name: 'Stellen: Frühwarnungen' })
  await expect(card.getByText(/\d+ Warnung/)).toBeVisible()
  await expectAccessible(page, testInfo, 'start page with staffing warnings')

  await card.getByRole('link', { name: 'Alle Frühwarnungen' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Frühwarnungen' })).toBeVisible()
  // Twelve months reach 31 December whenever the test runs.
  await page.getByRole('combobox', { name: 'Vorlauf' }).click()
  await page.getByRole('option', { name: '12 Monate' }).click()
  const summary = page.getByText(/^\d+ Warnungen? vom/)
  await expect(summary).toBeVisible()
  const before = Number((await summary.textContent())?.match(/^(\d+)/)?.[1])
  const leyla = page.getByRole('row', { name: /Vertrag endet.*Leyla Yıldız/ })
  await expect(leyla).toContainText(`31.12.${year}`)
  await expectAccessible(page, testInfo, 'warnings')

  await page
    .getByRole('navigation', { name: 'Stellen und Finanzierung' })
    .getByRole('link', { name: 'Zeitstrahl' })
    .click()
  await expect(page.getByRole('heading', { level: 2, name: 'Zeitstrahl der Stellen' })).toBeVisible()
  await expect(page.getByRole('listitem').filter({ hasText: 'Case Management Troisdorf:' })).toContainText(
    'unbesetzt',
  )
  await expectAccessible(page, testInfo, 'timeline')

  await page
    .getByRole('navigation', { name: 'Stellen und Finanzierung' })
    .getByRole('link', { name: 'Stellen' })
    .click()
  await expect(page.getByRole('heading', { level: 2, name: 'Stellen' })).toBeVisible()
  await expect(page.getByRole('row', { name: /Case Management Troisdorf/ })).toContainText('besetzt')
  await expectAccessible(page, testInfo, 'positions')
  await page.getByRole('link', { name: 'Case Management Troisdorf' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Case Management Troisdorf' })).toBeVisible()
  // The position itself is kept here too: a new funding programme, with If-Match behind the form.
  await page.getByRole('button', { name: 'Stelle bearbeiten' }).click()
  const positionForm = page.getByRole('form', { name: 'Stelle bearbeiten' })
  await positionForm.getByRole('textbox', { name: 'Förderprogramm' }).fill('KIM 2027')
  await expectAccessible(page, testInfo, 'position form')
  await positionForm.getByRole('button', { name: 'Stelle speichern' }).click()
  await expect(positionForm).toHaveCount(0)
  await expect(page.getByRole('row', { name: /Förderprogramm/ })).toContainText('KIM 2027')
  await page.getByRole('button', { name: 'Vertrag von Leyla Yıldız ändern' }).click()
  const form = page.getByRole('form', { name: 'Vertrag von Leyla Yıldız ändern' })
  await form.getByRole('textbox', { name: /^Ende/ }).fill(`31.12.${year + 1}`)
  // The pointer rests on another contract's button, whose hover colour axe would measure.
  await page.mouse.move(0, 0)
  await expectAccessible(page, testInfo, 'contract form')
  await form.getByRole('button', { name: 'Vertrag speichern' }).click()
  await expect(form).toHaveCount(0)
  await expect(page.getByRole('row', { name: /Leyla Yıldız/ })).toContainText(`31.12.${year + 1}`)
  // A second full-time contract next year would put the position above its FTE: refused at the field.
  const newContract = page.getByRole('form', { name: 'Neuer Vertrag auf dieser Stelle' })
  await newContract.getByRole('textbox', { name: /^Nachname/ }).fill('Berger')
  await newContract.getByRole('textbox', { name: /^Beginn/ }).fill(`01.03.${year + 1}`)
  await newContract.getByRole('button', { name: 'Vertrag anlegen' }).click()
  await expect(newContract.getByText(/mehr Stellenanteile zugeordnet, als sie VZÄ hat/)).toBeVisible()
  await expectAccessible(page, testInfo, 'new contract refused')

  await page
    .getByRole('navigation', { name: 'Stellen und Finanzierung' })
    .getByRole('link', { name: 'Frühwarnungen' })
    .click()
  await page.getByRole('combobox', { name: 'Vorlauf' }).click()
  await page.getByRole('option', { name: '12 Monate' }).click()
  await expect(page.getByText(new RegExp(`^${before - 1} Warnungen? vom`))).toBeVisible()
  await expect(page.getByRole('row', { name: /Vertrag endet.*Leyla Yıldız/ })).toHaveCount(0)

  await page
    .getByRole('navigation', { name: 'Stellen und Finanzierung' })
    .getByRole('link', { name: 'Haushalt' })
    .click()
  await expect(
    page.getByRole('heading', { level: 2, name: 'Haushalt: Personalkosten und Förderung' }),
  ).toBeVisible()
  await expect(page.getByRole('row', { name: /2 · Case Management/ })).toBeVisible()
  await expect(page.getByText('57.000,00 € im Jahr je 1 VZÄ').first()).toBeVisible()
  await expectAccessible(page, testInfo, 'budget')
  // A pay grade added on the budget page appears in its table and the form starts afresh.
  const gradeForm = page.getByRole('form', { name: 'Neue Kosten je Entgeltgruppe' })
  await gradeForm.getByRole('textbox', { name: /^Entgeltgruppe/ }).fill('S 17')
  await gradeForm.getByRole('textbox', { name: /^Jahreskosten/ }).fill('81000')
  await gradeForm.getByRole('textbox', { name: /^Gültig ab/ }).fill(`01.01.${year + 1}`)
  await gradeForm.getByRole('button', { name: 'Kosten hinzufügen' }).click()
  await expect(page.getByRole('row', { name: /S 17/ })).toBeVisible()
  await expect(gradeForm.getByRole('textbox', { name: /^Entgeltgruppe/ })).toHaveValue('')
  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: `Als Excel-Datei herunterladen (${year})` }).click()
  expect((await download).suggestedFilename()).toBe(`haushalt-${year}.xlsx`)

  await page
    .getByRole('navigation', { name: 'Stellen und Finanzierung' })
    .getByRole('link', { name: 'Fallbelastung' })
    .click()
  await expect(
    page.getByRole('heading', { level: 2, name: 'Fallbelastung je VZÄ Case Management' }),
  ).toBeVisible()
  await expect(page.getByRole('row', { name: /Kreis gesamt/ })).toContainText('5,5')
  await expect(page.getByRole('table', { name: 'Nach Teams' })).toBeVisible()
  await expectAccessible(page, testInfo, 'caseload')
})
