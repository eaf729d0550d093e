import { expect, type Page, test } from '@playwright/test'
import { expectAccessible } from './axe.ts'
import { demoUsers, signIn } from './demo.ts'

/**
 * The network's main path: the case manager records a consent for the Jobcenter on the person's
 * record and refers the person from the case; the Jobcenter's user finds the referral in the inbox
 * on the start page, accepts it and completes it with feedback; the case manager sees each step on
 * the case timeline. axe runs on every page of the path.
 */

const feedback = 'Erstgespräch geführt, Bewerbungstraining ab nächster Woche.'
/** One of the Jobcenter's demo services (network.seed.ts). */
const service = 'Beratung und Vermittlung für Geflüchtete (SGB II)'

const caseTab = (page: Page, name: string) =>
  page.getByRole('tablist', { name: 'Bereiche des Falls' }).getByRole('tab', { name, exact: true })

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Abmelden' }).click()
  await expect(page.getByRole('heading', { name: 'Anmelden bei Lotse' })).toBeVisible()
}

test('consent, referral to the Jobcenter, answer in the partner inbox, steps on the case timeline', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000)
  await signIn(page, demoUsers.caseManager)

  // A case of the case manager in case planning, and its first person.
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Fälle' }).click()
  await page.getByRole('combobox', { name: 'Phase' }).click()
  await page.getByRole('option', { name: 'Umsetzung und Monitoring', exact: true }).click()
  const table = page.getByRole('table', { name: /^Fälle mit Klient:innen/ })
  await expect(table.getByRole('cell', { name: 'Umsetzung und Monitoring' }).first()).toBeVisible()
  await table.getByRole('row').nth(3).getByRole('link').first().click()
  const caseUrl = page.url()
  const personLink = page.getByRole('link').filter({ hasText: /, / }).first()
  const personName = (await personLink.textContent())?.trim() ?? ''
  expect(personName).toMatch(/, /)
  await personLink.click()
  await expect(page.getByRole('heading', { level: 2, name: personName })).toBeVisible()

  // Record the consent: Jobcenter, referral, identity and contact details (the defaults), a year.
  const consents = page.getByRole('region', { name: 'Einwilligungen' })
  await consents.getByRole('button', { name: 'Einwilligung erfassen' }).click()
  const consentDialog = page.getByRole('dialog', { name: 'Einwilligung erfassen' })
  await consentDialog.getByRole('combobox', { name: 'Empfänger' }).click()
  await page.getByRole('option', { name: 'Jobcenter Rhein-Sieg', exact: true }).click()
  await page.keyboard.press('Escape')
  await expect(consentDialog.getByRole('checkbox', { name: 'Vermittlung' })).toBeChecked()
  await expect(consentDialog.getByRole('checkbox', { name: 'Erreichbarkeit' })).toBeChecked()
  await consentDialog.getByRole('button', { name: 'Speichern' }).click()
  await expect(consentDialog).toBeHidden()
  const consentRow = consents
    .getByRole('row')
    .filter({ hasText: 'Jobcenter Rhein-Sieg' })
    .filter({ hasText: 'gültig' })
  await expect(consentRow.first()).toBeVisible()
  await expectAccessible(page, testInfo, 'person record with consents')

  // Print the form for the client, German beside Arabic: the menu links the PDF the server fills.
  await consentRow
    .first()
    .getByRole('button', { name: /^Formular drucken/ })
    .click()
  const arabic = page.getByRole('link', { name: 'Deutsch und Arabisch' })
  await expect(arabic).toBeVisible()
  await expectAccessible(page, testInfo, 'print form menu')
  const formUrl = await arabic.getAttribute('href')
  expect(formUrl).toMatch(/^\/api\/consents\/[0-9a-f-]{36}\/form\.pdf\?language=ar$/)
  const form = await page.request.get(formUrl as string)
  expect(form.status()).toBe(200)
  expect(form.headers()['content-type']).toBe('application/pdf')
  const pdf = await form.body()
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
  expect(pdf.length).toBeGreaterThan(20_000)
  await page.keyboard.press('Escape')

  // Refer from the case: the consent is offered, phone is chosen explicitly, sent at once.
  await page.goto(caseUrl)
  await caseTab(page, 'Vermittlungen').click()
  await expectAccessible(page, testInfo, 'referrals tab')
  // The person may have a demo referral to the Jobcenter already: the new one is the link that was not there.
  const referralLinks = () =>
    page
      .getByRole('region', { name: 'Vermittlungen' })
      .locator('a[href^="/referrals/"]')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''))
  const earlierLinks = await referralLinks()
  await page.getByRole('button', { name: 'Vermitteln' }).click()
  const dialog = page.getByRole('dialog', { name: 'Vermittlung an eine Partnerorganisation' })
  const personSelect = dialog.getByRole('combobox', { name: 'Person' })
  if ((await personSelect.inputValue()) !== personName) {
    await personSelect.click()
    await page.getByRole('option', { name: personName, exact: true }).click()
  }
  await dialog.getByRole('combobox', { name: 'Organisation' }).click()
  await page.getByRole('option', { name: 'Jobcenter Rhein-Sieg', exact: true }).click()
  // The referral goes to one of the Jobcenter's services rather than to the Jobcenter as a whole.
  await dialog.getByRole('combobox', { name: 'Angebot' }).click()
  await page.getByRole('option', { name: service, exact: true }).click()
  await expect(dialog.getByRole('combobox', { name: 'Einwilligung' })).toHaveValue(/^Jobcenter Rhein-Sieg/)
  await dialog.getByRole('checkbox', { name: 'Telefon', exact: true }).check()
  await expect(
    dialog.getByRole('checkbox', { name: /^Gesundheit|^Ziele und Maßnahmen/ }).first(),
  ).toBeDisabled()
  await dialog
    .getByRole('textbox', { name: 'Nachricht an die Organisation' })
    .fill('Bitte um Termin zur Arbeitsvermittlung.')
  await expectAccessible(page, testInfo, 'referral dialog')
  await dialog.getByRole('button', { name: 'Senden' }).click()
  await expect(dialog).toBeHidden()
  const referralRow = page
    .getByRole('region', { name: 'Vermittlungen' })
    .getByRole('row')
    .filter({ hasText: personName })
    .filter({ hasText: 'gesendet' })
  await expect(referralRow.first()).toBeVisible()
  await expect
    .poll(async () => (await referralLinks()).filter((href) => !earlierLinks.includes(href)))
    .toHaveLength(1)
  const newReferral = (await referralLinks()).find((href) => !earlierLinks.includes(href)) as string
  await signOut(page)

  // The Jobcenter: the start page shows the inbox with the new referral.
  await signIn(page, demoUsers.jobcenter)
  const inboxCard = page.getByRole('region', { name: 'Eingang Vermittlungen' })
  await expect(inboxCard.locator(`a[href="${newReferral}"]`)).toHaveText(personName)
  await expectAccessible(page, testInfo, 'partner start page')
  await page
    .getByRole('navigation', { name: 'Hauptnavigation' })
    .getByRole('link', { name: 'Eingang Vermittlungen' })
    .click()
  await expect(page.getByRole('heading', { level: 2, name: 'Eingang Vermittlungen' })).toBeVisible()
  await expectAccessible(page, testInfo, 'partner inbox')
  await page.getByRole('main').locator(`a[href="${newReferral}"]`).click()
  await expect(page.getByRole('heading', { level: 2, name: /Vermittlung/ })).toBeVisible()
  await expect(page.getByText(`Angebot: ${service}`)).toBeVisible()
  const shared = page.getByRole('region', { name: 'Geteilte Angaben' })
  await expect(shared.getByText('Telefon')).toBeVisible()
  await expect(shared.getByText('E-Mail')).toHaveCount(0)
  await expectAccessible(page, testInfo, 'referral as partner')
  await page.getByRole('button', { name: 'Annehmen' }).click()
  const accept = page.getByRole('dialog', { name: 'Annehmen' })
  await accept.getByRole('button', { name: 'Annehmen' }).click()
  await expect(accept).toBeHidden()
  await page.getByRole('button', { name: 'Abschließen' }).click()
  const complete = page.getByRole('dialog', { name: 'Abschließen' })
  await complete.getByRole('textbox', { name: 'Rückmeldung' }).fill(feedback)
  await complete.getByRole('button', { name: 'Abschließen' }).click()
  await expect(complete).toBeHidden()
  await expect(page.getByText('abgeschlossen', { exact: true }).first()).toBeVisible()
  await expect(page.getByText(feedback).first()).toBeVisible()
  await signOut(page)

  // The case manager sees the steps and the feedback on the case timeline.
  await signIn(page, demoUsers.caseManager)
  await page.goto(caseUrl)
  await caseTab(page, 'Verlauf').click()
  const timeline = page.getByRole('region', { name: 'Verlauf' })
  await expect(timeline.getByText(`Jobcenter Rhein-Sieg – ${service} · abgeschlossen`).first()).toBeVisible()
  await expect(timeline.getByText(feedback).first()).toBeVisible()
  await expect(timeline.getByText(`Jobcenter Rhein-Sieg – ${service} · angenommen`).first()).toBeVisible()
  await expect(timeline.getByText('Einwilligung erfasst').first()).toBeVisible()
  await expectAccessible(page, testInfo, 'case timeline with referral')
})

