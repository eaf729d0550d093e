import path from 'node:path'
import { expect, test } from '@playwright/test'
import { demoUsers, signIn } from './demo.ts'

/**
 * The screenshots of the user guide's "Stellen und Finanzierung" section (docs/images/staffing-*.png),
 * from the demo data. Not a test: it runs only when asked for.
 *
 *   LOTSE_SCREENSHOTS=1 npx playwright test e2e/staffing-screenshots.spec.ts
 */
test.skip(!process.env.LOTSE_SCREENSHOTS, 'writes docs/images only with LOTSE_SCREENSHOTS=1')
test.use({ viewport: { width: 1280, height: 900 } })

const image = (name: string) =>
  path.resolve(import.meta.dirname, '..', 'docs', 'images', `staffing-${name}.png`)

test('user guide screenshots of staffing', async ({ page }) => {
  await signIn(page, demoUsers.coordinator)
  await page.goto('/staffing/timeline')
  await expect(page.getByRole('heading', { level: 2, name: 'Zeitstrahl der Stellen' })).toBeVisible()
  page.on('console', (message) => console.log('console:', message.type(), message.text()))
  page.on('pageerror', (error) => console.log('pageerror:', error.message))
  await expect(page.locator('figure svg').first()).toBeVisible()
  await page.mouse.move(0, 0)
  await page.screenshot({ path: image('timeline') })
  await page.goto('/staffing/budget')
  await expect(page.getByRole('row', { name: /2 · Case Management/ })).toBeVisible()
  await page.screenshot({ path: image('budget') })
})
