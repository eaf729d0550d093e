import { expect, type Locator, type Page, test } from '@playwright/test'
import { expectAccessible } from './axe.ts'
import { demoUsers, signIn } from './demo.ts'

/**
 * Case work as the case manager Leyla Yıldız (Team Nord) does it in the demo district: register a
 * Klient:in (after the duplicate check), open a case, walk it through the DGCC phases, log
 * contacts by keyboard alone and close it. The demo holds "Mohammad Al-Hassan" (1987) in Team
 * Süd's caseload, so that a variant spelling names the team without showing the record.
 */

/** The new client: a name no demo person carries, with an incomplete birth date (May 1979). */
const client = {
  familyName: 'Zhuravska',
  givenNames: 'Oleksandra',
  originalScript: 'Олександра Журавська',
  otherSpelling: 'Schurawska',
  birthDate: '05.1979',
}
const goal = 'Deutschkurs B1 abschließen'
const closingNote = 'Abschlussgespräch geführt, Kurs läuft weiter'

/**
 * Presses Tab until the target has focus: keyboard only, and independent of how many stops the
 * browser puts in between (Chromium's date and time fields have one per part).
 */
async function tabTo(page: Page, target: Locator, maxPresses = 40): Promise<void> {
  for (let press = 0; press < maxPresses; press++) {
    if (await target.evaluate((element) => element === document.activeElement)) return
    await page.keyboard.press('Tab')
  }
  await expect(target, `Tab never reached the field within ${maxPresses} presses`).toBeFocused()
}

/** Opens a Mantine select by click and picks an option by its visible name. */
async function choose(page: Page, select: Locator, option: string): Promise<void> {
  await select.click()
  await page.getByRole('option', { name: option, exact: true }).click()
  await expect(select).toHaveValue(option)
}

/** Picks an option of a focused Mantine select by arrow keys and Enter, as a keyboard user does. */
async function keyboardChoose(page: Page, select: Locator, option: string): Promise<void> {
  await expect(select).toBeFocused()
  await page.keyboard.press('ArrowDown')
  const wanted = page.getByRole('option', { name: option, exact: true })
  const wantedId = await wanted.getAttribute('id')
  for (let press = 0; press < 20; press++) {
    if ((await select.getAttribute('aria-activedescendant')) === wantedId) break
    await page.keyboard.press('ArrowDown')
  }
  await page.keyboard.press('Enter')
  await expect(select).toHaveValue(option)
}

/** Starts a phase change from the header and confirms it in its dialog. */
async function changePhase(page: Page, label: string, checkDialog?: () => Promise<void>): Promise<void> {
  await page.getByRole('group', { name: 'Phase wechseln' }).getByRole('button', { name: label }).click()
  const dialog = page.getByRole('dialog', { name: label })
  await expect(dialog).toBeVisible()
  await checkDialog?.()
  await dialog.getByRole('button', { name: label }).click()
  await expect(dialog).toBeHidden()
}

/** The phase marked as current in the list of DGCC phases. */
const currentPhase = (page: Page) =>
  page.getByRole('list', { name: 'Phasen des Case Managements' }).locator('[aria-current="step"]')

const caseTab = (page: Page, name: string) =>
  page.getByRole('tablist', { name: 'Bereiche des Falls' }).getByRole('tab', { name, exact: true })

