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
import { type BenchmarkResult, summarize } from './harness.ts'
import {
  connections,
  describeTotals,
  emptyTotals,
  type LoadTarget,
  load,
  printRound,
  type Round,
  roundSeconds,
  rounds,
  warmupSeconds,
} from './load.ts'

export async function runHealthBenchmark(): Promise<BenchmarkResult> {
  const started = performance.now()
  const dir = tempDir('health')
  let lotse: ServerProcess | undefined
  let bare: ServerProcess | undefined
  try {
    lotse = await spawnLotse(dir)
    const body = await waitForOk(`${lotse.url}/api/health`)
    bare = await spawnBareFastify(body)
    if ((await waitForOk(`${bare.url}/api/health`)) !== body) {
      throw new Error('the baseline does not answer the same JSON')
    }

    const lotseTarget: LoadTarget = { server: lotse, path: '/api/health', expectBody: body }
    const bareTarget: LoadTarget = { server: bare, path: '/api/health', expectBody: body }
    console.log(`health: warm-up ${warmupSeconds} s each`)
    await load(lotseTarget, warmupSeconds)
    await load(bareTarget, warmupSeconds)

    const lotseRounds: Round[] = []
    const bareRounds: Round[] = []
    const lotseTotals = emptyTotals()
    const bareTotals = emptyTotals()
    for (let round = 1; round <= rounds; round++) {
      // Alternate the targets so that drift of the machine hits both alike.
      const measuredLotse = await load(lotseTarget, roundSeconds, lotseTotals)
      printRound(`round ${round} Lotse`, measuredLotse)
      lotseRounds.push(measuredLotse)
      const measuredBare = await load(bareTarget, roundSeconds, bareTotals)
      printRound(`round ${round} bare Fastify`, measuredBare)
      bareRounds.push(measuredBare)
    }

    const stat = (list: Round[], key: keyof Round) => summarize(list.map((round) => round[key]))
    return {
      name: 'health',
      title: 'GET /api/health throughput and latency',
      description:
        `autocannon in the bench process against \`node bin/lotse.js serve\` (PGlite, fresh data dir, ` +
        `\`LOTSE_LOG_LEVEL=warn\`) and, as baseline, a bare Fastify in its own \`node -e\` process returning ` +
        `the identical JSON body from a constant; loopback, ${connections} keep-alive connections, no ` +
        `pipelining. After ${warmupSeconds} s warm-up per target, ${rounds} rounds of ${roundSeconds} s ` +
        'alternate between the two. Each row is computed per round (requests/s; 50th and 95th percentile ' +
        'of the per-request latency in that round); median and p95 are taken over the rounds. Lotse answers ' +
        'from a database query (schema version) per request and runs its security headers, request-id and ' +
        'compression hooks; the baseline does none of that.',
      baselineLabel: 'bare Fastify',
      rows: [
        {
          label: 'requests/s',
          unit: 'req/s',
          value: stat(lotseRounds, 'requestsPerSecond'),
          baseline: stat(bareRounds, 'requestsPerSecond'),
          higherIsBetter: true,
        },
        {
          label: 'latency p50',
          unit: 'ms',
          value: stat(lotseRounds, 'latencyP50'),
          baseline: stat(bareRounds, 'latencyP50'),
        },
        {
          label: 'latency p95',
          unit: 'ms',
          value: stat(lotseRounds, 'latencyP95'),
          baseline: stat(bareRounds, 'latencyP95'),
        },
      ],
      notes: [
        describeTotals('Lotse', lotseTotals),
        describeTotals('bare Fastify', bareTotals),
        'Load generator and server share the same machine; on few cores the client takes one of them, so ' +
          'the baseline figure is partly bounded by the client as well.',
      ],
      measuredAt: new Date(),
      durationMs: performance.now() - started,
    }
  } finally {
    await stopServer(lotse)
    await stopServer(bare)
    removeDir(dir)
  }
}
