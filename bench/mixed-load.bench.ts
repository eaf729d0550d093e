// Mixed load over HTTP: signed-in sessions of several roles, each a script of the requests people
// make (case list with filters and a search word, case detail, contacts, a new contact, tasks,
// dashboard figures, now and then an evaluation), closed-loop and open-loop at a fixed arrival rate.
//   node --import tsx bench/run.ts mixed-load
// Settings (environment):
//   LOTSE_BENCH_MIXED_DATA=/tmp/x/district.json   a kept district-scale PGlite folder (made by
//       `node --import tsx bench/one-word.bench.ts generate district pglite /tmp/x/district`);
//       without it the demo data of `serve --demo`
//   LOTSE_BENCH_MIXED_BASELINE=/path/to/checkout  the earlier code, served the same way, as the baseline
//       (its node_modules must resolve); without it the baseline is GET /api/health under the same load
//   LOTSE_BENCH_MIXED_SESSIONS (50), LOTSE_BENCH_MIXED_SECONDS (20 per round), LOTSE_BENCH_MIXED_ROUNDS (3),
//   LOTSE_BENCH_MIXED_RATE (requests/s of the open loop; default 60 % of the first closed-loop throughput)
import { cpSync, existsSync, readFileSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'kysely'
import { openDatabase } from '../server/db/database.ts'
import { hashPassword } from '../server/modules/identity/password.ts'
import { testEncryptionKey } from '../server/test/encryption-key.ts'
import {
  lotseEnv,
  projectRoot,
  removeDir,
  type ServerProcess,
  spawnServer,
  stopServer,
  tempDir,
} from '../server/test/lotse-process.ts'
import { type BenchmarkResult, machineDescription, markdownTable, percentile, summarize } from './harness.ts'

const password = 'Lotse-Bench-Passwort-2026'
const sessionsWanted = Number(process.env.LOTSE_BENCH_MIXED_SESSIONS ?? 50)
const roundSeconds = Number(process.env.LOTSE_BENCH_MIXED_SECONDS ?? 20)
const rounds = Number(process.env.LOTSE_BENCH_MIXED_ROUNDS ?? 3)
const warmupSeconds = 5

type Kind =
  | 'case-list'
  | 'case-search'
  | 'case-detail'
  | 'contacts'
  | 'contact-add'
  | 'tasks'
  | 'figures'
  | 'goal-agreements'
  | 'evaluations'
  | 'evaluation-add'
  | 'health'
const kinds: Kind[] = [
  'case-list',
  'case-search',
  'case-detail',
  'contacts',
  'contact-add',
  'tasks',
  'figures',
  'goal-agreements',
  'evaluations',
  'evaluation-add',
  'health',
]

type Role = 'case_manager' | 'coordinator' | 'report_reader'
type Session = {
  username: string
  role: Role
  userId: string
  cookie: string
  csrfToken: string
  /** Open own cases seen in the last list, to open and to write contacts to. */
  caseIds: string[]
  /** Family names seen in lists, the words of the searches. */
  words: string[]
  step: number
}

type Sample = { kind: Kind; ms: number; ok: boolean; status: number }
type Request = { kind: Kind; method: 'GET' | 'POST'; path: string; body?: unknown }

const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY })

/** One HTTP exchange with the session's cookie (and CSRF token on writes); answers status and body. */
function send(
  base: URL,
  session: Pick<Session, 'cookie' | 'csrfToken'> | null,
  request: Pick<Request, 'method' | 'path' | 'body'>,
): Promise<{ status: number; body: string }> {
  const payload = request.body === undefined ? undefined : JSON.stringify(request.body)
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: request.method,
        path: request.path,
        headers: {
          ...(session ? { cookie: session.cookie } : {}),
          ...(session && request.method !== 'GET' ? { 'x-csrf-token': session.csrfToken } : {}),
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
        timeout: 30_000,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        )
        res.on('error', reject)
      },
    )
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', reject)
    if (payload !== undefined) req.write(payload)
    req.end()
  })
}

