import path from 'node:path'
import { expect, test } from '@playwright/test'
import { demoUsers, signIn } from './demo.ts'

/**
 * The screenshots of the user guide's section on data subject requests (docs/images/privacy-request.png,
 * processing-record.png), taken from the demo data. Not a test: it runs only when asked for.
 *
 *   LOTSE_SCREENSHOTS=1 npx playwright test e2e/disclosure-screenshots.spec.ts
 */
test.skip(!process.env.LOTSE_SCREENSHOTS, 'writes docs/images only with LOTSE_SCREENSHOTS=1')
test.use({ viewport: { width: 1400, height: 1000 } })

const image = (name: string) => path.resolve(import.meta.dirname, '..', 'docs', 'images', `${name}.png`)

test('user guide screenshots of data subject requests and the record of processing', async ({ page }) => {
  await signIn(page, demoUsers.dpo)
  const subjects = (await (await page.request.get('/api/privacy-requests/subjects?q=er')).json()) as {
    id: string
  }[]
  await page.goto(`/privacy-requests/${subjects[0]?.id}`)
  await expect(page.getByRole('heading', { level: 3, name: 'Auskunft erteilen' })).toBeVisible()
  await page.screenshot({ path: image('privacy-request') })
  await page.goto('/processing-record')
  await expect(page.getByRole('link', { name: 'Fassung 1 als Word' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Als Word-Datei herunterladen' })).toBeVisible()
  await page.screenshot({ path: image('processing-record') })
})