test('without a fitting consent the referral dialog says so and leads to the person’s consents', async ({
  page,
}, testInfo) => {
  await signIn(page, demoUsers.caseManager)
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Fälle' }).click()
  const table = page.getByRole('table', { name: /^Fälle mit Klient:innen/ })
  await table.getByRole('row').nth(1).getByRole('link').first().click()
  await caseTab(page, 'Vermittlungen').click()
  await page.getByRole('button', { name: 'Vermitteln' }).click()
  const dialog = page.getByRole('dialog', { name: 'Vermittlung an eine Partnerorganisation' })
  const personSelect = dialog.getByRole('combobox', { name: 'Person' })
  if ((await personSelect.inputValue()) === '') {
    await personSelect.click()
    await page.getByRole('option').first().click()
  }
  const personName = await personSelect.inputValue()
  // No demo consent names the adult education centre.
  await dialog.getByRole('combobox', { name: 'Organisation' }).click()
  await page.getByRole('option', { name: 'Volkshochschule Rhein-Sieg', exact: true }).click()
  await expect(
    dialog.getByText(/Für diese Organisation und diesen Zweck liegt keine gültige Einwilligung vor/),
  ).toBeVisible()
  await expectAccessible(page, testInfo, 'referral dialog without a fitting consent')
  await dialog.getByRole('link', { name: `Zu den Einwilligungen von ${personName}` }).click()
  await expect(page.getByRole('heading', { level: 2, name: personName })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Einwilligungen' })).toBeVisible()
})