async function signIn(base: URL, username: string, role: Role): Promise<Session> {
  const answer = await new Promise<{ status: number; body: string; cookie: string }>((resolve, reject) => {
    const payload = JSON.stringify({ username, password })
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: 'POST',
        path: '/api/auth/login',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            cookie:
              (res.headers['set-cookie'] ?? [])
                .map((header) => header.split(';')[0] ?? '')
                .find((pair) => pair.startsWith('lotse_session=')) ?? '',
          }),
        )
      },
    )
    req.on('error', reject)
    req.end(payload)
  })
  if (answer.status !== 200 || !answer.cookie)
    throw new Error(`sign-in of ${username} answered ${answer.status}: ${answer.body.slice(0, 300)}`)
  const login = JSON.parse(answer.body) as { csrfToken: string; user: { id: string } }
  return {
    username,
    role,
    userId: login.user.id,
    cookie: answer.cookie,
    csrfToken: login.csrfToken,
    caseIds: [],
    words: [],
    step: 0,
  }
}

// Berlin days of the dashboard's periods: the last twelve months up to yesterday, whatever the hour.
function berlinDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('sv-SE', {
    timeZone: 'Europe/Berlin',
  })
}
const metrics = ['contacts', 'cases-active', 'cases-new', 'persons-counselled'] as const
const dimensions = ['month', 'municipality', 'domain', 'team'] as const

function figuresPath(step: number): string {
  const metric = metrics[step % metrics.length]
  const by = dimensions[Math.floor(step / metrics.length) % dimensions.length]
  return `/api/figures?metric=${metric}&from=${berlinDay(-365)}&to=${berlinDay(-1)}&by=${by}`
}

const pick = <T>(values: readonly T[], step: number): T | undefined =>
  values.length === 0 ? undefined : values[step % values.length]

/**
 * The next request of a session's script. Case managers (most sessions) work their cases; the
 * coordinator looks at lists and figures and now and then freezes an evaluation; the report
 * reader reads figures and evaluations.
 */
function nextRequest(session: Session): Request {
  const step = session.step++
  const caseId = pick(session.caseIds, step * 7)
  const word = pick(session.words, step * 3)
  if (session.role === 'case_manager') {
    switch (step % 10) {
      case 0:
        return {
          kind: 'case-list',
          method: 'GET',
          path: `/api/cases?phase=open&managerId=${session.userId}&limit=50`,
        }
      case 1:
      case 5:
        return caseId
          ? { kind: 'case-detail', method: 'GET', path: `/api/cases/${caseId}` }
          : { kind: 'tasks', method: 'GET', path: '/api/tasks' }
      case 2:
      case 6:
        return caseId
          ? { kind: 'contacts', method: 'GET', path: `/api/cases/${caseId}/contacts` }
          : { kind: 'tasks', method: 'GET', path: '/api/tasks' }
      case 3:
        return word
          ? { kind: 'case-search', method: 'GET', path: `/api/cases?q=${encodeURIComponent(word)}&limit=50` }
          : { kind: 'case-list', method: 'GET', path: '/api/cases?limit=50' }
      case 4:
        return { kind: 'tasks', method: 'GET', path: '/api/tasks' }
      case 7:
        return caseId && step % 20 === 7
          ? {
              kind: 'contact-add',
              method: 'POST',
              path: `/api/cases/${caseId}/contacts`,
              body: {
                occurredAt: new Date(Date.now() - 10 * 60_000).toISOString(),
                durationMinutes: 30,
                channel: 'in-person',
                language: 'de',
                domains: ['language'],
                note: 'Lasttest: Beratung zum Sprachkurs',
              },
            }
          : { kind: 'case-list', method: 'GET', path: '/api/cases?phase=open&sort=last-contact&limit=50' }
      case 8:
        return { kind: 'case-list', method: 'GET', path: '/api/cases?overdueTasks=true&limit=50' }
      default:
        return { kind: 'figures', method: 'GET', path: figuresPath(step) }
    }
  }
  if (session.role === 'coordinator') {
    // Coordination does no case work (no case list): figures, goal agreements, evaluations.
    switch (step % 6) {
      case 0:
        return { kind: 'goal-agreements', method: 'GET', path: '/api/goal-agreements' }
      case 4:
        return step % 60 === 4
          ? {
              kind: 'evaluation-add',
              method: 'POST',
              path: '/api/evaluations',
              body: { name: `Lasttest ${step}`, from: berlinDay(-90), to: berlinDay(-1) },
            }
          : { kind: 'evaluations', method: 'GET', path: '/api/evaluations' }
      default:
        return { kind: 'figures', method: 'GET', path: figuresPath(step) }
    }
  }
  return step % 4 === 3
    ? { kind: 'evaluations', method: 'GET', path: '/api/evaluations' }
    : { kind: 'figures', method: 'GET', path: figuresPath(step) }
}

