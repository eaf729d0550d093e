import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { demoUsersByDistrict } from '../server/modules/identity/identity.seed.ts'
import { throttleRules } from '../server/modules/identity/session.service.ts'
import {
  removeDir,
  type ServerProcess,
  spawnLotse,
  stopServer,
  tempDir,
  waitForOk,
} from '../server/test/lotse-process.ts'
import { type BenchmarkResult, formatNumber, summarize } from './harness.ts'

const demoPassword = 'Lotse-Bench-Passwort-2026'
const wrongPassword = 'nicht das richtige passwort'
/** Failed sign-ins per username: below the per-account delay, so that no attempt is slowed down. */
const rounds = throttleRules.accountDelayAfter - 2
const warmupRounds = 1
/** What a timing attack may differ by before the benchmark calls it a leak (ratio of medians). */
const tolerance = { low: 0.8, high: 1.25 }

const knownNames = (demoUsersByDistrict['05382'] ?? []).map((user) => user.username)

/** CPU time the server process has used so far, in milliseconds (Linux only, else undefined). */
function serverCpuMs(server: ServerProcess): number | undefined {
  try {
    const stat = readFileSync(`/proc/${server.child.pid}/stat`, 'utf8')
    // Fields after the command name (which may hold spaces): utime is the 14th, stime the 15th field.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return undefined
  }
}

let addressCounter = 0
/** A client address no attempt used before, so that the per-address and per-pair limits never apply. */
function freshAddress(): string {
  addressCounter++
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`
}

async function attempt(server: ServerProcess, username: string, password: string) {
  const started = performance.now()
  const cpuBefore = serverCpuMs(server)
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': freshAddress() },
    body: JSON.stringify({ username, password }),
  })
  const body = await response.text()
  const milliseconds = performance.now() - started
  const cpuAfter = serverCpuMs(server)
  return {
    status: response.status,
    body,
    milliseconds,
    cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
  }
}

/**
 * Failed sign-ins of unknown usernames against failed sign-ins of existing ones (wrong password),
 * over HTTP against `serve --demo`. A difference would tell an attacker which usernames exist.
 */
export async function runLoginTimingBenchmark(): Promise<BenchmarkResult> {
  const started = performance.now()
  const dir = tempDir('login-timing')
  let lotse: ServerProcess | undefined
  try {
    lotse = await spawnLotse(dir, {
      args: ['--demo'],
      // X-Forwarded-For from this machine is trusted only so that each attempt has its own address.
      env: { LOTSE_DEMO_PASSWORD: demoPassword, LOTSE_TRUST_PROXY: '127.0.0.1' },
    })
    await waitForOk(`${lotse.url}/api/health`)
    for (const name of knownNames) {
      const check = await attempt(lotse, name, demoPassword)
      if (check.status !== 200)
        throw new Error(`demo user ${name} cannot sign in: ${check.status} ${check.body}`)
    }

    const known: number[] = []
    const unknown: number[] = []
    const cpu = { known: 0, unknown: 0, measured: true }
    let expectedBody: string | undefined
    console.log(`login-timing: ${rounds} rounds × ${knownNames.length} known and as many unknown usernames`)
    for (let round = 0; round < warmupRounds + rounds; round++) {
      for (const [index, knownName] of knownNames.entries()) {
        // A name never tried before, as an attacker would probe: no throttle row exists for it yet.
        const unknownName = `${knownName}.gibt.es.nicht.${round}`
        // Alternate which goes first, so that drift and warm caches favour neither side.
        const order = (round + index) % 2 === 0 ? ['known', 'unknown'] : ['unknown', 'known']
        for (const kind of order) {
          const result = await attempt(lotse, kind === 'known' ? knownName : unknownName, wrongPassword)
          if (result.status !== 401)
            throw new Error(`a failed sign-in answered ${result.status}: ${result.body}`)
          const comparable = result.body.replace(/"requestId":"[^"]*"/, '')
          expectedBody ??= comparable
          if (comparable !== expectedBody)
            throw new Error(`the answers differ: ${comparable} vs ${expectedBody}`)
          if (round < warmupRounds) continue
          ;(kind === 'known' ? known : unknown).push(result.milliseconds)
          if (result.cpuMs === undefined) cpu.measured = false
          else cpu[kind as 'known' | 'unknown'] += result.cpuMs
        }
      }
      if (round >= warmupRounds)
        console.log(`  round ${round - warmupRounds + 1}/${rounds}: ${known.length} samples each`)
    }

    const unknownStats = summarize(unknown)
    const knownStats = summarize(known)
    const ratio = unknownStats.median / knownStats.median
    const within = ratio >= tolerance.low && ratio <= tolerance.high
    if (!within) {
      console.error(
        `login-timing: unknown/known median ratio ${ratio.toFixed(3)} is outside ${tolerance.low}–${tolerance.high}`,
      )
      process.exitCode = 1
    }
    const perAttempt = (total: number) => formatNumber(total / known.length)
    return {
      name: 'login-timing',
      title: 'Failed sign-in: unknown username against existing username',
      description:
        'One `node bin/lotse.js serve --demo` (PGlite, fresh data dir, `LOTSE_LOG_LEVEL=warn`, `LOTSE_TRUST_PROXY=127.0.0.1`). ' +
        `After ${warmupRounds} warm-up round, ${rounds} rounds over the ${knownNames.length} demo users of ` +
        'Rhein-Sieg: each round signs in once with every existing username and once with as many usernames ' +
        'that do not exist and were never tried before (as an attacker probes), all with a wrong password, ' +
        'the two interleaved and their order alternating. Every ' +
        'attempt comes from its own address (`X-Forwarded-For`), and no username fails as often as the ' +
        'per-account delay needs, so the throttle adds no delay to either side. ' +
        'Timed in the bench process from sending the request to the end of the response body. The value is ' +
        'the unknown username, the baseline the existing one: a ratio near 1 means the answer time does not ' +
        `tell whether a username exists. The run fails when the ratio leaves ${tolerance.low}–${tolerance.high}.`,
      baselineLabel: 'existing username',
      rows: [
        {
          label: 'POST /api/auth/login, unknown vs. existing username, wrong password',
          unit: 'ms',
          value: unknownStats,
          baseline: knownStats,
        },
      ],
      notes: [
        `Ratio of medians ${ratio.toFixed(3)}: ${within ? 'within' : 'OUTSIDE'} ${tolerance.low}–${tolerance.high}.`,
        cpu.measured
          ? `Server CPU time per attempt (from /proc, 10 ms ticks summed over all attempts): unknown ${perAttempt(cpu.unknown)} ms, existing ${perAttempt(cpu.known)} ms.`
          : 'Server CPU time was not measured (no /proc on this system).',
        'Every answer had the same status and body apart from the request id.',
      ],
      measuredAt: new Date(),
      durationMs: performance.now() - started,
    }
  } finally {
    await stopServer(lotse)
    removeDir(dir)
  }
}
