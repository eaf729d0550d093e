/**
 * The long stress run: `npm run stress -- [--cycles N] [--only crash|nodes] [--databases pglite,postgresql]`.
 * Crash cycles on PGlite and, with STRESS_DATABASE_URL or DATABASE_URL, on PostgreSQL; then the
 * multi-node checks on PostgreSQL. Prints the figures as Markdown for bench/RESULTS.md.
 */
import { parseArgs } from 'node:util'
import { machineDescription } from '../bench/harness.ts'
import { type CrashResult, runCrashCycles } from './crash.ts'
import { postgresAdminUrl } from './databases.ts'
import { type NodesResult, runNodeChecks } from './nodes.ts'
import { writeStressSections } from './results.ts'

const { values } = parseArgs({
  options: {
    cycles: { type: 'string', default: '50' },
    only: { type: 'string' },
    databases: { type: 'string', default: 'pglite,postgresql' },
    nodes: { type: 'string', default: '2' },
    write: { type: 'boolean', default: false },
  },
})
const cycles = Number(values.cycles)
if (!Number.isInteger(cycles) || cycles < 1) throw new Error('--cycles must be a positive whole number')
const adminUrl = postgresAdminUrl()
const log = (line: string) => console.error(line)

const crashes: CrashResult[] = []
let nodes: NodesResult | undefined
if (values.only !== 'nodes') {
  for (const kind of values.databases.split(',') as ('pglite' | 'postgresql')[]) {
    if (kind === 'postgresql' && !adminUrl) {
      log('PostgreSQL skipped: set STRESS_DATABASE_URL or DATABASE_URL')
      continue
    }
    crashes.push(await runCrashCycles({ kind, cycles, adminUrl, log }))
  }
}
if (values.only !== 'crash') {
  if (adminUrl) nodes = await runNodeChecks({ adminUrl, nodeCount: Number(values.nodes), log })
  else log('multi-node checks skipped: set STRESS_DATABASE_URL or DATABASE_URL')
}

const failed = (problems: readonly unknown[]) =>
  problems.length === 0 ? 'ok' : `**${problems.length} problem(s)**`
const lines = [`### Stress run ${new Date().toISOString()}`, '', `- Machine: ${machineDescription()}`, '']
if (crashes.length > 0) {
  lines.push(
    '| Database | Kill -9 cycles | Acknowledged ids | Lost (must be 0) | Sent, not acknowledged | Restart failures | Invariants | Duration |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
  )
  for (const run of crashes) {
    const broken = run.invariants.filter((check) => check.problems.length > 0)
    lines.push(
      `| ${run.kind} | ${run.cycles} | ${run.acknowledged} | ${run.lost.length} | ${run.unacknowledged} | ` +
        `${run.restartFailures.length} | ${broken.length === 0 ? 'all hold' : broken.map((check) => check.name).join('; ')} | ` +
        `${(run.milliseconds / 1000).toFixed(0)} s |`,
    )
  }
  lines.push('')
}
if (nodes) {
  lines.push(
    `${nodes.nodes} \`lotse serve\` nodes on one PostgreSQL database (${(nodes.milliseconds / 1000).toFixed(0)} s):`,
    '',
  )
  for (const check of [...nodes.checks, ...nodes.invariants])
    lines.push(`- ${check.name}: ${failed(check.problems)}`)
  lines.push('')
}
console.log(lines.join('\n'))
if (values.write) {
  const when = `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${machineDescription()}`
  const fresh = new Map<string, string>()
  for (const run of crashes) {
    const broken = run.invariants.filter((check) => check.problems.length > 0)
    fresh.set(
      run.kind,
      [
        `### Kill -9 on ${run.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'}`,
        '',
        `- Run: ${when}; \`npm run stress -- --cycles ${run.cycles} --databases ${run.kind} --only crash\``,
        `- Kill -9 cycles: ${run.cycles}, restarts that failed: ${run.restartFailures.length}` +
          (run.kind === 'pglite' ? `, stale data-folder locks taken over: ${run.staleLocks}` : ''),
        `- Acknowledged ids: ${run.acknowledged}, lost: **${run.lost.length}** (must be 0)`,
        `- Sent but not acknowledged (killed in flight, may or may not be stored): ${run.unacknowledged}`,
        `- Invariants afterwards: ${broken.length === 0 ? 'all hold' : broken.map((check) => check.name).join('; ')} (${run.invariants.map((check) => check.name).join(', ')})`,
        `- Duration: ${(run.milliseconds / 1000).toFixed(0)} s`,
      ].join('\n'),
    )
  }
  if (nodes) {
    fresh.set(
      'nodes',
      [
        `### ${nodes.nodes} API nodes on one PostgreSQL`,
        '',
        `- Run: ${when}; \`npm run stress -- --only nodes\``,
        ...[...nodes.checks, ...nodes.invariants].map(
          (check) => `- ${check.name}: ${failed(check.problems)}`,
        ),
      ].join('\n'),
    )
  }
  writeStressSections(new URL('../bench/RESULTS.md', import.meta.url).pathname, fresh)
}
for (const run of crashes) {
  for (const problem of [
    ...run.lost.map((id) => `lost ${id}`),
    ...run.restartFailures,
    ...run.invariants.flatMap((check) => check.problems),
  ])
    log(`${run.kind}: ${problem}`)
}
const anyProblem =
  crashes.some(
    (run) =>
      run.lost.length + run.restartFailures.length > 0 ||
      run.invariants.some((check) => check.problems.length > 0),
  ) ||
  (nodes && [...nodes.checks, ...nodes.invariants].some((check) => check.problems.length > 0))
process.exitCode = anyProblem ? 1 : 0