test('a case manager registers a client, walks a case through all phases and logs contacts by keyboard', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000)
  await signIn(page, demoUsers.caseManager)
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Fälle' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Fälle' })).toBeVisible()
  await expect(page.getByRole('status').getByText(/^\d+ Fälle gefunden$/)).toBeVisible()
  await expect(page.getByRole('table', { name: /^Fälle mit Klient:innen/ })).toBeVisible()
  await expectAccessible(page, testInfo, 'case list')

  // Registration: a variant spelling of a client of Team Süd is found, without showing the record.
  await page.getByRole('link', { name: 'Klient:in registrieren' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Klient:in registrieren' })).toBeVisible()
  const familyName = page.getByRole('textbox', { name: /^Familienname/ })
  const givenNames = page.getByRole('textbox', { name: /^Vornamen/ })
  const birthDate = page.getByRole('textbox', { name: /^Geburtsdatum/ })
  await expect(familyName).toBeFocused()
  const duplicates = page.getByRole('region', { name: 'Mögliche Doppeleinträge' })
  await expect(duplicates.getByText(/^Sobald Familienname und Vornamen eingetragen sind/)).toBeVisible()
  await familyName.fill('Alhassan')
  await givenNames.fill('Muhammad')
  await birthDate.fill('1987')
  await expect(page.getByText('Erkannt als: nur das Jahr 1987')).toBeVisible()
  await page.getByRole('radio', { name: 'männlich' }).check()
  await choose(page, page.getByRole('combobox', { name: /^Kommune/ }), 'Siegburg')
  await expect(duplicates.getByText('1 möglicher Eintrag gefunden')).toBeVisible()
  await expect(
    duplicates.getByText(/Ein möglicher Eintrag besteht bereits bei Team Süd – bitte dort nachfragen/),
  ).toBeVisible()
  // Neither the name on record nor a link to it: the client belongs to another team.
  await expect(duplicates.getByRole('link')).toHaveCount(0)
  await expect(duplicates.getByText(/Al-Hassan|Mohammad/)).toHaveCount(0)
  await expectAccessible(page, testInfo, 'registration with duplicate warning')

  // Registering anyway asks once more; going back keeps the form as it was.
  await page.getByRole('button', { name: 'Registrieren' }).click()
  const confirm = page.getByRole('dialog', { name: 'Trotzdem neu registrieren?' })
  await expect(confirm.getByText(/^Es gibt einen möglichen Eintrag für diese Person/)).toBeVisible()
  await expectAccessible(page, testInfo, 'duplicate confirmation dialog')
  await confirm.getByRole('button', { name: 'Zurück zu den Treffern' }).click()
  await expect(confirm).toBeHidden()
  await expect(familyName).toHaveValue('Alhassan')

  // Instead: a new client, with the name in Cyrillic, a German transcription and only month and year of birth.
  await familyName.fill(client.familyName)
  await givenNames.fill(client.givenNames)
  await page.getByRole('textbox', { name: /^Name in Originalschrift/ }).fill(client.originalScript)
  const spellings = page.getByRole('combobox', { name: /^Andere Schreibweisen/ })
  await spellings.fill(client.otherSpelling)
  await spellings.press('Enter')
  await birthDate.fill(client.birthDate)
  await expect(page.getByText('Erkannt als: Mai 1979')).toBeVisible()
  await page.getByRole('radio', { name: 'weiblich' }).check()
  await expect(duplicates.getByText('Kein vorhandener Eintrag gefunden.')).toBeVisible()
  // No candidate, so no confirmation: straight to the new person's page.
  await page.getByRole('button', { name: 'Registrieren' }).click()
  await expect(confirm).toHaveCount(0)

  // The person's page: the name in both scripts, the partial birth date, no case yet.
  await expect(
    page.getByRole('heading', { level: 2, name: `${client.familyName}, ${client.givenNames}` }),
  ).toBeVisible()
  // Beside the heading and again in the record, with the other spelling.
  await expect(page.getByText(client.originalScript, { exact: true })).toHaveCount(2)
  await expect(page.getByText(client.otherSpelling, { exact: true })).toBeVisible()
  await expect(page.getByText('geb. 05.1979')).toBeVisible()
  await expect(page.getByText('Noch kein Fall für diese Person.')).toBeVisible()
  await expectAccessible(page, testInfo, 'person page')

  await page.getByRole('button', { name: 'Fall eröffnen' }).click()
  const openDialog = page.getByRole('dialog', { name: 'Fall eröffnen' })
  await expect(openDialog.getByRole('combobox', { name: /^Kommune/ })).toHaveValue('Siegburg')
  await expect(openDialog.getByRole('combobox', { name: /^Team/ })).toHaveValue('Team Nord')
  await expectAccessible(page, testInfo, 'open case dialog')
  await openDialog.getByRole('button', { name: 'Fall eröffnen' }).click()

  // The case: in intake, with this client and Leyla Yıldız responsible.
  await expect(page.getByRole('heading', { level: 2, name: /^Fall \d{4}-\d{4}$/ })).toBeVisible()
  await expect(currentPhase(page)).toContainText('Fallklärung')
  await expect(page.getByRole('link', { name: `${client.familyName}, ${client.givenNames}` })).toBeVisible()
  await expect(page.getByText('Team Nord · Leyla Yıldız')).toBeVisible()
  await expectAccessible(page, testInfo, 'case page (intake)')

  // Assessment.
  await changePhase(page, 'Weiter zu: Assessment', () =>
    expectAccessible(page, testInfo, 'phase change dialog'),
  )
  await expect(currentPhase(page)).toContainText('Assessment')
  await caseTab(page, 'Assessment').click()
  await expect(page.getByText('Noch kein Assessment erfasst.')).toBeVisible()
  const need = (domain: string, level: string) =>
    page
      .getByRole('radiogroup', { name: domain, exact: true })
      .getByRole('radio', { name: level, exact: true })
  await need('Sprache', 'hoch').check()
  await need('Arbeit und Anerkennung', 'mittel').check()
  await need('Wohnen', 'gering').check()
  await page
    .getByRole('textbox', { name: 'Ressourcen: Arbeit und Anerkennung' })
    .fill('Buchhalterin, Diplom aus Kyjiw')
  await expectAccessible(page, testInfo, 'assessment form')
  await page.getByRole('button', { name: 'Assessment speichern' }).click()
  await expect(page.getByRole('status').getByText('Assessment gespeichert.')).toBeVisible()
  await expect(
    page.getByText(/^Letztes Assessment vom \d{2}\.\d{2}\.\d{4} \(Leyla Yıldız\)\.$/),
  ).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Bedarf im Verlauf' })).toBeVisible()
  // ECharts, fetched with the first chart, draws each domain's scale with the level names.
  const charts = page.locator('section[aria-labelledby="assessment-history-heading"] svg')
  await expect(charts.first().locator('text', { hasText: 'hoch' })).toBeVisible()
  await page.getByText('Verlauf als Tabelle anzeigen').click()
  const history = page.getByRole('table', { name: 'Bedarf je Handlungsfeld und Assessment' })
  await expect(history.getByRole('row', { name: /^Sprache hoch$/ })).toBeVisible()
  await expect(history.getByRole('row', { name: /^Wohnen gering$/ })).toBeVisible()
  await expectAccessible(page, testInfo, 'assessment tab with history')

  // Planning: a goal in the plan, then on to implementation.
  await changePhase(page, 'Weiter zu: Hilfeplanung')
  await expect(currentPhase(page)).toContainText('Hilfeplanung')
  await caseTab(page, 'Hilfeplan').click()
  await expect(page.getByText('Noch keine Ziele vereinbart.')).toBeVisible()
  await page.getByRole('button', { name: 'Ziel hinzufügen' }).click()
  const goalDialog = page.getByRole('dialog', { name: 'Ziel hinzufügen' })
  await choose(page, goalDialog.getByRole('combobox', { name: /^Handlungsfeld/ }), 'Sprache')
  await goalDialog.getByRole('textbox', { name: 'Ziel', exact: true }).fill(goal)
  await goalDialog.getByRole('textbox', { name: /^Woran erkennbar/ }).fill('Zertifikat B1 liegt vor')
  await expectAccessible(page, testInfo, 'goal dialog')
  await goalDialog.getByRole('button', { name: 'Speichern' }).click()
  await expect(goalDialog).toBeHidden()
  const goalCard = page.getByRole('article', { name: goal })
  await expect(goalCard.getByText('Woran erkennbar: Zertifikat B1 liegt vor', { exact: false })).toBeVisible()
  await expect(goalCard.getByText('Offen', { exact: true })).toBeVisible()
  await expectAccessible(page, testInfo, 'plan tab')
  await changePhase(page, 'Weiter zu: Umsetzung und Monitoring')
  await expect(currentPhase(page)).toContainText('Umsetzung und Monitoring')

  // Three contacts, by keyboard alone: Tab between fields, Space to tick, typing, Ctrl+Enter to save.
  await caseTab(page, 'Kontakte').click()
  const form = page.getByRole('region', { name: 'Kontakt erfassen' })
  await expect(form.getByText(/^Tab wechselt die Felder, Leertaste kreuzt an/)).toBeVisible()
  await expect(page.getByText('Noch keine Kontakte erfasst.')).toBeVisible()
  await expectAccessible(page, testInfo, 'contacts tab')
  const dateField = form.getByLabel(/^Datum/)
  const duration = form.getByRole('textbox', { name: /^Dauer \(Minuten\)/ })
  const channel = form.getByRole('combobox', { name: /^Kontaktart/ })
  const note = form.getByRole('textbox', { name: 'Notiz' })
  const contactList = page.getByRole('table', { name: /Kontakte?, neueste zuerst$/ })
  const contacts = [
    {
      minutes: '45',
      channel: 'Persönlich',
      domains: ['Sprache', 'Arbeit und Anerkennung'],
      note: 'Anmeldung zum Integrationskurs besprochen',
    },
    { minutes: '15', channel: 'Telefon', domains: ['Wohnen'], note: 'Rückruf wegen Wohnungsbesichtigung' },
    {
      minutes: '60',
      channel: 'Begleitung',
      domains: ['Arbeit und Anerkennung'],
      note: 'Begleitung zur Anerkennungsberatung',
    },
  ]
  await expect(dateField).toBeFocused()
  for (const [index, contact] of contacts.entries()) {
    await tabTo(page, duration)
    await page.keyboard.press('Control+A')
    await page.keyboard.type(contact.minutes)
    await tabTo(page, channel)
    // A closed native select takes typed letters as a search for the option.
    await page.keyboard.type(contact.channel)
    await expect(channel.locator('option:checked')).toHaveText(contact.channel)
    for (const domain of contact.domains) {
      const box = form.getByRole('checkbox', { name: domain, exact: true })
      await tabTo(page, box)
      await page.keyboard.press('Space')
      await expect(box).toBeChecked()
    }
    await tabTo(page, note)
    await page.keyboard.type(contact.note)
    await page.keyboard.press('Control+Enter')

    await expect(form.getByRole('status')).toHaveText(
      /^Kontakt vom \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} Uhr gespeichert\. Das Formular ist bereit für den nächsten\.$/,
    )
    const row = contactList.getByRole('row').filter({ hasText: contact.note })
    await expect(row).toBeVisible()
    await expect(row.getByRole('cell', { name: `${contact.minutes} Min.` })).toBeVisible()
    await expect(row.getByRole('cell', { name: contact.channel, exact: true })).toBeVisible()
    await expect(row.getByRole('cell', { name: contact.domains.join(', '), exact: true })).toBeVisible()
    await expect(contactList).toHaveAccessibleName(
      index === 0 ? '1 Kontakt, neueste zuerst' : `${index + 1} Kontakte, neueste zuerst`,
    )
    // Ready for the next one: focus back on the first field, the form back to its defaults.
    await expect(dateField).toBeFocused()
    await expect(note).toHaveValue('')
    await expect(form.getByRole('checkbox', { checked: true })).toHaveCount(0)
  }
  await expectAccessible(page, testInfo, 'contacts tab with three contacts')
  await expect(page.getByText('noch kein Kontakt')).toHaveCount(0)

  // Closing: the reason and the outcome of the goal.
  await changePhase(page, 'Fall abschließen', async () => {
    const dialog = page.getByRole('dialog', { name: 'Fall abschließen' })
    await choose(page, dialog.getByRole('combobox', { name: /^Abschlussgrund/ }), 'Ziele erreicht')
    await choose(page, dialog.getByRole('combobox', { name: new RegExp(`^${goal}`) }), 'Teilweise erreicht')
    await dialog.getByRole('textbox', { name: 'Notiz (optional)' }).fill(closingNote)
    await expectAccessible(page, testInfo, 'close case dialog')
  })
  await expect(currentPhase(page)).toContainText('Abgeschlossen')
  await expect(page.getByText(/abgeschlossen am \d{2}\.\d{2}\.\d{4} \(Ziele erreicht\)/)).toBeVisible()
  // The closing note stays with the closed case, in its header.
  await expect(page.getByText('Abschlussnotiz')).toBeVisible()
  await expect(page.getByText(closingNote, { exact: true })).toBeVisible()
  // A closed case can only be taken up again.
  const phaseButtons = page.getByRole('group', { name: 'Phase wechseln' }).getByRole('button')
  await expect(phaseButtons.first()).toBeVisible()
  for (const label of await phaseButtons.allTextContents()) expect(label).toMatch(/^Wieder aufnehmen \(/)
  await expect(
    page.getByText('Der Fall ist abgeschlossen. Um etwas zu erfassen, nehmen Sie ihn bitte wieder auf.'),
  ).toBeVisible()
  await expect(form).toHaveCount(0)

  // The timeline: the three contacts and every phase change, newest first.
  await caseTab(page, 'Verlauf').click()
  const timeline = page.getByRole('region', { name: 'Verlauf' }).getByRole('listitem')
  await expect(timeline.filter({ hasText: 'Beratungskontakt' })).toHaveCount(3)
  await expect(timeline.filter({ hasText: 'Telefon · 15 Min. · Wohnen' })).toHaveCount(1)
  const phaseChanges = timeline.filter({ hasText: 'Phasenwechsel' })
  await expect(phaseChanges).toHaveText([
    new RegExp(`Umsetzung und Monitoring → Abgeschlossen · Ziele erreichtNotiz: ${closingNote}`),
    /Hilfeplanung → Umsetzung und Monitoring/,
    /Assessment → Hilfeplanung/,
    /Fallklärung → Assessment/,
  ])
  await expect(timeline.filter({ hasText: 'Fall eröffnet' })).toHaveCount(1)
  await expectAccessible(page, testInfo, 'timeline of the closed case')
})

