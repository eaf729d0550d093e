import path from 'node:path'
import { expect, test } from '@playwright/test'
import { type DemoUser, demoUsers, signIn } from './demo.ts'

/**
 * The screenshots of the user guide's break-glass and access review sections
 * (docs/images/break-glass.png, docs/images/access-review.png), from the demo data. Not a test:
 * it runs only when asked for.
 *
 *   LOTSE_SCREENSHOTS=1 npx playwright test e2e/access-review-screenshots.spec.ts
 */
test.skip(!process.env.LOTSE_SCREENSHOTS, 'writes docs/images only with LOTSE_SCREENSHOTS=1')
test.use({ viewport: { width: 1280, height: 900 } })

const images = path.resolve(import.meta.dirname, '..', 'docs', 'images')

test('user guide screenshots of break-glass and the access review', async ({ page }) => {
  await signIn(page, {
    username: 'fallmanagement.sued',
    displayName: 'Tobias Schmitz',
  } as unknown as DemoUser)
  const cases = (await (await page.request.get('/api/cases?limit=10')).json()) as { items: { id: string }[] }
  const caseId = cases.items[1]?.id as string
  await page.getByRole('button', { name: 'Abmelden' }).click()

  await signIn(page, demoUsers.caseManager)
  await page.goto(`/cases/${caseId}`)
  await page.getByLabel('Grund für den Zugriff').fill('Vertretung während des Urlaubs von Herrn Schmitz')
  await page.screenshot({ path: path.join(images, 'break-glass.png'), fullPage: true })
  await page.getByRole('button', { name: 'Fall mit Begründung öffnen' }).click()
  await expect(page.getByText(/^Notfallzugriff bis/)).toBeVisible()
  await page.getByRole('button', { name: 'Abmelden' }).click()

  await signIn(page, demoUsers.dpo)
  await page.goto('/privacy/access-review')
  await expect(page.getByRole('heading', { level: 3, name: /Notfallzugriffe/ })).toBeVisible()
  await page.screenshot({ path: path.join(images, 'access-review.png'), fullPage: true })
})
