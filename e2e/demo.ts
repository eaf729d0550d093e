import { expect, type Page } from '@playwright/test'

/** The password of every demo user in the e2e server (set as LOTSE_DEMO_PASSWORD by global-setup). */
export const e2eDemoPassword = 'e2e-lotse-demo-passwort'

/** Demo users seeded by `serve --demo` (server/modules/identity/identity.seed.ts). */
export const demoUsers = {
  rheinSieg: { username: 'admin', displayName: 'Anna Becker' },
  lindenau: { username: 'admin.lindenau', displayName: 'Peter Lindner' },
  caseManager: { username: 'fallmanagement', displayName: 'Leyla Yıldız' },
  coordinator: { username: 'koordination', displayName: 'Jonas Wagner' },
  dpo: { username: 'datenschutz', displayName: 'Claudia Neumann' },
  teamLead: { username: 'teamleitung', displayName: 'Markus Hoffmann' },
  reportReader: { username: 'bericht', displayName: 'Dr. Thomas Richter' },
  partner: { username: 'partner.jobcenter', displayName: 'Sabine Krüger' },
  jobcenter: { username: 'partner.jobcenter', displayName: 'Sabine Krüger' },
} as const

export type DemoUser = (typeof demoUsers)[keyof typeof demoUsers]

/** Signs in through the login form (German), by its labels and Enter, and waits for the start page. */
export async function signIn(page: Page, user: DemoUser): Promise<void> {
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Anmelden bei Lotse' })).toBeVisible()
  await page.getByRole('textbox', { name: 'Benutzername' }).fill(user.username)
  await page.getByRole('textbox', { name: 'Passwort', exact: true }).fill(e2eDemoPassword)
  await page.getByRole('textbox', { name: 'Passwort', exact: true }).press('Enter')
  await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(user.displayName) })).toBeVisible()
}
