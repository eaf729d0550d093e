import { expect, test } from '@playwright/test'
import { totpFor } from '../server/modules/identity/totp.ts'
import { expectAccessible } from './axe.ts'
import { demoUsers, e2eDemoPassword, signIn } from './demo.ts'

test('an administrator creates a user and sees the creation in nobody else’s district', async ({
  page,
}, testInfo) => {
  await signIn(page, demoUsers.rheinSieg)
  await page.getByRole('link', { name: 'Benutzerverwaltung' }).click()
  await expect(page.getByRole('heading', { name: 'Benutzerverwaltung' })).toBeVisible()
  await expect(page.getByRole('cell', { name: 'Leyla Yıldız', exact: true })).toBeVisible()
  await expectAccessible(page, testInfo, 'users page')

  await page.getByRole('button', { name: 'Neuer Benutzer' }).click()
  const dialog = page.getByRole('dialog', { name: 'Neuer Benutzer' })
  await dialog.getByLabel(/^Benutzername/).fill('e2e.neu')
  await dialog.getByLabel(/^Name/).fill('Mariam Haidari')
  await dialog.getByLabel(/^Erstes Passwort/).fill('a long enough e2e passphrase')
  await expectAccessible(page, testInfo, 'new user dialog')
  await dialog.getByRole('button', { name: 'Anlegen' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('cell', { name: 'Mariam Haidari', exact: true })).toBeVisible()

  await page.getByRole('button', { name: 'Bearbeiten: Mariam Haidari' }).click()
  const edit = page.getByRole('dialog', { name: 'Mariam Haidari bearbeiten' })
  await edit.getByLabel(/^Name/).fill('Mariam Haidari-Rahimi')
  await expectAccessible(page, testInfo, 'edit user dialog')
  await edit.getByRole('button', { name: 'Speichern' }).click()
  await expect(edit).toBeHidden()
  await expect(page.getByRole('cell', { name: 'Mariam Haidari-Rahimi', exact: true })).toBeVisible()
})

test('a case manager sees neither user administration nor the audit trail', async ({ page }, testInfo) => {
  await signIn(page, demoUsers.caseManager)
  const navigation = page.getByRole('navigation', { name: 'Hauptnavigation' })
  await expect(navigation.getByRole('link', { name: 'Mein Konto' })).toBeVisible()
  await expect(navigation.getByRole('link', { name: 'Benutzerverwaltung' })).toHaveCount(0)
  await expect(navigation.getByRole('link', { name: 'Protokoll (Audit)' })).toHaveCount(0)
  await page.goto('/audit')
  await expect(page.getByRole('alert').getByText('Kein Zugriff')).toBeVisible()
  await expectAccessible(page, testInfo, 'no access')
})

test('the data protection officer reads the audit trail and can export it', async ({ page }, testInfo) => {
  await signIn(page, demoUsers.dpo)
  await page.getByRole('link', { name: 'Protokoll (Audit)' }).click()
  await expect(page.getByRole('heading', { name: 'Protokoll (Audit)' })).toBeVisible()
  // Actions are named in the reader's language (auth.login reads "Anmeldung").
  await expect(page.getByRole('cell', { name: 'Anmeldung', exact: true }).first()).toBeVisible()
  await expectAccessible(page, testInfo, 'audit page')
  for (const format of ['CSV-Datei', 'Excel-Datei (XLSX)']) {
    await expect(
      page.getByRole('link', { name: `Protokoll (Audit) als ${format} exportieren` }),
    ).toHaveAttribute('href', /^\/api\/audit\/export\.(csv|xlsx)$/)
  }
})

test('roles without case work open their reminders without a single refused request', async ({ browser }) => {
  for (const user of [demoUsers.rheinSieg, demoUsers.coordinator, demoUsers.reportReader, demoUsers.dpo]) {
    const context = await browser.newContext({ locale: 'de-DE' })
    const page = await context.newPage()
    const refused: string[] = []
    page.on('response', (response) => {
      if (response.url().includes('/api/') && [401, 403, 404].includes(response.status()))
        refused.push(`${response.status()} ${new URL(response.url()).pathname}`)
    })
    await signIn(page, user)
    await page.getByRole('link', { name: 'Meine Wiedervorlagen' }).click()
    await expect(page.getByRole('heading', { name: 'Meine Wiedervorlagen' })).toBeVisible()
    await expect(page.getByRole('textbox', { name: /Was ist zu tun/ })).toBeVisible()
    await page.waitForLoadState('networkidle')
    // Before signing in, the app asks for a session and is told 401: that one is expected.
    expect(
      refused.filter((entry) => entry !== '401 /api/auth/session'),
      user.username,
    ).toEqual([])
    await context.close()
  }
})

test('my account lists my sessions with their cap, ends the other ones and signs out', async ({
  page,
  browser,
}, testInfo) => {
  // A second browser of the same person, which the first one then ends.
  const elsewhere = await browser.newContext({ locale: 'de-DE' })
  const otherPage = await elsewhere.newPage()
  await signIn(otherPage, demoUsers.coordinator)
  await signIn(page, demoUsers.coordinator)
  await page.getByRole('link', { name: 'Mein Konto' }).click()
  await expect(page.getByRole('heading', { name: 'Mein Konto' })).toBeVisible()
  await expect(page.getByText('Diese Sitzung')).toBeVisible()
  await expect(page.getByText(/höchstens 5 Sitzungen gleichzeitig/)).toBeVisible()
  await expect(page.getByRole('button', { name: /^Sitzung vom .* beenden$/ }).first()).toBeVisible()
  await expectAccessible(page, testInfo, 'account page')
  await page.getByRole('button', { name: 'Alle anderen Sitzungen beenden' }).click()
  await expect(page.getByRole('button', { name: /^Sitzung vom .* beenden$/ })).toHaveCount(0)
  await otherPage.reload()
  await expect(otherPage.getByRole('heading', { name: 'Anmelden bei Lotse' })).toBeVisible()
  await elsewhere.close()
  await page.getByRole('button', { name: 'Abmelden' }).click()
  await expect(page.getByRole('heading', { name: 'Anmelden bei Lotse' })).toBeVisible()
})

test('an administrator hands out a reset link and the person sets a new password with it', async ({
  page,
  browser,
}, testInfo) => {
  // Tobias Schmitz, whom no later spec signs in as: his new password stays with him.
  await signIn(page, demoUsers.rheinSieg)
  await page.getByRole('link', { name: 'Benutzerverwaltung' }).click()
  await page.getByRole('button', { name: 'Reset-Link: Tobias Schmitz' }).click()
  const dialog = page.getByRole('dialog', { name: 'Reset-Link für Tobias Schmitz' })
  const link = await dialog.getByLabel('Link').inputValue()
  expect(link).toMatch(/\/reset#[A-Za-z0-9_-]{43}$/)
  await expectAccessible(page, testInfo, 'reset link dialog')

  // A separate browser context: the person has no session of the administrator.
  const context = await browser.newContext({
    locale: 'de-DE',
    baseURL: testInfo.project.use.baseURL,
    reducedMotion: 'reduce',
  })
  const other = await context.newPage()
  await other.goto(link)
  await expect(other.getByRole('heading', { name: 'Neues Passwort festlegen' })).toBeVisible()
  await expectAccessible(other, testInfo, 'reset page')
  await other.getByLabel(/^Neues Passwort/).fill('die zahlen kommen am montag')
  await other.getByRole('button', { name: 'Passwort festlegen' }).click()
  await expect(other.getByText('Ihr Passwort ist gesetzt.')).toBeVisible()
  await other.getByRole('link', { name: 'Zur Anmeldung' }).click()
  await other.getByRole('textbox', { name: 'Benutzername' }).fill('fallmanagement.sued')
  await other.getByRole('textbox', { name: 'Passwort', exact: true }).fill('die zahlen kommen am montag')
  await other.getByRole('textbox', { name: 'Passwort', exact: true }).press('Enter')
  await expect(other.getByRole('heading', { level: 2, name: 'Guten Tag, Tobias Schmitz' })).toBeVisible()
  await context.close()
})

test('a team lead sets up the second factor and then signs in with a code', async ({ page }, testInfo) => {
  await signIn(page, demoUsers.teamLead)
  await page.getByRole('link', { name: 'Mein Konto' }).click()
  const section = page.getByRole('region', { name: 'Zwei-Faktor-Anmeldung' })
  await section.getByRole('button', { name: 'Einrichten' }).click()
  await expect(section.getByRole('img', { name: 'QR-Code für die Authenticator-App' })).toBeVisible()
  await expectAccessible(page, testInfo, 'second factor setup')
  const secret = (await section.locator('code').first().textContent()) ?? ''
  // The authenticator app's part: compute the current code from the secret shown.
  await section.getByLabel(/^Code aus der App/).fill(totpFor(secret, '').generate())
  await section.getByRole('button', { name: 'Bestätigen' }).click()
  await expect(section.getByText('Ihre Wiederherstellungscodes')).toBeVisible()
  await expect(section.getByText('Eingerichtet')).toBeVisible()

  await page.getByRole('button', { name: 'Abmelden' }).click()
  await page.getByRole('textbox', { name: 'Benutzername' }).fill(demoUsers.teamLead.username)
  await page.getByRole('textbox', { name: 'Passwort', exact: true }).fill(e2eDemoPassword)
  await page.getByRole('button', { name: 'Anmelden' }).click()
  const code = page.getByLabel(/^Code aus der Authenticator-App/)
  await expect(code).toBeFocused()
  await expectAccessible(page, testInfo, 'login with code')
  // The next time step: the current one was used up by the confirmation.
  await code.fill(totpFor(secret, '').generate({ timestamp: Date.now() + 30_000 }))
  await code.press('Enter')
  // Signed in again, on the page where the user signed out.
  await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: 'Mein Konto' })).toBeVisible()

  // Switched off again with the password: every spec after this one shares the demo server and
  // signs the team lead in with the password alone (the keyboard journey among them).
  const enrolled = page.getByRole('region', { name: 'Zwei-Faktor-Anmeldung' })
  await enrolled.getByLabel('Passwort zum Ausschalten').fill(e2eDemoPassword)
  await enrolled.getByRole('button', { name: 'Ausschalten' }).click()
  await expect(enrolled.getByRole('button', { name: 'Einrichten' })).toBeVisible()
})

