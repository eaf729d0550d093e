/**
 * `npm audit --omit=dev` for CI: high or critical findings in what ships fail the run; an audit
 * endpoint that cannot be reached (offline, a mirror without the advisories API) is a warning only,
 * so that CI does not fail for want of a network it never promised. Moderate and low findings are listed.
 *
 *   node --import tsx scripts/audit.ts
 */
import { spawnSync } from 'node:child_process'

const severities = ['info', 'low', 'moderate', 'high', 'critical'] as const
type Severity = (typeof severities)[number]

export type AuditVerdict =
  | { kind: 'clean' | 'findings'; counts: Record<Severity, number>; blocking: string[] }
  | { kind: 'unreachable'; reason: string }

type AuditJson = {
  vulnerabilities?: Record<string, { severity?: string; isDirect?: boolean }>
  metadata?: { vulnerabilities?: Partial<Record<Severity, number>> }
  message?: string
  error?: { code?: string; summary?: string; detail?: string } | string
}

/** Reads the JSON `npm audit --json` printed (a report, or an error when the endpoint failed). */
export function judgeAudit(output: string): AuditVerdict {
  let parsed: AuditJson
  try {
    parsed = JSON.parse(output) as AuditJson
  } catch {
    return { kind: 'unreachable', reason: `npm audit printed no JSON: ${output.slice(0, 200)}` }
  }
  const reported = parsed.metadata?.vulnerabilities
  if (!reported) {
    const error =
      typeof parsed.error === 'string' ? parsed.error : parsed.error?.summary || parsed.error?.code
    return { kind: 'unreachable', reason: parsed.message || error || 'npm audit returned no report' }
  }
  const counts = Object.fromEntries(severities.map((s) => [s, reported[s] ?? 0])) as Record<Severity, number>
  const blocking = Object.entries(parsed.vulnerabilities ?? {})
    .filter(([, v]) => v.severity === 'high' || v.severity === 'critical')
    .map(([name, v]) => `${name} (${v.severity})`)
  const kind = counts.high + counts.critical > 0 ? 'findings' : 'clean'
  return { kind, counts, blocking }
}

function main(): number {
  const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', timeout: 120_000 })
  if (run.error) {
    console.warn(
      `WARNING: npm audit could not run (${run.error.message}); production dependencies not audited`,
    )
    return 0
  }
  const verdict = judgeAudit(run.stdout)
  if (verdict.kind === 'unreachable') {
    console.warn(
      `WARNING: the npm audit endpoint is unreachable (${verdict.reason}); production dependencies not audited`,
    )
    return 0
  }
  const summary = severities.map((s) => `${s} ${verdict.counts[s]}`).join(', ')
  console.log(`npm audit --omit=dev: ${summary}`)
  if (verdict.kind === 'findings') {
    console.error(`high or critical findings in production dependencies: ${verdict.blocking.join(', ')}`)
    console.error('run `npm audit --omit=dev` for the advisories')
    return 1
  }
  return 0
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main()
