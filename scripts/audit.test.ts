import { describe, expect, it } from 'vitest'
import { judgeAudit } from './audit.ts'

const report = (counts: Record<string, number>, vulnerabilities: Record<string, { severity: string }> = {}) =>
  JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities,
    metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...counts } },
  })

describe('the CI audit of production dependencies', () => {
  it('passes a report without high or critical findings', () => {
    expect(judgeAudit(report({ moderate: 2 }, { a: { severity: 'moderate' } }))).toMatchObject({
      kind: 'clean',
      counts: { moderate: 2, high: 0, critical: 0 },
    })
  })

  it('fails on high or critical findings and names the packages', () => {
    const verdict = judgeAudit(
      report(
        { high: 1, critical: 1, low: 1 },
        {
          'some-lib': { severity: 'high' },
          other: { severity: 'critical' },
          fine: { severity: 'low' },
        },
      ),
    )
    expect(verdict).toEqual({
      kind: 'findings',
      counts: { info: 0, low: 1, moderate: 0, high: 1, critical: 1 },
      blocking: ['some-lib (high)', 'other (critical)'],
    })
  })

  it('treats an unreachable endpoint as unaudited, not as clean and not as failed', () => {
    // What npm prints when the registry answers the advisories request with 405 (seen on this machine's mirror).
    const error = JSON.stringify({
      message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
      statusCode: 405,
      error: { summary: '', detail: '' },
    })
    expect(judgeAudit(error)).toEqual({
      kind: 'unreachable',
      reason: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
    })
    expect(
      judgeAudit(JSON.stringify({ error: { code: 'ENOTFOUND', summary: 'getaddrinfo ENOTFOUND' } })),
    ).toEqual({
      kind: 'unreachable',
      reason: 'getaddrinfo ENOTFOUND',
    })
    expect(judgeAudit('')).toMatchObject({ kind: 'unreachable' })
  })
})