test('the team lead reads Team Nord’s cases but records nothing', async ({ page }, testInfo) => {
  await signIn(page, demoUsers.teamLead)
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Fälle' }).click()
  const table = page.getByRole('table', { name: /^Fälle mit Klient:innen/ })
  await expect(table).toBeVisible()
  await expectAccessible(page, testInfo, 'case list (team lead)')
  // Only Team Nord: Leyla Yıldız's cases, none of Tobias Schmitz (Team Süd).
  await expect(table.getByRole('cell', { name: /Leyla Yıldız/ }).first()).toBeVisible()
  await expect(table.getByRole('cell', { name: /Tobias Schmitz/ })).toHaveCount(0)

  await page
    .getByLabel(/^Phase/)
    .first()
    .click()
  await page.getByRole('option', { name: 'Umsetzung und Monitoring', exact: true }).click()
  await expect(table.getByRole('cell', { name: 'Umsetzung und Monitoring' }).first()).toBeVisible()
  await table.getByRole('row').nth(1).getByRole('link').first().click()
  await expect(page.getByRole('heading', { level: 2, name: /^Fall \d{4}-\d{4}$/ })).toBeVisible()
  await expect(page.getByText(/^Team Nord · Leyla Yıldız/)).toBeVisible()
  // Reading, not working: no phase changes, no contact form, but the contacts are there.
  await expect(page.getByRole('group', { name: 'Phase wechseln' })).toHaveCount(0)
  await caseTab(page, 'Kontakte').click()
  await expect(page.getByRole('heading', { name: 'Beratungskontakte' })).toBeVisible()
  await expect(page.getByRole('table', { name: /Kontakte?, neueste zuerst$/ })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Kontakt erfassen' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Kontakt speichern' })).toHaveCount(0)
  await expectAccessible(page, testInfo, 'contacts tab (team lead, read only)')
})

