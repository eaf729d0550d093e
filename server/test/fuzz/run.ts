/**
 * The long fuzzing pass: `npm run fuzz -- --runs 100000 [--seed N] [--path P] [--hash] [--minutes M]`.
 * Runs on an in-memory PGlite; prints progress, then figures per route and every finding with
 * how to replay it. Exits with 1 when an invariant broke.
 */
import { Command } from 'commander'
import { openDatabase } from '../../db/database.ts'
import { migrate } from '../../db/migrate.ts'
import { createFuzzTarget, describeFinding, type Finding } from './harness.ts'
import { figuresTable, fuzzEnvironment, fuzzPass, replayHint } from './pass.ts'

const defaults = fuzzEnvironment(100_000)
const options = new Command()
  .option('--runs <n>', 'generated requests', String(defaults.runs))
  .option('--seed <n>', 'fast-check seed (default: random, printed)', String(defaults.seed))
  .option('--path <p>', 'replay one input of the seed (its number, from a finding)', defaults.path)
  .option('--hash', 'compare a hash of every row instead of counting row changes by trigger (slower)')
  .option('--stop', 'stop at the first finding')
  .option('--minutes <n>', 'stop after this many minutes and report the inputs that ran')
  .parse()
  .opts<{ runs: string; seed: string; path?: string; hash?: boolean; stop?: boolean; minutes?: string }>()

const runs = Number(options.runs)
const seed = Number(options.seed)
const log = (line: string) => process.stdout.write(`${line}\n`)

const database = await openDatabase({ kind: 'pglite-memory' })
await migrate(database)
const setupStarted = performance.now()
const target = await createFuzzTarget(database, options.hash ? 'hash' : 'triggers')
log(
  `lotse fuzz: ${target.operations.length} routes, seed ${seed}${options.path ? `, path ${options.path}` : ''}, ${runs} inputs; set up in ${Math.round(performance.now() - setupStarted)} ms`,
)

let lastReport = performance.now()
const result = await fuzzPass(target, {
  runs,
  seed,
  ...(options.path ? { path: options.path } : {}),
  stopOnFinding: options.stop ?? false,
  ...(options.minutes ? { timeLimitMs: Number(options.minutes) * 60_000 } : {}),
  onProgress: (done: number, findings: Finding[]) => {
    if (performance.now() - lastReport < 30_000 && done !== runs) return
    lastReport = performance.now()
    log(
      `  ${done} inputs, ${findings.length} findings, ${Math.round(performance.now() - setupStarted) / 1000} s`,
    )
  },
})

const serverErrors = result.findings.filter((finding) => finding.response.status >= 500)
log('')
log(figuresTable(target))
log('')
log(`inputs: ${result.runs}`)
log(`routes: ${target.figures.size} of ${target.operations.length}`)
log(`5xx: ${serverErrors.length}`)
log(`broken invariants: ${result.findings.length}`)
log(
  `duration: ${Math.round(result.durationMs / 1000)} s (${(result.durationMs / Math.max(result.runs, 1)).toFixed(1)} ms per input)`,
)
log(`seed: ${seed}`)
const sortedFingerprints = [...target.fingerprintMs].sort((a, b) => a - b)
log(
  `row-change check: median ${(sortedFingerprints[Math.floor(sortedFingerprints.length / 2)] ?? 0).toFixed(2)} ms`,
)
if (result.findings.length > 0) {
  log('\nFindings (first 50):')
  for (const finding of result.findings.slice(0, 50))
    log(`${describeFinding(finding)}\n  ${replayHint(seed, finding.index)}\n`)
}
await target.close()
await database.close()
process.exitCode = result.findings.length > 0 ? 1 : 0