/** Keeps what a list answered (open case ids, family names) for the session's next steps. */
function remember(session: Session, request: Request, body: string): void {
  if (request.kind !== 'case-list' || !request.path.includes('phase=open')) return
  const page = JSON.parse(body) as { items: { id: string; persons: { familyName: string }[] }[] }
  if (page.items.length === 0) return
  session.caseIds = page.items.slice(0, 20).map((item) => item.id)
  const names = page.items.flatMap((item) => item.persons.map((person) => person.familyName))
  session.words = [...new Set(names.filter((name) => name.length >= 3))].slice(0, 20)
}

async function exchange(base: URL, session: Session, request: Request, scheduled: number): Promise<Sample> {
  try {
    const answer = await send(base, session, request)
    const ms = performance.now() - scheduled
    const ok = answer.status >= 200 && answer.status < 300
    if (ok) remember(session, request, answer.body)
    else if (failures++ < 5)
      console.error(
        `  ${request.method} ${request.path} answered ${answer.status}: ${answer.body.slice(0, 300)}`,
      )
    return { kind: request.kind, ms, ok, status: answer.status }
  } catch (error) {
    if (failures++ < 5)
      console.error(`  ${request.method} ${request.path} failed: ${(error as Error).message}`)
    return { kind: request.kind, ms: performance.now() - scheduled, ok: false, status: 0 }
  }
}
let failures = 0

type Script = (session: Session) => Request
const healthScript: Script = () => ({ kind: 'health', method: 'GET', path: '/api/health' })

/** N sessions, each sending its next request as soon as the last one answered (think time 0). */
async function closedLoop(base: URL, sessions: Session[], seconds: number, script: Script) {
  const samples: Sample[] = []
  const started = performance.now()
  const end = started + seconds * 1000
  await Promise.all(
    sessions.map(async (session) => {
      while (performance.now() < end) {
        const request = script(session)
        samples.push(await exchange(base, session, request, performance.now()))
      }
    }),
  )
  return { samples, seconds: (performance.now() - started) / 1000 }
}

/**
 * Requests arrive at a fixed rate, each from the next session in turn, whether or not earlier
 * ones have answered; a latency counts from the moment the request was due, so a server that
 * falls behind shows it (no coordinated omission).
 */
async function openLoop(base: URL, sessions: Session[], seconds: number, rate: number, script: Script) {
  const pending: Promise<Sample>[] = []
  const started = performance.now()
  const total = Math.floor(seconds * rate)
  for (let index = 0; index < total; index++) {
    const due = started + (index * 1000) / rate
    const wait = due - performance.now()
    if (wait > 1) await sleep(wait)
    const session = sessions[index % sessions.length] as Session
    pending.push(exchange(base, session, script(session), due))
  }
  const samples = await Promise.all(pending)
  return { samples, seconds: (performance.now() - started) / 1000 }
}

type Figures = {
  throughput: number
  errors: number
  overall: number[]
  byKind: Map<Kind, number[]>
}

function figuresOf(run: { samples: Sample[]; seconds: number }): Figures {
  const byKind = new Map<Kind, number[]>()
  for (const sample of run.samples) {
    if (!sample.ok) continue
    byKind.set(sample.kind, [...(byKind.get(sample.kind) ?? []), sample.ms])
  }
  const overall = run.samples.filter((sample) => sample.ok).map((sample) => sample.ms)
  for (const list of [overall, ...byKind.values()]) list.sort((a, b) => a - b)
  return {
    throughput: overall.length / run.seconds,
    errors: run.samples.length - overall.length,
    overall,
    byKind,
  }
}

const p = (sorted: number[], q: number) => (sorted.length === 0 ? Number.NaN : percentile(sorted, q))

// The users the sessions sign in as: case managers mostly, one coordinator, one report reader.
type Cast = { username: string; role: Role }[]

function castFor(sessions: number, caseManagers: string[], coordinator: string, reader: string): Cast {
  const cast: Cast = [
    { username: coordinator, role: 'coordinator' },
    { username: reader, role: 'report_reader' },
  ]
  for (let index = 0; cast.length < sessions; index++)
    cast.push({ username: caseManagers[index % caseManagers.length] as string, role: 'case_manager' })
  return cast
}

type Dataset = {
  label: string
  /** Prepares a data folder for one server (a copy, so both servers start from the same data). */
  prepare(dataDir: string): Promise<void>
  serveArgs: string[]
  cast: Cast
}

