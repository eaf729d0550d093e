import { performance } from 'node:perf_hooks'
import autocannon from 'autocannon'
import {
  removeDir,
  type ServerProcess,
  spawnBareFastify,
  spawnLotse,
  stopServer,
  tempDir,
  waitForOk,
} from '../server/test/lotse-process.ts'
import { type BenchmarkResult, percentile, summarize } from './harness.ts'

const connections = 10
const warmupSeconds = 2
const roundSeconds = 5
const rounds = 3

type Round = { requestsPerSecond: number; latencyP50: number; latencyP95: number }
type Totals = { responses: number; ok: number; errors: number; timeouts: number; mismatches: number }

/**
 * Loads url with autocannon for `seconds` (keep-alive, `connections` connections, no pipelining) and
 * returns throughput and per-request latency percentiles. Only 200 answers with the expected body count.
 */
async function load(
  server: ServerProcess,
  expectBody: string,
  seconds: number,
  totals?: Totals,
): Promise<Round> {
  const url = `${server.url}/api/health`
  const latencies: number[] = []
  let ok = 0
  let responses = 0
  const instance = autocannon({ url, connections, duration: seconds, timeout: 5, expectBody })
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    responses++
    if (statusCode === 200) {
      ok++
      latencies.push(responseTime)
    }
  })
  // A hard stop in case the load generator hangs: bounded in time whatever happens.
  const guard = setTimeout(() => instance.stop(), (seconds + 15) * 1000)
  const started = performance.now()
  const result = await instance
  const elapsedSeconds = (performance.now() - started) / 1000
  clearTimeout(guard)
  if (server.child.exitCode !== null || server.child.signalCode !== null) {
    throw new Error(
      `the server at ${server.url} died during the load (code ${server.child.exitCode}, signal ${server.child.signalCode})`,
    )
  }
  if (totals) {
    totals.responses += responses
    totals.ok += ok - result.mismatches
    totals.errors += result.errors
    totals.timeouts += result.timeouts
    totals.mismatches += result.mismatches
  }
  if (latencies.length === 0) throw new Error(`no successful response from ${url}`)
  latencies.sort((a, b) => a - b)
  return {
    requestsPerSecond: (ok - result.mismatches) / elapsedSeconds,
    latencyP50: percentile(latencies, 50),
    latencyP95: percentile(latencies, 95),
  }
}

function emptyTotals(): Totals {
  return { responses: 0, ok: 0, errors: 0, timeouts: 0, mismatches: 0 }
}

function describeTotals(label: string, totals: Totals): string {
  const failed = totals.responses - totals.ok + totals.errors
  return (
    `${label}: ${totals.ok.toLocaleString('en-US')} correct answers in the measured rounds, ` +
    `${failed} failed (errors ${totals.errors}, timeouts ${totals.timeouts}, wrong body ${totals.mismatches}, ` +
    `non-200 ${totals.responses - totals.ok - totals.mismatches}).`
  )
}

function print(label: string, round: Round): void {
  console.log(
    `  ${label}: ${round.requestsPerSecond.toFixed(0)} req/s, p50 ${round.latencyP50.toFixed(2)} ms, p95 ${round.latencyP95.toFixed(2)} ms`,
  )
}

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

    console.log(`health: warm-up ${warmupSeconds} s each`)
    await load(lotse, body, warmupSeconds)
    await load(bare, body, warmupSeconds)

    const lotseRounds: Round[] = []
    const bareRounds: Round[] = []
    const lotseTotals = emptyTotals()
    const bareTotals = emptyTotals()
    for (let round = 1; round <= rounds; round++) {
      // Alternate the targets so that drift of the machine hits both alike.
      const measuredLotse = await load(lotse, body, roundSeconds, lotseTotals)
      print(`round ${round} Lotse`, measuredLotse)
      lotseRounds.push(measuredLotse)
      const measuredBare = await load(bare, body, roundSeconds, bareTotals)
      print(`round ${round} bare Fastify`, measuredBare)
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
