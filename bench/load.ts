import { performance } from 'node:perf_hooks'
import autocannon from 'autocannon'
import type { ServerProcess } from '../server/test/lotse-process.ts'
import { percentile } from './harness.ts'

/** The load settings the throughput benchmarks share, so that their figures compare. */
export const connections = 10
export const warmupSeconds = 2
export const roundSeconds = 5
export const rounds = 3

export type Round = { requestsPerSecond: number; latencyP50: number; latencyP95: number }
export type Totals = { responses: number; ok: number; errors: number; timeouts: number; mismatches: number }

/** One URL to load: the server, the path and the exact body a correct 200 answer carries. */
export type LoadTarget = {
  server: ServerProcess
  path: string
  expectBody: string
  /** Sent with every request, e.g. the session cookie. */
  headers?: Record<string, string>
}

/**
 * Loads the target with autocannon for `seconds` (keep-alive, `connections` connections, no pipelining)
 * and returns throughput and per-request latency percentiles. Only 200 answers with the expected body count.
 */
export async function load(target: LoadTarget, seconds: number, totals?: Totals): Promise<Round> {
  const { server } = target
  const url = `${server.url}${target.path}`
  const latencies: number[] = []
  let ok = 0
  let responses = 0
  const instance = autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 5,
    expectBody: target.expectBody,
    ...(target.headers ? { headers: target.headers } : {}),
  })
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

export function emptyTotals(): Totals {
  return { responses: 0, ok: 0, errors: 0, timeouts: 0, mismatches: 0 }
}

export function describeTotals(label: string, totals: Totals): string {
  const failed = totals.responses - totals.ok + totals.errors
  return (
    `${label}: ${totals.ok.toLocaleString('en-US')} correct answers in the measured rounds, ` +
    `${failed} failed (errors ${totals.errors}, timeouts ${totals.timeouts}, wrong body ${totals.mismatches}, ` +
    `non-200 ${totals.responses - totals.ok - totals.mismatches}).`
  )
}

export function printRound(label: string, round: Round): void {
  console.log(
    `  ${label}: ${round.requestsPerSecond.toFixed(0)} req/s, p50 ${round.latencyP50.toFixed(2)} ms, p95 ${round.latencyP95.toFixed(2)} ms`,
  )
}