test('an administrator adds a team and a partner organisation', async ({ page }, testInfo) => {
  await signIn(page, demoUsers.rheinSieg)
  await page.getByRole('link', { name: 'Organisationen und Teams' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Organisationen und Teams' })).toBeVisible()
  await expectAccessible(page, testInfo, 'organisations page')

  await page.getByLabel(/^Neues Team/).fill('Team Süd')
  await page.getByRole('button', { name: 'Anlegen' }).click()
  await expect(page.getByRole('cell', { name: 'Team Süd', exact: true })).toBeVisible()

  await page.getByRole('button', { name: 'Neue Organisation' }).click()
  const dialog = page.getByRole('dialog', { name: 'Neue Organisation' })
  await dialog.getByLabel(/^Name/).fill('Bildungswerk Troisdorf')
  await dialog.getByRole('combobox', { name: 'Art' }).click()
  await page.getByRole('option', { name: 'Bildungsträger' }).click()
  await expectAccessible(page, testInfo, 'new organisation dialog')
  await dialog.getByRole('button', { name: 'Anlegen' }).click()
  await expect(dialog).toBeHidden()
  const row = page.getByRole('row').filter({ hasText: 'Bildungswerk Troisdorf' })
  await expect(row.getByRole('cell', { name: 'Bildungsträger' })).toBeVisible()
})
