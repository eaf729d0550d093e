// Runs the benchmarks and rewrites bench/RESULTS.md.
//   node --import tsx bench/run.ts            every benchmark
//   node --import tsx bench/run.ts health     only the named ones (the other sections are kept)
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { installTestKeyring } from '../server/test/encryption-key.ts'
import { killRunningServers } from '../server/test/lotse-process.ts'
import { runAuthBenchmark } from './auth.bench.ts'
import { runCaseworkDistrictBenchmark, runCaseworkStateBenchmark } from './casework.bench.ts'
import { runDisclosureDistrictBenchmark } from './disclosure.bench.ts'
import { runFiguresDistrictBenchmark, runFiguresStateBenchmark } from './figures.bench.ts'
import { runGoalsStateBenchmark } from './goals.bench.ts'
import { type BenchmarkResult, renderTable, writeResults } from './harness.ts'
import { runHealthBenchmark } from './health.bench.ts'
import { runImportBenchmark } from './import.bench.ts'
import { runLoginTimingBenchmark } from './login-timing.bench.ts'
import { runMatchingBenchmark } from './matching.bench.ts'
import { runMixedLoadBenchmark } from './mixed-load.bench.ts'
import { runNetworkStateBenchmark } from './network.bench.ts'
import { runNetworkInboxBenchmark } from './network-inbox.bench.ts'
import { runOneWordBenchmark } from './one-word.bench.ts'
import { runReportBenchmark } from './report.bench.ts'
import { runStartupBenchmark } from './startup.bench.ts'

// In-process benchmarks encrypt as the server does, under the fixed test key.
installTestKeyring()

// Ctrl+C in the middle of a run must not leave servers behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killRunningServers()
    process.exit(130)
  })
}

const serverDatabase =
  'PGlite (embedded), a fresh temporary data directory per server; DATABASE_URL is ignored'

/** A benchmark answers null when it cannot run here (it says why); its section is then left as it is. */
const benchmarks: { name: string; run: () => Promise<BenchmarkResult | null>; database: string }[] = [
  { name: 'startup', run: runStartupBenchmark, database: serverDatabase },
  { name: 'health', run: runHealthBenchmark, database: serverDatabase },
  { name: 'auth', run: runAuthBenchmark, database: serverDatabase },
  { name: 'login-timing', run: runLoginTimingBenchmark, database: serverDatabase },
  { name: 'matching', run: runMatchingBenchmark, database: 'none (the matcher in memory)' },
  {
    name: 'casework-district',
    run: runCaseworkDistrictBenchmark,
    database: 'PGlite (embedded) in the bench process, a fresh temporary data directory',
  },
  {
    name: 'disclosure-district',
    run: runDisclosureDistrictBenchmark,
    database: 'PGlite (embedded) in the bench process, a fresh temporary data directory',
  },
  {
    name: 'casework-state',
    run: runCaseworkStateBenchmark,
    database: 'PostgreSQL of DATABASE_URL, a database of its own that is dropped afterwards',
  },
  {
    name: 'one-word',
    run: runOneWordBenchmark,
    database:
      'the kept databases LOTSE_BENCH_ONE_WORD names (PGlite folders, PostgreSQL databases at 127.0.0.1)',
  },
  {
    name: 'network-state',
    run: runNetworkStateBenchmark,
    database: 'PostgreSQL of DATABASE_URL, a database of its own that is dropped afterwards',
  },
  {
    name: 'network-inbox',
    run: runNetworkInboxBenchmark,
    database: 'PostgreSQL of DATABASE_URL, a database of its own that is dropped afterwards',
  },
  {
    name: 'figures-district',
    run: runFiguresDistrictBenchmark,
    database: 'PGlite (embedded) in the bench process, a fresh temporary data directory',
  },
  {
    name: 'figures-state',
    run: runFiguresStateBenchmark,
    database: 'PostgreSQL of DATABASE_URL, the goals bench database when LOTSE_BENCH_GOALS_DATABASE names it',
  },
  {
    name: 'goals-state',
    run: runGoalsStateBenchmark,
    database: 'PostgreSQL of DATABASE_URL, a database of its own that is dropped afterwards',
  },
  {
    name: 'import',
    run: runImportBenchmark,
    database: 'PGlite (embedded) in the bench process, a fresh temporary data directory',
  },
  {
    name: 'mixed-load',
    run: runMixedLoadBenchmark,
    database:
      'PGlite (embedded), a fresh temporary data directory per server (the demo data, or a copy of the kept folder LOTSE_BENCH_MIXED_DATA names)',
  },
  {
    name: 'report',
    run: runReportBenchmark,
    database: 'PGlite (embedded) in the bench process, a fresh temporary data directory',
  },
]
const names = benchmarks.map((benchmark) => benchmark.name)

const requested = process.argv.slice(2).filter((arg) => !arg.startsWith('-'))
const unknown = requested.filter((name) => !names.includes(name))
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Available: ${names.join(', ')}`)
  process.exit(2)
}
const selected = requested.length > 0 ? benchmarks.filter((b) => requested.includes(b.name)) : benchmarks

const started = performance.now()
const date = new Date()
const loadAverage = os.loadavg()
const results: BenchmarkResult[] = []
// Which database each measured benchmark used, grouped when they differ.
const databases = new Map<string, string[]>()
for (const benchmark of selected) {
  console.log(`\n== ${benchmark.name}`)
  const result = await benchmark.run()
  if (!result) continue
  console.log(`\n${result.title}\n${renderTable(result)}`)
  results.push(result)
  databases.set(benchmark.database, [...(databases.get(benchmark.database) ?? []), benchmark.name])
}
if (results.length === 0) {
  console.log('\nNothing was measured; bench/RESULTS.md is left as it is.')
  process.exit(0)
}

const file = path.join(import.meta.dirname, 'RESULTS.md')
writeResults(
  file,
  results,
  {
    date,
    database:
      databases.size === 1
        ? [...databases.keys()].join('')
        : [...databases].map(([database, used]) => `${database} (${used.join(', ')})`).join('; '),
    command: `node --import tsx bench/run.ts${requested.length > 0 ? ` ${requested.join(' ')}` : ''}`,
    loadAverage,
  },
  names,
)
console.log(
  `\nWrote ${path.relative(process.cwd(), file)} in ${((performance.now() - started) / 1000).toFixed(0)} s`,
)
