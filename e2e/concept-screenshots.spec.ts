import path from 'node:path'
import { expect, test } from '@playwright/test'
import { demoUsers, signIn } from './demo.ts'

/**
 * The screenshots of the user guide's "Integrationskonzept" section (docs/images/concept-*.png),
 * taken from the demo data. Not a test: it runs only when asked for.
 *
 *   LOTSE_SCREENSHOTS=1 npx playwright test e2e/concept-screenshots.spec.ts
 */
test.skip(!process.env.LOTSE_SCREENSHOTS, 'writes docs/images only with LOTSE_SCREENSHOTS=1')
test.use({ viewport: { width: 1400, height: 900 } })

const image = (name: string) =>
  path.resolve(import.meta.dirname, '..', 'docs', 'images', `concept-${name}.png`)

test('user guide screenshots of the integration concept', async ({ page }) => {
  await signIn(page, demoUsers.coordinator)
  await page
    .getByRole('navigation', { name: 'Hauptnavigation' })
    .getByRole('link', { name: 'Integrationskonzept' })
    .click()
  await expect(page.getByRole('heading', { level: 3, name: 'Fassungen', exact: true })).toBeVisible()
  await page.screenshot({ path: image('overview') })

  await page
    .getByRole('link', { name: 'Integrationskonzept des Rhein-Sieg-Kreises – Fortschreibung 2026' })
    .click()
  await page.getByRole('heading', { level: 3, name: 'Schnittstellen' }).scrollIntoViewIfNeeded()
  await page.screenshot({ path: image('interfaces') })

  await page.getByRole('link', { name: 'Mit der vorigen Fassung vergleichen' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Fassungen vergleichen' })).toBeVisible()
  await page.screenshot({ path: image('compare') })
})