test('a coordinator sees no case work', async ({ page }, testInfo) => {
  await signIn(page, demoUsers.coordinator)
  const navigation = page.getByRole('navigation', { name: 'Hauptnavigation' })
  await expect(navigation.getByRole('link', { name: 'Mein Konto' })).toBeVisible()
  await expect(navigation.getByRole('link', { name: 'Fälle' })).toHaveCount(0)
  await expect(navigation.getByRole('link', { name: 'Kurzberatung' })).toHaveCount(0)
  await page.goto('/cases')
  await expect(page.getByRole('alert').getByText('Kein Zugriff')).toBeVisible()
  await expect(page.getByRole('table')).toHaveCount(0)
  await expectAccessible(page, testInfo, 'no access to cases')
})

test('my follow-ups show overdue ones and expiring residence titles', async ({ page }, testInfo) => {
  await signIn(page, demoUsers.caseManager)
  await page
    .getByRole('navigation', { name: 'Hauptnavigation' })
    .getByRole('link', { name: 'Meine Wiedervorlagen' })
    .click()
  await expect(page.getByRole('heading', { level: 2, name: 'Meine Wiedervorlagen' })).toBeVisible()
  await expect(
    page.getByRole('status').getByText(/^\d+ offene Wiedervorlagen?, davon [1-9]\d* überfällig\.$/),
  ).toBeVisible()
  const overdue = page.getByRole('region', { name: /^Überfällig \(\d+\)$/ })
  await expect(overdue).toBeVisible()
  await expect(overdue.getByText(/^Überfällig seit \d{2}\.\d{2}\.\d{4}$/).first()).toBeVisible()
  // Lotse creates these itself before a residence title expires; they name client and expiry day.
  const expiry = page.getByRole('checkbox', {
    name: /^Aufenthaltstitel von .+, .+ läuft am \d{2}\.\d{2}\.\d{4} ab \(Als erledigt markieren\)$/,
  })
  await expect(expiry.first()).toBeVisible()
  const expiryItem = page.getByRole('region', {
    name: /^(Überfällig|Heute fällig|Diese Woche|Später) \(\d+\)$/,
  })
  await expect(expiryItem.getByRole('link', { name: /^[^,]+, .+$/ }).first()).toBeVisible()
  await expectAccessible(page, testInfo, 'my follow-ups')

  // A new one, for next week, appears under "Später", the earliest there.
  await page.getByRole('textbox', { name: /^Was ist zu tun\?/ }).fill('Bescheid des Jobcenters nachfragen')
  await expect(page.getByRole('textbox', { name: /^Fällig am/ })).toHaveValue(/^\d{2}\.\d{2}\.\d{4}$/)
  await page.getByRole('button', { name: 'Anlegen' }).click()
  await expect(
    page.getByText(
      /^Wiedervorlage „Bescheid des Jobcenters nachfragen“ für den \d{2}\.\d{2}\.\d{4} angelegt\.$/,
    ),
  ).toBeVisible()
  const later = page.getByRole('region', { name: /^Später \(\d+\)$/ })
  const created = later.getByRole('checkbox', {
    name: 'Bescheid des Jobcenters nachfragen (Als erledigt markieren)',
  })
  await expect(created).toBeVisible()
  // Ticked, it leaves the list of open follow-ups.
  await created.click()
  await expect(created).toHaveCount(0)

  // A title is required, and the form says so at the field before anything is sent.
  await page.getByRole('button', { name: 'Anlegen' }).click()
  await expect(page.getByRole('textbox', { name: /^Was ist zu tun\?/ })).toHaveAccessibleDescription(
    'Bitte ausfüllen.',
  )
  await expect(page.getByRole('textbox', { name: /^Was ist zu tun\?/ })).toBeFocused()

  // Every group is paged on its own, at most 20 a page: the demo's many reminders stay in sight.
  await expect(later.getByRole('checkbox')).toHaveCount(20)
  await expect(later.getByText(/^1–20 von \d+$/)).toBeVisible()
  await later.getByRole('button', { name: /^Nächste Seite: Später/ }).click()
  await expect(later.getByText(/^21–\d+ von \d+$/)).toBeVisible()
  await expect(later.getByRole('checkbox')).not.toHaveCount(0)
})

