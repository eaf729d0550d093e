import { AxeBuilder } from '@axe-core/playwright'
import { expect, type Page, type TestInfo } from '@playwright/test'

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>
type Violation = AxeResults['violations'][number]

export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']
const blockingImpacts = new Set(['serious', 'critical'])

/** One readable paragraph per violation: rule, impact, what to fix, and each offending element. */
export function formatViolations(violations: Violation[]): string {
  return violations
    .map((violation) => {
      const nodes = violation.nodes
        .map(
          (node) =>
            `    - target: ${node.target.join(' ')}\n      html: ${node.html}\n      fix: ${node.failureSummary?.replace(/\n/g, ' / ')}`,
        )
        .join('\n')
      return `[${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})\n${nodes}`
    })
    .join('\n')
}

/**
 * Runs axe-core (WCAG 2.1 A/AA rules) on the page as it is now and fails on any serious or critical
 * violation, printing each one. The assertion is soft: the test walks on and fails at its end.
 * Minor and moderate findings are attached to the report and logged.
 */
export async function expectAccessible(page: Page, testInfo: TestInfo, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze()
  await testInfo.attach(`axe ${label}`, {
    body: JSON.stringify(results.violations, null, 2),
    contentType: 'application/json',
  })
  const blocking = results.violations.filter((v) => blockingImpacts.has(v.impact ?? ''))
  const other = results.violations.filter((v) => !blockingImpacts.has(v.impact ?? ''))
  if (other.length > 0) console.log(`axe (${label}): non-blocking findings\n${formatViolations(other)}`)
  if (blocking.length > 0) console.log(`axe (${label}): serious or critical\n${formatViolations(blocking)}`)
  // Soft, so that one run reports every page's findings and still checks the rest of the path.
  expect
    .soft(
      blocking.map((v) => v.id),
      `axe found serious or critical WCAG 2.1 AA violations on ${label} (${page.url()}):\n${formatViolations(blocking)}`,
    )
    .toEqual([])
}
