import { performance } from 'node:perf_hooks'
import { hash, verify } from '@node-rs/argon2'
import { argon2Options, hashPassword } from '../server/modules/identity/password.ts'
import {
  removeDir,
  type ServerProcess,
  spawnLotse,
  stopServer,
  tempDir,
  waitForOk,
} from '../server/test/lotse-process.ts'
import { type BenchmarkResult, formatNumber, type Stats, summarize } from './harness.ts'
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

// Known to the bench only: `serve --demo` sets every demo user's password to it.
const demoPassword = 'Lotse-Bench-Passwort-2026'
const username = 'admin'
const loginWarmup = 3
const loginRuns = 30

type Session = { cookie: string; csrfToken: string }

/** `$argon2id$v=19$m=19456,t=2,p=1`: the part of an encoded hash that names algorithm and cost. */
const hashParameters = (encoded: string) => encoded.split('$').slice(0, 4).join('$')

/**
 * One successful sign-in; answers the session and the wall-clock milliseconds from sending the request
 * to the end of the response body. Throws on anything but a 200 with CSRF token and session cookie, so a
 * misconfigured run stops at its first failure and never runs into the login throttle.
 */
async function timedLogin(server: ServerProcess): Promise<{ session: Session; milliseconds: number }> {
  const started = performance.now()
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoPassword }),
  })
  const text = await response.text()
  const milliseconds = performance.now() - started
  if (response.status !== 200) throw new Error(`login of ${username} answered ${response.status}: ${text}`)
  const { csrfToken } = JSON.parse(text) as { csrfToken?: unknown }
  if (typeof csrfToken !== 'string' || csrfToken === '')
    throw new Error(`login answered no csrfToken: ${text}`)
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('lotse_session='))
  if (!cookie) throw new Error('login set no lotse_session cookie')
  return { session: { cookie, csrfToken }, milliseconds }
}

async function timedVerify(encoded: string): Promise<number> {
  const started = performance.now()
  const ok = await verify(encoded, demoPassword)
  const milliseconds = performance.now() - started
  if (!ok) throw new Error('argon2 verify of the right password failed')
  return milliseconds
}

/** Sequential logins, each followed by a bare verify, so that drift of the machine hits both alike. */
async function measureLogins(
  server: ServerProcess,
): Promise<{ login: Stats; verify: Stats; session: Session }> {
  const encoded = await hash(demoPassword, argon2Options)
  const serverParameters = hashParameters(await hashPassword(demoPassword))
  if (hashParameters(encoded) !== serverParameters) {
    throw new Error(
      `the baseline hashes with ${hashParameters(encoded)}, the server with ${serverParameters}`,
    )
  }
  const logins: number[] = []
  const verifies: number[] = []
  let session: Session | undefined
  for (let iteration = 0; iteration < loginWarmup + loginRuns; iteration++) {
    const login = await timedLogin(server)
    const verified = await timedVerify(encoded)
    session = login.session
    if (iteration < loginWarmup) continue
    logins.push(login.milliseconds)
    verifies.push(verified)
    if ((iteration - loginWarmup + 1) % 10 === 0) {
      console.log(
        `  login #${logins.length}: ${login.milliseconds.toFixed(1)} ms, argon2id verify ${verified.toFixed(1)} ms`,
      )
    }
  }
  if (!session) throw new Error('no login was run')
  return { login: summarize(logins), verify: summarize(verifies), session }
}

/** GETs path with the given headers and answers status and body. */
async function get(server: ServerProcess, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, { headers })
  return { status: response.status, body: await response.text() }
}