test.describe('in a browser set to English', () => {
  test.use({ locale: 'en-US', timezoneId: 'Europe/Berlin' })

  test('date fields read and show TT.MM.JJJJ and times 24 hours', async ({ page }, testInfo) => {
    await signIn(page, demoUsers.caseManager)
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Meine Wiedervorlagen' })
      .click()
    const due = page.getByRole('textbox', { name: /^Fällig am/ })
    await expect(due).toHaveValue(/^\d{2}\.\d{2}\.\d{4}$/)
    await expect(due).toHaveAttribute('placeholder', 'TT.MM.JJJJ')
    // Typed the German way, short or long, it is read as that day.
    await due.fill('3.2.2031')
    await page.getByRole('textbox', { name: /^Was ist zu tun\?/ }).fill('Termin Ausländerbehörde')
    await expect(due).toHaveValue('03.02.2031')
    await page.getByRole('button', { name: 'Anlegen' }).click()
    await expect(
      page.getByText('Wiedervorlage „Termin Ausländerbehörde“ für den 03.02.2031 angelegt.'),
    ).toBeVisible()
    await expectAccessible(page, testInfo, 'follow-ups in an English browser')

    // The contact form's time: hours 0 to 23, no AM/PM.
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Fälle' })
      .click()
    const table = page.getByRole('table', { name: /^Fälle mit Klient:innen/ })
    await table.getByRole('row').nth(1).getByRole('link').first().click()
    await caseTab(page, 'Kontakte').click()
    const form = page.getByRole('region', { name: 'Kontakt erfassen' })
    await expect(form.getByLabel(/^Datum/)).toHaveValue(/^\d{2}\.\d{2}\.\d{4}$/)
    await expect(form.getByRole('spinbutton', { name: 'Stunden' })).toHaveValue(/^([01]\d|2[0-3])$/)
    await expect(form.getByRole('spinbutton', { name: 'Minuten' })).toHaveValue(/^[0-5]\d$/)
    await expect(form.getByRole('combobox', { name: 'AM/PM' })).toHaveCount(0)

    // In English the fields keep the German order of day, month and year.
    await page.getByRole('radiogroup', { name: 'Sprache' }).getByRole('radio', { name: 'Deutsch' }).focus()
    await page.keyboard.press('ArrowRight')
    await expect(page.getByRole('region', { name: 'Record a contact' }).getByLabel(/^Date/)).toHaveValue(
      /^\d{2}\.\d{2}\.\d{4}$/,
    )
    await page.getByRole('radiogroup', { name: 'Language' }).getByRole('radio', { name: 'English' }).focus()
    await page.keyboard.press('ArrowLeft')
    await expect(page.getByRole('region', { name: 'Kontakt erfassen' })).toBeVisible()
  })
})

