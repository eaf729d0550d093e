import { cpSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import {
  removeDir,
  type ServerProcess,
  spawnBareFastify,
  spawnLotse,
  stopServer,
  tempDir,
  waitForOk,
} from '../server/test/lotse-process.ts'
import { type BenchmarkResult, measure, type Stats } from './harness.ts'

const warmup = 1
const runs = 5

type Iteration = { dir: string; server?: ServerProcess }

/** Spawn to the first 200 from /api/health; the child is left in the context for teardown. */
async function startLotse(iteration: Iteration): Promise<void> {
  iteration.server = await spawnLotse(iteration.dir, { args: ['--demo'] })
  await waitForOk(`${iteration.server.url}/api/health`)
}

async function finish(iteration: Iteration): Promise<void> {
  await stopServer(iteration.server)
  removeDir(iteration.dir)
}

function progress(label: string) {
  return (ms: number, index: number) => console.log(`  ${label} #${index + 1}: ${ms.toFixed(0)} ms`)
}

export async function runStartupBenchmark(): Promise<BenchmarkResult> {
  const started = performance.now()

  // A data dir migrated and seeded once, then copied (untimed) into a fresh dir per iteration.
  const template: Iteration = { dir: tempDir('seeded-template') }
  let healthBody: string
  try {
    await startLotse(template)
    healthBody = await waitForOk(`${(template.server as ServerProcess).url}/api/health`)
  } finally {
    await stopServer(template.server)
  }

  try {
    console.log('startup: empty data dir')
    const empty = await measure<Iteration>({
      warmup,
      runs,
      setup: () => ({ dir: tempDir('empty') }),
      run: startLotse,
      teardown: finish,
      onSample: progress('empty'),
    })

    console.log('startup: seeded data dir')
    const seeded = await measure<Iteration>({
      warmup,
      runs,
      setup: () => {
        const dir = tempDir('seeded')
        cpSync(template.dir, dir, { recursive: true })
        return { dir }
      },
      run: startLotse,
      teardown: finish,
      onSample: progress('seeded'),
    })

    console.log('startup: bare Fastify baseline')
    const baseline: Stats = await measure<{ server?: ServerProcess }>({
      warmup,
      runs,
      setup: () => ({}),
      run: async (iteration) => {
        iteration.server = await spawnBareFastify(healthBody)
        await waitForOk(`${iteration.server.url}/api/health`)
      },
      teardown: (iteration) => stopServer(iteration.server),
      onSample: progress('baseline'),
    })

    return {
      name: 'startup',
      title: 'Cold start to a healthy /api/health',
      description:
        'Wall-clock time from spawning `node bin/lotse.js serve --demo` (PGlite, fresh temporary data dir per ' +
        'iteration, `LOTSE_LOG_LEVEL=warn`) until `GET /api/health` answers 200. "Empty" includes creating the ' +
        'PGlite cluster, all migrations and seeding the demo districts; "seeded" is a restart on a copy of an ' +
        'already migrated and seeded data dir. The baseline spawns `node -e` with a bare Fastify (no plugins, no ' +
        'database) answering the same JSON, measured the same way, so the ratio is our start-up overhead over ' +
        `Node.js + Fastify. ${warmup} warm-up iteration per case is discarded (warm OS file cache and tsx cache).`,
      baselineLabel: 'bare Fastify',
      rows: [
        { label: 'empty data dir (migrate + seed)', unit: 'ms', value: empty, baseline },
        { label: 'seeded data dir (restart)', unit: 'ms', value: seeded, baseline },
      ],
      measuredAt: new Date(),
      durationMs: performance.now() - started,
    }
  } finally {
    removeDir(template.dir)
  }
}
