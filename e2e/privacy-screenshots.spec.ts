import path from 'node:path'
import { expect, test } from '@playwright/test'
import { demoUsers, signIn } from './demo.ts'

/**
 * The screenshot of the user guide's "Löschfristen" section (docs/images/privacy-retention.png),
 * from the demo data. Not a test: it runs only when asked for.
 *
 *   LOTSE_SCREENSHOTS=1 npx playwright test e2e/privacy-screenshots.spec.ts
 */
test.skip(!process.env.LOTSE_SCREENSHOTS, 'writes docs/images only with LOTSE_SCREENSHOTS=1')
test.use({ viewport: { width: 1280, height: 900 } })

test('user guide screenshot of the retention page', async ({ page }) => {
  await signIn(page, demoUsers.dpo)
  await page.goto('/privacy/retention')
  await expect(page.getByRole('heading', { level: 3, name: 'Vorschau des nächsten Laufs' })).toBeVisible()
  await page.screenshot({
    path: path.resolve(import.meta.dirname, '..', 'docs', 'images', 'privacy-retention.png'),
    fullPage: true,
  })
})