test('a case-list address with values that cannot be read opens the list with the defaults for those', async ({
  page,
}, testInfo) => {
  await signIn(page, demoUsers.caseManager)
  // As a mistyped, truncated or outdated link would carry them; only the phase can be read.
  await page.goto(
    '/cases?sort=unbekannt&direction=seitwaerts&page=abc&municipalityId=keine-id&teamId=1&domain=kochen' +
      '&overdueTasks=vielleicht&residenceExpiringWithinDays=-5&q=%7B%22a%22%3A1%7D&phase=implementation',
  )
  await expect(page.getByRole('heading', { level: 2, name: 'Fälle' })).toBeVisible()
  await expect(page.getByRole('status').getByText(/^\d+ Fälle? gefunden$/)).toBeVisible()
  await expect(page.getByRole('alert')).toHaveCount(0)
  await expect(page.getByRole('combobox', { name: 'Sortieren nach' })).toHaveValue('Letzter Kontakt')
  await expect(page.getByRole('combobox', { name: 'Reihenfolge' })).toHaveValue('Absteigend')
  const filters = page.getByRole('search', { name: 'Filter der Fallliste' })
  await expect(filters.getByRole('searchbox', { name: /^Name oder Aktenzeichen/ })).toHaveValue('')
  await expect(filters.getByRole('combobox', { name: 'Phase', exact: true })).toHaveValue(
    'Umsetzung und Monitoring',
  )
  await expect(filters.getByRole('combobox', { name: /^Kommune/ })).toHaveValue('')
  await expect(
    filters.getByRole('checkbox', { name: 'Nur mit überfälligen Wiedervorlagen' }),
  ).not.toBeChecked()
  const table = page.getByRole('table', { name: /^Fälle mit Klient:innen/ })
  await expect(table.getByRole('cell', { name: 'Umsetzung und Monitoring' }).first()).toBeVisible()
  await expectAccessible(page, testInfo, 'case list from an address with unreadable values')

  // The same for a case's tab: an unknown one opens the timeline.
  await table.getByRole('row').nth(1).getByRole('link').first().click()
  await expect(page.getByRole('heading', { level: 2, name: /^Fall \d{4}-\d{4}$/ })).toBeVisible()
  await page.goto(`${page.url().split('?')[0]}?tab=unbekannt`)
  await expect(caseTab(page, 'Verlauf')).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByRole('alert')).toHaveCount(0)
})