const demoDataset = (): Dataset => ({
  label: 'the demo data of `serve --demo`',
  prepare: async () => {},
  serveArgs: ['--demo'],
  cast: castFor(sessionsWanted, ['fallmanagement', 'fallmanagement.sued'], 'koordination', 'bericht'),
})

type Kept = { target: string; districtId: string }

/** A kept district-scale PGlite folder; its users get the bench password, then it is copied per server. */
async function districtDataset(file: string): Promise<Dataset> {
  const kept = JSON.parse(readFileSync(file, 'utf8')) as Kept
  const database = await openDatabase({ kind: 'pglite', dataDir: kept.target })
  const passwordHash = await hashPassword(password)
  const users = await sql<{ username: string; role: string }>`
    SELECT username, roles[1] AS role FROM app_user WHERE district_id = ${kept.districtId}
      AND roles[1] IN ('case_manager', 'coordinator', 'report_reader') ORDER BY username`.execute(
    database.ownerDb,
  )
  await sql`UPDATE app_user SET password_hash = ${passwordHash} WHERE district_id = ${kept.districtId}`.execute(
    database.ownerDb,
  )
  await database.close()
  const of = (role: string) => users.rows.filter((user) => user.role === role).map((user) => user.username)
  return {
    label: `a district-scale folder (\`generateCasework\`, ${path.basename(kept.target)})`,
    prepare: async (dataDir) => cpSync(kept.target, path.join(dataDir, 'pglite'), { recursive: true }),
    serveArgs: [],
    cast: castFor(
      sessionsWanted,
      of('case_manager'),
      of('coordinator')[0] as string,
      of('report_reader')[0] as string,
    ),
  }
}

type Target = {
  label: string
  root: string
  server?: ServerProcess
  dir?: string
  base?: URL
  sessions?: Session[]
}

async function start(target: Target, dataset: Dataset): Promise<void> {
  target.dir = tempDir('mixed-load')
  await dataset.prepare(target.dir)
  target.server = await spawnServer(
    [path.join(target.root, 'bin/lotse.js'), 'serve', ...dataset.serveArgs],
    lotseEnv(target.dir, {
      LOTSE_DEMO_PASSWORD: password,
      LOTSE_ENCRYPTION_KEY: testEncryptionKey,
      // 50 sessions share a handful of users; the default cap of 5 would end the older ones.
      LOTSE_SESSION_MAX_PER_USER: '100',
    }),
    600_000,
  )
  target.base = new URL(target.server.url)
  const sessions: Session[] = []
  for (const member of dataset.cast) sessions.push(await signIn(target.base, member.username, member.role))
  target.sessions = sessions
  // Every session lists its cases once, so that the scripts have cases and words from the start.
  for (const session of sessions) {
    if (session.role !== 'case_manager') continue
    const request: Request = {
      kind: 'case-list',
      method: 'GET',
      path: `/api/cases?phase=open&managerId=${session.userId}&limit=50`,
    }
    const sample = await exchange(target.base, session, request, performance.now())
    if (!sample.ok) throw new Error(`the first case list of ${session.username} answered ${sample.status}`)
  }
}

async function stop(target: Target): Promise<void> {
  await stopServer(target.server)
  if (target.dir) removeDir(target.dir)
}

function kindTable(label: string, figures: Figures, baseline: Figures): string {
  const rows = kinds.flatMap((kind) => {
    const mine = figures.byKind.get(kind)
    const theirs = baseline.byKind.get(kind)
    if (!mine && !theirs) return []
    const cell = (list: number[] | undefined) =>
      list
        ? `${list.length} · ${p(list, 50).toFixed(0)} / ${p(list, 95).toFixed(0)} / ${p(list, 99).toFixed(0)}`
        : '—'
    return [[kind, cell(mine), cell(theirs)]]
  })
  rows.push([
    'all',
    `${figures.overall.length} · ${p(figures.overall, 50).toFixed(0)} / ${p(figures.overall, 95).toFixed(0)} / ${p(figures.overall, 99).toFixed(0)}`,
    `${baseline.overall.length} · ${p(baseline.overall, 50).toFixed(0)} / ${p(baseline.overall, 95).toFixed(0)} / ${p(baseline.overall, 99).toFixed(0)}`,
  ])
  return `${label}\n\n${markdownTable(['request', 'n · p50 / p95 / p99 ms', 'baseline n · p50 / p95 / p99 ms'], rows, [false, true, true])}`
}