export async function runAuthBenchmark(): Promise<BenchmarkResult> {
  const started = performance.now()
  const dir = tempDir('auth')
  let lotse: ServerProcess | undefined
  try {
    lotse = await spawnLotse(dir, { args: ['--demo'], env: { LOTSE_DEMO_PASSWORD: demoPassword } })
    const healthBody = await waitForOk(`${lotse.url}/api/health`)

    console.log(`auth: ${loginWarmup} + ${loginRuns} sequential logins of ${username}`)
    const { login, verify: verifyStats, session } = await measureLogins(lotse)

    // The districts list must need the session, and answer the same body to it every time.
    const anonymous = await get(lotse, '/api/districts')
    if (anonymous.status !== 401) {
      throw new Error(`GET /api/districts without a session answered ${anonymous.status}, not 401`)
    }
    const headers = { cookie: session.cookie }
    const districts = await get(lotse, '/api/districts', headers)
    if (districts.status !== 200) {
      throw new Error(`GET /api/districts answered ${districts.status}: ${districts.body}`)
    }
    const { items } = JSON.parse(districts.body) as { items?: unknown[] }
    if (!items || items.length === 0)
      throw new Error(`GET /api/districts listed no district: ${districts.body}`)

    const districtsTarget: LoadTarget = {
      server: lotse,
      path: '/api/districts',
      expectBody: districts.body,
      headers,
    }
    const healthTarget: LoadTarget = { server: lotse, path: '/api/health', expectBody: healthBody }
    console.log(`auth: warm-up ${warmupSeconds} s each`)
    await load(districtsTarget, warmupSeconds)
    await load(healthTarget, warmupSeconds)

    const districtsRounds: Round[] = []
    const healthRounds: Round[] = []
    const districtsTotals = emptyTotals()
    const healthTotals = emptyTotals()
    for (let round = 1; round <= rounds; round++) {
      // Alternate the paths so that drift of the machine hits both alike.
      const measuredDistricts = await load(districtsTarget, roundSeconds, districtsTotals)
      printRound(`round ${round} GET /api/districts`, measuredDistricts)
      districtsRounds.push(measuredDistricts)
      const measuredHealth = await load(healthTarget, roundSeconds, healthTotals)
      printRound(`round ${round} GET /api/health`, measuredHealth)
      healthRounds.push(measuredHealth)
    }

    const stat = (list: Round[], key: keyof Round) => summarize(list.map((round) => round[key]))
    const pair = 'GET /api/districts vs. /api/health,'
    return {
      name: 'auth',
      title: 'Sign-in cost and authenticated read throughput',
      description:
        'One `node bin/lotse.js serve --demo` (PGlite, fresh data dir, `LOTSE_LOG_LEVEL=warn`, ' +
        '`LOTSE_DEMO_PASSWORD` set). **Login:** after ' +
        `${loginWarmup} warm-up logins, ${loginRuns} sequential successful \`POST /api/auth/login\` of ` +
        `\`${username}\` over a keep-alive connection, timed in the bench process from sending the request to ` +
        'the end of the response body: throttle bookkeeping, argon2id verify, session insert and audit entry ' +
        'in one transaction, session read-back. Its baseline is a bare `@node-rs/argon2` verify in the bench ' +
        'process with the same parameters (Argon2id, m = 19456 KiB, t = 2, p = 1; checked against a hash made ' +
        "by the server's own code), run right after each login, so the ratio is the HTTP, session and audit " +
        `overhead over the hash. **Authenticated read:** autocannon, ${connections} keep-alive connections, ` +
        `no pipelining, loads \`GET /api/districts\` with the session cookie of one of those logins (resolve ` +
        'the session and team memberships from the database, check the policy, read the district; no audit ' +
        'entry) and, as its baseline on the same server, `GET /api/health` without a session (one query for ' +
        `the schema version). After ${warmupSeconds} s warm-up per path, ${rounds} rounds of ${roundSeconds} s ` +
        'alternate between the two; each row is computed per round and median and p95 are taken over the ' +
        'rounds, as in `health`.',
      baselineLabel: 'baseline',
      rows: [
        {
          label: 'POST /api/auth/login vs. bare argon2id verify',
          unit: 'ms',
          value: login,
          baseline: verifyStats,
        },
        {
          label: `${pair} requests/s`,
          unit: 'req/s',
          value: stat(districtsRounds, 'requestsPerSecond'),
          baseline: stat(healthRounds, 'requestsPerSecond'),
          higherIsBetter: true,
        },
        {
          label: `${pair} latency p50`,
          unit: 'ms',
          value: stat(districtsRounds, 'latencyP50'),
          baseline: stat(healthRounds, 'latencyP50'),
        },
        {
          label: `${pair} latency p95`,
          unit: 'ms',
          value: stat(districtsRounds, 'latencyP95'),
          baseline: stat(healthRounds, 'latencyP95'),
        },
      ],
      notes: [
        `Login minus bare verify (medians): ${formatNumber(login.median - verifyStats.median)} ms of HTTP, ` +
          'throttle, session and audit work per sign-in.',
        describeTotals('GET /api/districts', districtsTotals),
        describeTotals('GET /api/health', healthTotals),
        'Only successful logins are made: the server throttles failures per account and address. The bench ' +
          'process (load generator and baseline hash) shares the machine with the server.',
      ],
      measuredAt: new Date(),
      durationMs: performance.now() - started,
    }
  } finally {
    await stopServer(lotse)
    removeDir(dir)
  }
}
