import { expect, type Page, test } from '@playwright/test'
import { expectAccessible } from './axe.ts'
import { type DemoUser, demoUsers, signIn } from './demo.ts'

/** The case manager of Team Süd (identity.seed.ts), whose cases are outside Leyla Yıldız's caseload. */
const caseManagerSouth = {
  username: 'fallmanagement.sued',
  displayName: 'Tobias Schmitz',
} as unknown as DemoUser

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Abmelden' }).click()
  await expect(page.getByRole('heading', { name: 'Anmelden bei Lotse' })).toBeVisible()
}

/** A case of Team Süd, found as its own case manager sees it. */
async function caseOfTeamSouth(page: Page, index: number): Promise<string> {
  await signIn(page, caseManagerSouth)
  const cases = (await (await page.request.get('/api/cases?limit=10')).json()) as { items: { id: string }[] }
  const id = cases.items[index]?.id
  expect(id).toBeDefined()
  await signOut(page)
  return id as string
}

/**
 * Break-glass and its review: the case manager (Leyla Yıldız) opens a case of another team,
 * meets the explanation instead of a bare refusal, states a reason and reads the case; the data
 * protection officer (Claudia Neumann) sees the access flagged with its reason, marks it reviewed
 * with a comment, and finds it in the audit trail under "Fallzugriffe".
 */
test('the data protection officer reviews a break-glass access', async ({ page }, testInfo) => {
  const caseId = await caseOfTeamSouth(page, 0)
  const reason = 'Vertretung für Herrn Schmitz, Klientin steht mit einem Termin im Büro'

  await signIn(page, demoUsers.caseManager)
  await page.goto(`/cases/${caseId}`)
  await expect(
    page.getByRole('heading', { level: 2, name: 'Dieser Fall gehört nicht zu Ihrem Fallbestand' }),
  ).toBeVisible()
  await expectAccessible(page, testInfo, 'break-glass form')
  await page.getByRole('button', { name: 'Fall mit Begründung öffnen' }).click()
  await expect(page.getByText('Mindestens 15 Zeichen.').first()).toBeVisible()
  await page.getByLabel('Grund für den Zugriff').fill(reason)
  await page.getByRole('button', { name: 'Fall mit Begründung öffnen' }).click()
  await expect(page.getByText(/^Notfallzugriff bis/)).toBeVisible()
  await expect(page.getByRole('tablist', { name: /./ })).toBeVisible()
  await expectAccessible(page, testInfo, 'case opened by break-glass')
  await signOut(page)

  await signIn(page, demoUsers.dpo)
  await page.getByRole('link', { name: 'Zugriffsprüfung' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Zugriffsprüfung' })).toBeVisible()
  const section = page.getByRole('region', { name: 'Notfallzugriffe' })
  const row = section.getByRole('row').filter({ hasText: reason })
  await expect(row).toBeVisible()
  await expect(row.getByText('Leyla Yıldız')).toBeVisible()
  await expect(row.getByText('Offen')).toBeVisible()
  await expectAccessible(page, testInfo, 'access review')
  await row.getByRole('button', { name: 'Als geprüft markieren' }).click()
  await row.getByLabel('Kommentar zur Prüfung').fill('Vertretung mit der Teamleitung abgesprochen.')
  await expectAccessible(page, testInfo, 'access review comment')
  await row.getByRole('button', { name: 'Speichern' }).click()
  await expect(row.getByText(/^Geprüft von Claudia Neumann/)).toBeVisible()
  await expect(row.getByText('Vertretung mit der Teamleitung abgesprochen.')).toBeVisible()
  await expectAccessible(page, testInfo, 'access review reviewed')

  await page.getByRole('link', { name: 'Alle Fall- und Personenzugriffe im Protokoll' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Protokoll (Audit)' })).toBeVisible()
  await page.getByRole('combobox', { name: 'Zugriffsart' }).click()
  await page.getByRole('option', { name: 'Fallzugriffe' }).click()
  await expect(page.getByText('Notfallzugriff auf einen Fall').first()).toBeVisible()
  await expectAccessible(page, testInfo, 'audit trail of case accesses')
})