export async function runMixedLoadBenchmark(): Promise<BenchmarkResult | null> {
  const started = performance.now()
  const dataFile = process.env.LOTSE_BENCH_MIXED_DATA
  const baselineRoot = process.env.LOTSE_BENCH_MIXED_BASELINE
  if (dataFile && !existsSync(dataFile))
    throw new Error(`LOTSE_BENCH_MIXED_DATA names ${dataFile}, which does not exist`)
  const dataset = dataFile ? await districtDataset(dataFile) : demoDataset()
  const load = [os.loadavg()]
  const current: Target = { label: 'this code', root: projectRoot }
  const earlier: Target | undefined = baselineRoot
    ? { label: 'baseline code', root: baselineRoot }
    : undefined
  const scriptOf = (target: Target): Script =>
    target === current || target === earlier ? nextRequest : healthScript
  failures = 0
  try {
    console.log(`mixed-load: ${dataset.cast.length} sessions on ${dataset.label}`)
    await start(current, dataset)
    if (earlier) await start(earlier, dataset)
    const targets = earlier ? [current, earlier] : [current]
    const closed = new Map<Target, Figures[]>(targets.map((target) => [target, []]))
    const open = new Map<Target, Figures[]>(targets.map((target) => [target, []]))
    const health: Figures[] = []
    const healthOpen: Figures[] = []
    for (const target of targets) {
      console.log(`  warm-up ${target.label}: ${warmupSeconds} s closed-loop`)
      await closedLoop(target.base as URL, target.sessions as Session[], warmupSeconds, nextRequest)
    }
    let rate = Number(process.env.LOTSE_BENCH_MIXED_RATE ?? 0)
    for (let round = 1; round <= rounds; round++) {
      // Alternate the order so that drift of the machine hits both alike.
      const order = round % 2 === 1 ? targets : [...targets].reverse()
      for (const target of order) {
        const figures = figuresOf(
          await closedLoop(target.base as URL, target.sessions as Session[], roundSeconds, scriptOf(target)),
        )
        closed.get(target)?.push(figures)
        console.log(
          `  round ${round} closed ${target.label}: ${figures.throughput.toFixed(0)} req/s, p50 ${p(figures.overall, 50).toFixed(0)} ms, p95 ${p(figures.overall, 95).toFixed(0)} ms, p99 ${p(figures.overall, 99).toFixed(0)} ms, errors ${figures.errors}`,
        )
        if (!earlier) {
          const floor = figuresOf(
            await closedLoop(target.base as URL, target.sessions as Session[], roundSeconds, healthScript),
          )
          health.push(floor)
        }
      }
      if (rate === 0) {
        // The open loop runs at a rate every target can carry: 60 % of the slowest closed-loop throughput.
        const slowest = Math.min(...targets.map((target) => closed.get(target)?.[0]?.throughput ?? 1))
        rate = Math.max(5, Math.round(slowest * 0.6))
      }
      for (const target of order) {
        const figures = figuresOf(
          await openLoop(target.base as URL, target.sessions as Session[], roundSeconds, rate, nextRequest),
        )
        open.get(target)?.push(figures)
        console.log(
          `  round ${round} open ${rate}/s ${target.label}: ${figures.throughput.toFixed(0)} req/s, p50 ${p(figures.overall, 50).toFixed(0)} ms, p95 ${p(figures.overall, 95).toFixed(0)} ms, p99 ${p(figures.overall, 99).toFixed(0)} ms, errors ${figures.errors}`,
        )
        if (!earlier)
          healthOpen.push(
            figuresOf(
              await openLoop(
                target.base as URL,
                target.sessions as Session[],
                roundSeconds,
                rate,
                healthScript,
              ),
            ),
          )
      }
      load.push(os.loadavg())
    }
    const mine = { closed: closed.get(current) as Figures[], open: open.get(current) as Figures[] }
    const theirs = earlier
      ? { closed: closed.get(earlier) as Figures[], open: open.get(earlier) as Figures[] }
      : { closed: health, open: healthOpen }
    // A round without a request of some kind (a saturated server) has no percentile for it.
    const finite = (list: Figures[], f: (figures: Figures) => number) => list.map(f).filter(Number.isFinite)
    const stat = (list: Figures[], f: (figures: Figures) => number) => summarize(finite(list, f))
    const rows = (
      [
        ['closed-loop', 'closed'],
        ['open-loop', 'open'],
      ] as const
    ).flatMap(([label, key]) => [
      {
        label: `${label} throughput`,
        unit: 'requests/s',
        higherIsBetter: true,
        f: (x: Figures) => x.throughput,
        key,
      },
      { label: `${label} p50, all requests`, unit: 'ms', f: (x: Figures) => p(x.overall, 50), key },
      { label: `${label} p95, all requests`, unit: 'ms', f: (x: Figures) => p(x.overall, 95), key },
      { label: `${label} p99, all requests`, unit: 'ms', f: (x: Figures) => p(x.overall, 99), key },
      ...(earlier
        ? [
            {
              label: `${label} p99, case list`,
              unit: 'ms',
              f: (x: Figures) => p(x.byKind.get('case-list') ?? [], 99),
              key,
            },
          ]
        : []),
      { label: `${label} errors`, unit: 'count', f: (x: Figures) => x.errors, key },
    ])
    const merged = (list: Figures[]): Figures => {
      const byKind = new Map<Kind, number[]>()
      for (const figures of list)
        for (const [kind, values] of figures.byKind)
          byKind.set(kind, [...(byKind.get(kind) ?? []), ...values])
      for (const values of byKind.values()) values.sort((a, b) => a - b)
      return {
        throughput: 0,
        errors: list.reduce((sum, figures) => sum + figures.errors, 0),
        overall: list.flatMap((figures) => figures.overall).sort((a, b) => a - b),
        byKind,
      }
    }
    const errors = [...mine.closed, ...mine.open].reduce((sum, figures) => sum + figures.errors, 0)
    return {
      name: 'mixed-load',
      title: `Mixed load: ${dataset.cast.length} sessions over HTTP, closed- and open-loop`,
      description: [
        `Machine: ${machineDescription()}. One \`lotse serve\` on PGlite with ${dataset.label}` +
          `${earlier ? `, and beside it the baseline code (${path.basename(earlier.root)}) on a copy of the same data` : ''}; ` +
          `the load generator runs in the bench process on the same machine. ${dataset.cast.length} sessions sign in ` +
          `(${dataset.cast.filter((m) => m.role === 'case_manager').length} as case managers, one coordinator, one report reader) and each runs a script: ` +
          'case managers list their open cases, open a case and its contacts, search a family name seen in a list, list tasks and overdue cases, ' +
          'look at a dashboard figure and add a contact every 20th step; the coordinator lists and searches cases, reads figures and evaluations ' +
          'and freezes an evaluation every 60th step; the report reader reads figures and evaluations. ' +
          `**Closed loop:** every session sends its next request as soon as the last one answered (think time 0), ${roundSeconds} s per round. ` +
          `**Open loop:** requests are due at a fixed rate (${rate}/s, from the sessions in turn) whether or not earlier ones answered; each latency counts from when the request was due, so a server that falls behind cannot hide it. ` +
          `${rounds} rounds of each after a ${warmupSeconds} s warm-up, alternating the servers. Each figure is the median (and p95) over the rounds; ` +
          `the tables below pool all rounds. Load average (1 min) at the start and after each round: ${load.map((l) => (l[0] as number).toFixed(1)).join(', ')}.`,
        kindTable('Closed loop, all rounds pooled:', merged(mine.closed), merged(theirs.closed)),
        kindTable(`Open loop at ${rate}/s, all rounds pooled:`, merged(mine.open), merged(theirs.open)),
      ].join('\n\n'),
      baselineLabel: earlier ? 'baseline code' : 'GET /api/health',
      rows: rows
        .filter((row) => finite(mine[row.key], row.f).length > 0 && finite(theirs[row.key], row.f).length > 0)
        .map((row) => ({
          label: row.label,
          unit: row.unit,
          higherIsBetter: 'higherIsBetter' in row,
          value: stat(mine[row.key], row.f),
          baseline: stat(theirs[row.key], row.f),
        })),
      notes: [
        `Errors of this code: ${errors} (non-2xx answers and failed exchanges, all rounds).`,
        ...(earlier
          ? []
          : [
              'The baseline is GET /api/health by the same sessions under the same loop: the floor of serving any request here.',
            ]),
      ],
      measuredAt: new Date(),
      durationMs: performance.now() - started,
    }
  } finally {
    await stop(current)
    if (earlier) await stop(earlier)
  }
}
