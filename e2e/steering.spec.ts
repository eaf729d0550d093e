import { expect, test } from '@playwright/test'
import { expectAccessible } from './axe.ts'
import { demoUsers, signIn } from './demo.ts'

/** Monday morning: the coordinator's start page shows the next meeting, unfilled seats and open action items. */
test("the coordinator's start page shows the next meeting, the unfilled seats and the open action items", async ({
  page,
}, testInfo) => {
  await signIn(page, demoUsers.coordinator)
  const card = page.getByRole('region', { name: 'Steuerung: Ihre Woche' })
  const meetings = card.getByRole('region', { name: 'Nächste Sitzungen' })
  // The next three, soonest first: two working groups, then the steering group.
  await expect(meetings.getByRole('listitem')).toHaveCount(3)
  await expect(meetings.getByRole('listitem').first()).toContainText('Unterarbeitsgruppe Rechtskreiswechsel')
  const steeringMeeting = meetings.getByRole('listitem').filter({ hasText: '4. Sitzung' })
  await expect(steeringMeeting).toContainText('Kreishaus Siegburg, Sitzungssaal 2')
  await expect(
    steeringMeeting.getByRole('link', { name: 'Lenkungsgruppe KIM Rhein-Sieg-Kreis' }),
  ).toBeVisible()
  const seats = card.getByRole('region', { name: 'Unbesetzte Sitze' })
  const steeringSeats = seats.getByRole('listitem').filter({ hasText: 'Lenkungsgruppe KIM Rhein-Sieg-Kreis' })
  await expect(steeringSeats).toContainText('4 von 17 Sitzen unbesetzt')
  await expect(steeringSeats).toContainText('Schulbereich')
  const actions = card.getByRole('region', { name: 'Offene Aufgaben aus Sitzungen' })
  await expect(
    actions.getByRole('row', { name: /Konstituierende Sitzungen der Unterarbeitsgruppen/ }),
  ).toBeVisible()
  await expect(page.getByRole('region', { name: 'Systemstatus' })).toHaveCount(0)
  await expectAccessible(page, testInfo, 'coordinator start page')
})

/**
 * Steering as the coordinator Jonas Wagner does it: the bodies with their unfilled seats, the
 * steering group's seat plan, a new meeting with an agenda item, attendance, a decision and an
 * action item, the minutes approved and frozen, and the decision found in the register.
 */
test('a coordinator plans a meeting, records it, approves the minutes and finds the decision', async ({
  page,
}, testInfo) => {
  await signIn(page, demoUsers.coordinator)
  await page.getByRole('link', { name: 'Gremien und Sitzungen' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Gremien' })).toBeVisible()
  await expect(page.getByText('4 Sitze unbesetzt')).toBeVisible()
  await expectAccessible(page, testInfo, 'bodies')

  await page.getByRole('link', { name: 'Lenkungsgruppe KIM Rhein-Sieg-Kreis', exact: true }).click()
  await expect(
    page.getByRole('heading', { level: 2, name: 'Lenkungsgruppe KIM Rhein-Sieg-Kreis' }),
  ).toBeVisible()
  const school = page.getByRole('row', { name: /Schulbereich/ })
  await expect(school.getByText('unbesetzt')).toBeVisible()
  await expectAccessible(page, testInfo, 'body')

  await page.getByRole('textbox', { name: 'Titel' }).fill('5. Sitzung: Bericht der Unterarbeitsgruppen')
  await page.getByRole('textbox', { name: 'Ort' }).fill('Kreishaus Siegburg')
  await page.getByRole('button', { name: 'Sitzung planen' }).click()
  await expect(
    page.getByRole('heading', { level: 2, name: '5. Sitzung: Bericht der Unterarbeitsgruppen' }),
  ).toBeVisible()

  await page.getByRole('textbox', { name: 'Neuer Tagesordnungspunkt' }).fill('Bericht UAG Rechtskreiswechsel')
  await page.getByRole('button', { name: 'TOP hinzufügen' }).click()
  await expect(page.getByText('TOP 1: Bericht UAG Rechtskreiswechsel').first()).toBeVisible()

  // Before approval the agenda can be corrected and papers attached.
  await page.getByRole('button', { name: 'TOP 1 bearbeiten' }).click()
  await page
    .getByRole('textbox', { name: 'Titel des Tagesordnungspunkts' })
    .fill('Bericht der UAG Rechtskreiswechsel')
  await page.getByRole('button', { name: 'Speichern', exact: true }).click()
  await expect(page.getByText('TOP 1: Bericht der UAG Rechtskreiswechsel').first()).toBeVisible()
  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: 'Unterlage an TOP 1 anhängen' }).click()
  await (await chooser).setFiles({
    name: 'Sachstand UAG.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from(
      '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
    ),
  })
  await expect(
    page.getByRole('list', { name: 'Unterlagen zu TOP 1' }).getByRole('link', { name: 'Sachstand UAG.pdf' }),
  ).toBeVisible()

  const attendance = page.getByRole('combobox', { name: 'Anwesenheit von Birgit Dinslaken' })
  await attendance.click()
  await page.getByRole('option', { name: 'anwesend', exact: true }).click()
  await page.getByRole('button', { name: 'Anwesenheit speichern' }).click()
  await expect(page.getByText(/Nicht beschlussfähig: 1 von 13/)).toBeVisible()

  await page
    .getByRole('textbox', { name: 'Beschlusstext' })
    .fill('Die Lenkungsgruppe nimmt den Bericht der UAG zustimmend zur Kenntnis.')
  await page.getByRole('button', { name: 'Beschluss aufnehmen' }).click()
  await expect(
    page.getByRole('listitem').filter({ hasText: 'nimmt den Bericht der UAG zustimmend' }),
  ).toBeVisible()
  await expectAccessible(page, testInfo, 'meeting')

  await page.getByRole('button', { name: 'Protokoll genehmigen' }).click()
  await expect(page.getByText(/Genehmigt am/)).toBeVisible()
  await expect(page.getByRole('button', { name: 'TOP hinzufügen' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'TOP 1 bearbeiten' })).toHaveCount(0)
  await expect(page.getByRole('link', { name: 'Sachstand UAG.pdf' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Nachtrag anfügen' })).toBeVisible()

  await page.getByRole('link', { name: 'Beschlussregister' }).first().click()
  await page.getByRole('textbox', { name: 'Beschlüsse durchsuchen' }).fill('UAG zustimmend')
  await expect(page.getByText('1 Beschluss', { exact: true })).toBeVisible()
  await expect(page.getByRole('cell', { name: /nimmt den Bericht der UAG zustimmend/ })).toBeVisible()
  await expectAccessible(page, testInfo, 'register')
})