test('a team lead who hands a case to another team is led back to the list with a confirmation', async ({
  page,
}, testInfo) => {
  await signIn(page, demoUsers.teamLead)
  // Nothing may ask for the case once it is handed over: the server would refuse it (and audit that).
  const refused: string[] = []
  page.on('response', (response) => {
    if (response.status() === 403) refused.push(response.url())
  })
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Fälle' }).click()
  const table = page.getByRole('table', { name: /^Fälle mit Klient:innen/ })
  await table.getByRole('row').nth(1).getByRole('link').first().click()
  const heading = page.getByRole('heading', { level: 2, name: /^Fall \d{4}-\d{4}$/ })
  await expect(heading).toBeVisible()
  const reference = ((await heading.textContent()) ?? '').replace('Fall ', '')
  await caseTab(page, 'Zuständigkeit').click()
  await expectAccessible(page, testInfo, 'assignment tab (team lead)')

  // By keyboard: the team, then the responsible case manager of that team instead of the current ones.
  const team = page.getByRole('combobox', { name: 'Team', exact: true })
  await tabTo(page, team)
  await keyboardChoose(page, team, 'Team Süd')
  const managers = page.getByRole('combobox', { name: 'Zuständig', exact: true })
  await tabTo(page, managers)
  // Backspace in the empty search removes the last chosen one (at most four).
  for (let press = 0; press < 4; press++) await page.keyboard.press('Backspace')
  await page.keyboard.type('Tobias')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Escape')
  const assignment = page.getByRole('region', { name: 'Zuständigkeit' })
  await expect(assignment.getByText('Tobias Schmitz')).toBeVisible()
  await expect(assignment.getByText('Leyla Yıldız')).toHaveCount(0)
  await tabTo(page, assignment.getByRole('button', { name: 'Speichern' }))
  await page.keyboard.press('Enter')

  const notice = page.getByRole('status').filter({ hasText: `Fall ${reference} an Team Süd übergeben` })
  await expect(notice).toBeVisible()
  await expect(notice).toBeFocused()
  await expect(notice).toContainText('Der Fall gehört nicht mehr zu Ihren Fällen')
  await expect(page.getByRole('heading', { level: 2, name: 'Fälle' })).toBeVisible()
  await expect(page.getByText('Dafür fehlt die Berechtigung.')).toHaveCount(0)
  expect(refused).toEqual([])
  await expect(page.getByRole('alert')).toHaveCount(0)
  await expectAccessible(page, testInfo, 'case list with the handover confirmation')
  // The confirmation closes by keyboard; the case is gone from the lead's list.
  await page.keyboard.press('Tab')
  await expect(notice.getByRole('button', { name: 'Hinweis schließen' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(notice).toHaveCount(0)
  await page.getByRole('searchbox', { name: /^Name oder Aktenzeichen/ }).fill(reference)
  await expect(page.getByRole('status').getByText('0 Fälle gefunden')).toBeVisible()
})

test('an impossible date of birth gets its message at the field, in German and English', async ({
  page,
}, testInfo) => {
  await signIn(page, demoUsers.caseManager)
  await page.goto('/persons/new')
  await expect(page.getByRole('heading', { level: 2, name: 'Klient:in registrieren' })).toBeVisible()
  const birthDate = page.getByRole('textbox', { name: /^Geburtsdatum/ })
  await tabTo(page, birthDate)
  // Nothing while the date is still being typed.
  await page.keyboard.type('31.02.199')
  await expect(birthDate).not.toHaveAttribute('aria-invalid', 'true')
  await page.keyboard.type('0')
  await expect(birthDate).toHaveAttribute('aria-invalid', 'true')
  await expect(birthDate).toHaveAccessibleDescription(/Dieses Datum gibt es nicht\./)
  await expectAccessible(page, testInfo, 'registration with an impossible date of birth')

  await page.keyboard.press('Control+A')
  await page.keyboard.type('01.16.2000')
  await expect(birthDate).toHaveAccessibleDescription(/Dieses Datum gibt es nicht\./)
  // Saving does not get past it, and says the same, not "wrong format".
  await page.getByRole('button', { name: 'Registrieren' }).click()
  await expect(birthDate).toHaveAccessibleDescription(/Dieses Datum gibt es nicht\./)
  await expect(page.getByText('Bitte als TT.MM.JJJJ, MM.JJJJ oder JJJJ eingeben.')).toHaveCount(0)
  await expect(page.getByRole('heading', { level: 2, name: 'Klient:in registrieren' })).toBeVisible()

  await page.getByRole('radiogroup', { name: 'Sprache' }).getByRole('radio', { name: 'Deutsch' }).focus()
  await page.keyboard.press('ArrowRight')
  const birthDateEn = page.getByRole('textbox', { name: /^Date of birth/ })
  await expect(birthDateEn).toHaveAccessibleDescription(/This date does not exist\./)
  await birthDateEn.fill('14.03.1899')
  await expect(birthDateEn).toHaveAccessibleDescription(/The date is before 1900\./)
  await birthDateEn.fill('29.02.1988')
  await expect(birthDateEn).not.toHaveAttribute('aria-invalid', 'true')
  await expect(birthDateEn).toHaveAccessibleDescription(/Understood as: 29 February 1988/)
  await page.getByRole('radiogroup', { name: 'Language' }).getByRole('radio', { name: 'English' }).focus()
  await page.keyboard.press('ArrowLeft')
  await expect(page.getByRole('heading', { level: 2, name: 'Klient:in registrieren' })).toBeVisible()
})

test('closing a case with an open follow-up asks whether it is done or stays open', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000)
  const followUp = 'Bescheid des Jobcenters nachreichen'
  await signIn(page, demoUsers.caseManager)
  // A client and a case of her own, with one follow-up.
  await page.goto('/persons/new')
  await page.getByRole('textbox', { name: /^Familienname/ }).fill('Wäscherbach')
  await page.getByRole('textbox', { name: /^Vornamen/ }).fill('Ottilie')
  await page.getByRole('textbox', { name: /^Geburtsdatum/ }).fill('1971')
  await page.getByRole('radio', { name: 'weiblich' }).check()
  await choose(page, page.getByRole('combobox', { name: /^Kommune/ }), 'Siegburg')
  await expect(
    page
      .getByRole('region', { name: 'Mögliche Doppeleinträge' })
      .getByText('Kein vorhandener Eintrag gefunden.'),
  ).toBeVisible()
  await page.getByRole('button', { name: 'Registrieren' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Wäscherbach, Ottilie' })).toBeVisible()
  await page.getByRole('button', { name: 'Fall eröffnen' }).click()
  await page
    .getByRole('dialog', { name: 'Fall eröffnen' })
    .getByRole('button', { name: 'Fall eröffnen' })
    .click()
  await expect(page.getByRole('heading', { level: 2, name: /^Fall \d{4}-\d{4}$/ })).toBeVisible()
  await caseTab(page, 'Wiedervorlagen').click()
  await page.getByRole('textbox', { name: /^Was ist zu tun\?/ }).fill(followUp)
  await page.getByRole('button', { name: 'Anlegen' }).click()
  const task = page.getByRole('checkbox', { name: `${followUp} (Als erledigt markieren)` })
  await expect(task).not.toBeChecked()

  // The closing dialog lists it and wants a choice; without one the case stays open.
  await page
    .getByRole('group', { name: 'Phase wechseln' })
    .getByRole('button', { name: 'Fall abschließen' })
    .click()
  const dialog = page.getByRole('dialog', { name: 'Fall abschließen' })
  await expect(dialog.getByRole('list', { name: '1 offene Wiedervorlage zu diesem Fall' })).toHaveText(
    new RegExp(`^${followUp} · Fällig am \\d{2}\\.\\d{2}\\.\\d{4} · für Leyla Yıldız$`),
  )
  const question = dialog.getByRole('radiogroup', {
    name: /^Was soll mit den offenen Wiedervorlagen geschehen\?/,
  })
  await expect(question.getByRole('radio')).toHaveCount(2)
  await expect(question.getByRole('radio', { checked: true })).toHaveCount(0)
  await choose(page, dialog.getByRole('combobox', { name: /^Abschlussgrund/ }), 'Weggezogen')
  await dialog.getByRole('button', { name: 'Fall abschließen' }).click()
  await expect(
    dialog.getByText('Bitte wählen, ob die offenen Wiedervorlagen erledigt werden oder offen bleiben.'),
  ).toBeVisible()
  await expect(currentPhase(page)).toContainText('Fallklärung')
  await expectAccessible(page, testInfo, 'close case dialog with an open follow-up')

  // By keyboard: the choice, then the button.
  const markDone = question.getByRole('radio', { name: 'Als erledigt markieren' })
  await tabTo(page, markDone)
  await page.keyboard.press('Space')
  await expect(markDone).toBeChecked()
  await tabTo(page, dialog.getByRole('button', { name: 'Fall abschließen' }))
  await page.keyboard.press('Enter')
  await expect(dialog).toBeHidden()
  await expect(currentPhase(page)).toContainText('Abgeschlossen')
  await expect(page.getByRole('heading', { name: 'Erledigt (1)' })).toBeVisible()
  await expect(task).toBeChecked()
  await expectAccessible(page, testInfo, 'follow-ups of the closed case')
})

test('a residence status fills in its legal basis and asks for the paragraph where the title needs one', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000)
  await signIn(page, demoUsers.caseManager)
  await page.goto('/persons/new')
  await page.getByRole('textbox', { name: /^Familienname/ }).fill('Quellenbrink')
  await page.getByRole('textbox', { name: /^Vornamen/ }).fill('Hedwig')
  await page.getByRole('textbox', { name: /^Geburtsdatum/ }).fill('1968')
  await page.getByRole('radio', { name: 'weiblich' }).check()
  await choose(page, page.getByRole('combobox', { name: /^Kommune/ }), 'Siegburg')
  await expect(
    page
      .getByRole('region', { name: 'Mögliche Doppeleinträge' })
      .getByText('Kein vorhandener Eintrag gefunden.'),
  ).toBeVisible()
  await page.getByRole('button', { name: 'Registrieren' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Quellenbrink, Hedwig' })).toBeVisible()

  await page.getByRole('button', { name: 'Aufenthaltsstatus erfassen' }).click()
  const dialog = page.getByRole('dialog', { name: 'Aufenthaltsstatus erfassen' })
  const kind = dialog.getByRole('combobox', { name: /^Status/ })
  const paragraph = dialog.getByRole('textbox', { name: /^Rechtsgrundlage/ })
  // A title with one legal basis brings it along.
  await choose(page, kind, 'Fiktionsbescheinigung (§ 81 AufenthG)')
  await expect(paragraph).toHaveValue('§ 81 Abs. 4 AufenthG')
  // A humanitarian permit needs its paragraph: the one filled in before goes, and saving without
  // one is refused at the field.
  await choose(page, kind, 'Aufenthaltserlaubnis aus humanitären Gründen (§ 25 AufenthG)')
  await expect(paragraph).toHaveValue('')
  await dialog.getByRole('button', { name: 'Speichern' }).click()
  await expect(
    dialog.getByText('Bitte die Rechtsgrundlage mit Paragraf angeben, z. B. § 25 Abs. 2 AufenthG.'),
  ).toBeVisible()
  await expect(paragraph).toBeFocused()
  await expectAccessible(page, testInfo, 'residence status without its paragraph')

  await paragraph.fill('§ 25 Abs. 2 AufenthG')
  await dialog.getByRole('textbox', { name: /^Gültig ab/ }).fill('15.01.2026')
  await dialog.getByRole('textbox', { name: /^Gültig bis/ }).fill('14.01.2029')
  await dialog.getByRole('button', { name: 'Speichern' }).click()
  await expect(dialog).toBeHidden()
  const history = page.getByRole('region', { name: 'Aufenthaltsstatus' })
  await expect(history.getByRole('row').nth(1)).toHaveText(
    'Aufenthaltserlaubnis aus humanitären Gründen (§ 25 AufenthG)§ 25 Abs. 2 AufenthG15.01.202614.01.2029',
  )
})
