import { createHash } from 'node:crypto'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { sql } from 'kysely'
import { problemSchema } from '../../../common/problem.ts'
import { buildApp } from '../../app.ts'
import type { Database } from '../../db/database.ts'
import { seedDemo } from '../../db/seed/demo.ts'
import { loadConfig } from '../../platform/config.ts'
import { installTestKeyring } from '../encryption-key.ts'
import { type ActorName, actorNames, type FuzzInput } from './arbitraries.ts'
import { type OpenApiDocument, type Operation, operationsOf, resolver } from './openapi.ts'

/**
 * The fuzzer's target: the whole app on a database with the demo districts and users, plus a
 * small set of records in each district for the generated requests to aim at, and the checks
 * run after every request.
 */

const password = 'correct horse battery staple'
/**
 * The harness signs in from here; every generated request comes from another address, so that
 * the failed sign-ins among them (anonymous or not) never throttle the harness's own sign-ins.
 */
const harnessAddress = '127.0.0.1'

type Session = { cookie: string; csrfToken: string; userId: string; districtId: string }
type Objects = Record<string, string>

/**
 * Tables left out of the fingerprint, and why a refused request may change them:
 * - audit_event: refusals are audited on purpose (denied access, failed sign-ins).
 * - login_throttle: a failed sign-in (401) counts against the account and the address.
 * Columns left out: session.last_seen_at and session.idle_expires_at, which every request of a
 * signed-in user moves forward, refused or not. Every other column of session is compared, so
 * a refused request that opened or ended a session is caught.
 */
export const fingerprintExclusions = {
  tables: ['audit_event', 'login_throttle'],
  columns: { session: ['last_seen_at', 'idle_expires_at'] } as Record<string, string[]>,
}

export type Response = {
  status: number
  contentType: string
  body: string
  requestId: string
}

export type ErrorLog = { type?: string; code?: string; message?: string; stack?: string }

export type Finding = {
  index: number
  input: FuzzInput
  response: Response
  /** What broke: a 5xx, a 4xx that is not problem+json, rows changed by a refusal, health. */
  violations: string[]
  /** The error behind a 5xx, as the server logged it (class and code, never values). */
  errors: ErrorLog[]
}

export type RouteFigures = { inputs: number; byClass: Record<string, number>; broken: number }

export type FuzzTarget = {
  app: FastifyInstance
  operations: Operation[]
  resolve: ReturnType<typeof resolver>
  run(input: FuzzInput, index: number): Promise<Finding | null>
  figures: Map<string, RouteFigures>
  /** Inputs per actor, and how many of them were answered 2xx. */
  actorFigures: Map<ActorName, { inputs: number; succeeded: number }>
  fingerprintMs: number[]
  sendMs: number[]
  close(): Promise<void>
}

const statusClass = (status: number) => `${Math.floor(status / 100)}xx`

export type FingerprintMode = 'triggers' | 'hash'

export async function createFuzzTarget(
  database: Database,
  fingerprintMode: FingerprintMode = 'triggers',
): Promise<FuzzTarget> {
  const errorLines = new Map<string, ErrorLog[]>()
  installTestKeyring()
  const app = await buildApp(
    {
      config: loadConfig({ LOTSE_LOG_LEVEL: 'error', NODE_ENV: 'test' }, process.cwd()),
      database,
      version: '0.0.0-fuzz',
    },
    {
      serveWeb: false,
      logWrite: (line) => {
        try {
          const record = JSON.parse(line) as { reqId?: string; err?: ErrorLog; msg?: string }
          if (!record.reqId) return
          const list = errorLines.get(record.reqId) ?? []
          list.push({ ...record.err, message: record.msg })
          errorLines.set(record.reqId, list)
        } catch {
          // not a JSON line: nothing to attribute
        }
      },
    },
  )
  await app.ready()
  await seedDemo(database, { password, caseWork: false })

  const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as OpenApiDocument
  const operations = operationsOf(document)
  const resolve = resolver(document)

  const login = async (username: string): Promise<Session> => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
      remoteAddress: harnessAddress,
    })
    if (response.statusCode !== 200)
      throw new Error(`fuzz harness: login of ${username} failed: ${response.body}`)
    const body = response.json()
    return {
      cookie: response.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
      csrfToken: body.csrfToken,
      userId: body.user.id,
      districtId: body.user.districtId,
    }
  }
  const as = (session: Session, options: InjectOptions) =>
    app.inject({
      ...options,
      remoteAddress: harnessAddress,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, ...(options.headers ?? {}) },
    } as InjectOptions)
  const created = async (
    session: Session,
    url: string,
    payload: object,
  ): Promise<Record<string, unknown>> => {
    const response = await as(session, { method: 'POST', url, payload })
    if (response.statusCode !== 201)
      throw new Error(`fuzz harness: POST ${url} → ${response.statusCode} ${response.body}`)
    return response.json()
  }
  const publicSessionId = (session: Session) =>
    createHash('sha256')
      .update(session.cookie.slice(session.cookie.indexOf('=') + 1))
      .digest('hex')
      .slice(0, 16)

  // Records for the generated requests to aim at, in each district, made through the API.
  const admin = await login('admin')
  const lindenauAdmin = await login('admin.lindenau')
  const makeUser = async (session: Session, username: string) =>
    (
      await created(session, '/api/users', {
        username,
        displayName: 'Fuzz Ziel',
        roles: ['case_manager'],
        password,
      })
    ).id as string
  const ownTarget = await makeUser(admin, 'fuzz.target')
  const foreignTarget = await makeUser(lindenauAdmin, 'fuzz.target.lindenau')
  await makeUser(lindenauAdmin, 'fuzz.lindenau')
  const caseWork = async (session: Session, teamId: string | null) => {
    const municipality = await database.db
      .selectFrom('municipality')
      .select('id')
      .where('district_id', '=', session.districtId)
      .orderBy('code')
      .executeTakeFirstOrThrow()
    const person = await created(session, '/api/persons', {
      familyName: 'Fuzzperson',
      givenNames: 'Erika',
      birthDate: '1980',
      sex: 'female',
      municipalityId: municipality.id,
    })
    const kase = await created(session, '/api/cases', {
      personIds: [person.id],
      municipalityId: municipality.id,
    })
    const caseUrl = `/api/cases/${kase.id}`
    const goal = (
      (await created(session, `${caseUrl}/goals`, { domain: 'language', statement: 'Fuzz-Ziel' })).goals as {
        id: string
      }[]
    )[0]
    const measure = (
      (await created(session, `${caseUrl}/measures`, { description: 'Fuzz-Maßnahme', owner: 'client' }))
        .measures as {
        id: string
      }[]
    )[0]
    const task = await created(session, '/api/tasks', {
      title: 'Fuzz-Aufgabe',
      dueOn: '2024-06-01',
      caseId: kase.id,
    })
    const upload = multipart('Fuzz.pdf', 'valid')
    const uploaded = await as(session, {
      method: 'POST',
      url: `${caseUrl}/documents`,
      payload: upload.payload,
      headers: { 'content-type': upload.contentType },
    })
    if (uploaded.statusCode !== 201) throw new Error(`fuzz harness: upload → ${uploaded.body}`)
    const view = await created(session, '/api/case-views', {
      name: 'Fuzz-Ansicht',
      filters: { phase: 'open' },
    })
    return {
      municipality: municipality.id,
      case: kase.id as string,
      person: person.id as string,
      goal: goal?.id as string,
      measure: measure?.id as string,
      task: task.id as string,
      document: (uploaded.json() as { id: string }[])[0]?.id as string,
      view: view.id as string,
      manager: session.userId,
      team: teamId ?? '',
    }
  }
  const teamNord = await database.db
    .selectFrom('team')
    .select('id')
    .where('district_id', '=', admin.districtId)
    .where('name', '=', 'Team Nord')
    .executeTakeFirstOrThrow()
  const sessions = new Map<ActorName, Session>()
  for (const actor of actorNames) if (actor !== 'anonymous') sessions.set(actor, await login(actor))
  const ownCaseWork = await caseWork(sessions.get('fallmanagement') as Session, teamNord.id)
  const foreignCaseWork = await caseWork(sessions.get('fuzz.lindenau') as Session, null)
  const objects: Record<'A' | 'B', Objects> = {
    A: {
      district: admin.districtId,
      districtCode: '05382',
      user: ownTarget,
      session: publicSessionId(await login('fuzz.target')),
      organisation: (await created(admin, '/api/organisations', { name: 'Fuzz Träger', kind: 'kommune' }))
        .id as string,
      ...ownCaseWork,
      // Path parameter teamId names the team to rename; the case's team stays for bodies.
      team: teamNord.id,
      teamTarget: (await created(admin, '/api/teams', { name: 'Fuzz Zielteam' })).id as string,
    },
    B: {
      district: lindenauAdmin.districtId,
      districtCode: '99101',
      user: foreignTarget,
      session: publicSessionId(await login('fuzz.target.lindenau')),
      organisation: (
        await created(lindenauAdmin, '/api/organisations', { name: 'Fuzz Fremd', kind: 'kommune' })
      ).id as string,
      ...foreignCaseWork,
      team: (await created(lindenauAdmin, '/api/teams', { name: 'Fuzz Fremdteam' })).id as string,
    },
  }
  objects.B.teamTarget = objects.B.team as string

  const districtOf = (actor: ActorName): 'A' | 'B' =>
    actor === 'admin.lindenau' || actor === 'fuzz.lindenau' ? 'B' : 'A'
  const fill = (text: string, actor: ActorName, operation: Operation) => {
    const own = districtOf(actor)
    const other = own === 'A' ? 'B' : 'A'
    return text.replace(/@@(own|other)\.([A-Za-z]+)@@/g, (_match, which: string, kind: string) => {
      const set = objects[which === 'own' ? own : other]
      // The team in a path is the one to rename; in a body, the case's team.
      const key = kind === 'team' && operation.path.startsWith('/api/teams/') ? 'teamTarget' : kind
      return set[key] || '00000000-0000-0000-0000-000000000000'
    })
  }

  // ------------------------------------------------------------------------------------------
  // Fingerprint of every table

  const tables = (
    await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(
      database.ownerDb,
    )
  ).rows.map((row) => row.table_name)
  const columns = (
    await sql<{ table_name: string; column_name: string }>`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`.execute(database.ownerDb)
  ).rows
  const compared = tables.filter((table) => !fingerprintExclusions.tables.includes(table))
  const keptColumns = (table: string) =>
    columns
      .filter(
        (c) =>
          c.table_name === table && !(fingerprintExclusions.columns[table] ?? []).includes(c.column_name),
      )
      .map((c) => `"${c.column_name}"`)
  const fingerprintMs: number[] = []
  const sendMs: number[] = []
  let fingerprint: () => Promise<Map<string, string>>
  const timed = async <T>(work: () => Promise<T>): Promise<T> => {
    const started = performance.now()
    const result = await work()
    fingerprintMs.push(performance.now() - started)
    return result
  }
  if (fingerprintMode === 'hash') {
    // A count and an order-independent sum of 64-bit row hashes per table, in one statement.
    const fingerprintSql = compared
      .map(
        (table) =>
          `SELECT '${table}' AS t, count(*)::int AS n, coalesce(sum(hashtextextended(r::text, 0)::numeric), 0)::text AS h FROM (SELECT ${keptColumns(table).join(', ')} FROM "${table}") r`,
      )
      .join('\nUNION ALL\n')
    fingerprint = () =>
      timed(async () => {
        const rows = (
          await sql<{ t: string; n: number; h: string }>`${sql.raw(fingerprintSql)}`.execute(database.ownerDb)
        ).rows
        return new Map(rows.map((row) => [row.t, `${row.n}:${row.h}`]))
      })
  } else {
    // Row-level triggers, in the fuzzer's database only, count every row inserted, deleted or
    // updated to other values, per table, inside the request's own transaction: a rolled-back
    // write counts nothing, a committed one is seen without reading the tables.
    await sql
      .raw(`
      CREATE TABLE fuzz_row_change (table_name text PRIMARY KEY, changes bigint NOT NULL);
      CREATE FUNCTION fuzz_count_row_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
      SET search_path = public AS $$
      BEGIN
        INSERT INTO fuzz_row_change VALUES (TG_TABLE_NAME, 1)
        ON CONFLICT (table_name) DO UPDATE SET changes = fuzz_row_change.changes + 1;
        RETURN NULL;
      END $$;
    `)
      .execute(database.ownerDb)
    for (const table of compared) {
      const kept = keptColumns(table)
      const old = kept.map((column) => `OLD.${column}`).join(', ')
      const fresh = kept.map((column) => `NEW.${column}`).join(', ')
      await sql
        .raw(`
        CREATE TRIGGER fuzz_count_insert_delete AFTER INSERT OR DELETE ON "${table}"
          FOR EACH ROW EXECUTE FUNCTION fuzz_count_row_change();
        CREATE TRIGGER fuzz_count_update AFTER UPDATE ON "${table}"
          FOR EACH ROW WHEN (ROW(${old}) IS DISTINCT FROM ROW(${fresh})) EXECUTE FUNCTION fuzz_count_row_change();
      `)
        .execute(database.ownerDb)
    }
    fingerprint = () =>
      timed(async () => {
        const rows = (
          await sql<{
            table_name: string
            changes: string
          }>`SELECT table_name, changes::text FROM fuzz_row_change`.execute(database.ownerDb)
        ).rows
        return new Map(rows.map((row) => [row.table_name, row.changes]))
      })
  }
  const changedTables = (before: Map<string, string>, after: Map<string, string>) =>
    [...after].filter(([table, value]) => before.get(table) !== value).map(([table]) => table)

  // ------------------------------------------------------------------------------------------
  // Sending one input

  const versionTables: Record<string, string> = {
    userId: 'app_user',
    teamId: 'team',
    organisationId: 'organisation',
    personId: 'person',
    caseId: 'client_case',
    goalId: 'goal',
    measureId: 'measure',
    taskId: 'task',
  }
  const districtVersionTables: Record<string, string> = {
    '/api/identity-policy': 'identity_policy',
    '/api/identity-policy/sso': 'sso_provider',
    '/api/case-work-settings': 'case_work_setting',
    '/api/reporting-settings': 'reporting_setting',
  }
  const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
  const currentVersion = async (operation: Operation, url: string, actor: ActorName): Promise<number> => {
    const names = operation.pathParams.map((p) => p.name)
    const last = [...names].reverse().find((name) => versionTables[name])
    let table: string | undefined
    let column = 'id'
    let id: string | undefined
    if (last) {
      table = versionTables[last]
      const segments = operation.path.split('/')
      const index = segments.indexOf(`{${last}}`)
      id = url.split('?')[0]?.split('/')[index]
    } else if (districtVersionTables[operation.path]) {
      table = districtVersionTables[operation.path]
      column = 'district_id'
      id = objects[districtOf(actor)].district
    }
    if (!table || !id || !uuidPattern.test(id)) return 1
    const row = (
      await sql<{
        version: number
      }>`SELECT version FROM ${sql.table(table)} WHERE ${sql.ref(column)} = ${id}`.execute(database.ownerDb)
    ).rows[0]
    return row?.version ?? 1
  }

  let nextAddress = 0 // rotates through 10.0.0.0/16
  const send = async (input: FuzzInput, operation: Operation): Promise<LightMyRequestResponse> => {
    const url = fill(input.url, input.actor, operation)
    const headers: Record<string, string> = {}
    const session = input.actor === 'anonymous' ? undefined : sessions.get(input.actor)
    if (session) {
      headers.cookie = session.cookie
      if (input.csrf === 'valid') headers['x-csrf-token'] = session.csrfToken
      if (input.csrf === 'wrong') headers['x-csrf-token'] = `${session.csrfToken.slice(0, -1)}x`
    }
    if (input.ifMatch.kind === 'raw') headers['if-match'] = input.ifMatch.value
    else if (input.ifMatch.kind !== 'absent') {
      const version = await currentVersion(operation, url, input.actor)
      headers['if-match'] =
        `"${input.ifMatch.kind === 'current' ? version : version > 1 ? version - 1 : version + 1}"`
    }
    let payload: string | Buffer | undefined
    const body = input.body
    if (body.kind === 'text') {
      payload = fill(body.text, input.actor, operation)
      if (body.contentType) headers['content-type'] = body.contentType
    } else if (body.kind === 'bytes') {
      payload = Buffer.from(body.hex, 'hex')
      if (body.contentType) headers['content-type'] = body.contentType
    } else if (body.kind === 'multipart') {
      const encoded = multipart(body.fileName, body.variant)
      payload = encoded.payload
      headers['content-type'] = encoded.contentType
    }
    nextAddress = (nextAddress + 1) % 60_000
    return app.inject({
      method: operation.method,
      url,
      headers,
      ...(payload !== undefined ? { payload } : {}),
      remoteAddress: `10.${(nextAddress >> 16) & 255}.${(nextAddress >> 8) & 255}.${nextAddress & 255}`,
    })
  }

  /** Signs an actor in again when a generated request ended its session (sign-out, session list). */
  const repairSession = async (actor: ActorName): Promise<boolean> => {
    const session = sessions.get(actor)
    if (!session) return false
    const check = await as(session, { method: 'GET', url: '/api/auth/session' })
    if (check.statusCode === 200) return false
    sessions.set(actor, await login(actor))
    return true
  }

  const figures = new Map<string, RouteFigures>()
  const actorFigures = new Map<ActorName, { inputs: number; succeeded: number }>()
  let baseline = await fingerprint()

  const run = async (input: FuzzInput, index: number): Promise<Finding | null> => {
    const operation = operations.find((each) => each.key === input.operation)
    if (!operation) throw new Error(`fuzz harness: no operation ${input.operation}`)
    const sendStarted = performance.now()
    const raw = await send(input, operation)
    sendMs.push(performance.now() - sendStarted)
    const response: Response = {
      status: raw.statusCode,
      contentType: String(raw.headers['content-type'] ?? ''),
      body: raw.body,
      requestId: String(raw.headers['x-request-id'] ?? ''),
    }
    const violations: string[] = []
    if (response.status >= 500) violations.push(`server error ${response.status}`)
    if (response.status >= 400 && response.status < 500) {
      if (!response.contentType.startsWith('application/problem+json'))
        violations.push(
          `${response.status} is ${response.contentType || 'without content type'}, not problem+json`,
        )
      else {
        let parsed: unknown
        try {
          parsed = JSON.parse(response.body)
        } catch {
          violations.push(`${response.status} problem+json does not parse`)
        }
        if (parsed !== undefined) {
          const problem = problemSchema.safeParse(parsed)
          if (!problem.success) violations.push(`${response.status} problem+json lacks the problem shape`)
          else if (problem.data.status !== response.status)
            violations.push(`problem status ${problem.data.status} differs from ${response.status}`)
        }
      }
    }
    let after = await fingerprint()
    if (response.status >= 400 && response.status < 500) {
      const changed = changedTables(baseline, after)
      if (changed.length > 0)
        violations.push(`refused with ${response.status} but changed rows in ${changed.join(', ')}`)
    }
    const health = await app.inject({ method: 'GET', url: '/api/health' })
    if (health.statusCode !== 200) violations.push(`health answers ${health.statusCode} afterwards`)

    const mayEndSession = /\/(auth|account|sessions)\b/.test(operation.path) && operation.method !== 'GET'
    if (
      input.actor !== 'anonymous' &&
      (response.status === 401 || (mayEndSession && response.status < 300))
    ) {
      if (await repairSession(input.actor)) after = await fingerprint()
    }
    baseline = after

    const perRoute = figures.get(operation.key) ?? { inputs: 0, byClass: {}, broken: 0 }
    perRoute.inputs += 1
    const cls = statusClass(response.status)
    perRoute.byClass[cls] = (perRoute.byClass[cls] ?? 0) + 1
    figures.set(operation.key, perRoute)
    const perActor = actorFigures.get(input.actor) ?? { inputs: 0, succeeded: 0 }
    perActor.inputs += 1
    if (response.status < 300) perActor.succeeded += 1
    actorFigures.set(input.actor, perActor)

    const errors = errorLines.get(response.requestId) ?? []
    errorLines.clear()
    if (violations.length === 0) return null
    perRoute.broken += 1
    return { index, input, response, violations, errors }
  }

  return {
    app,
    operations,
    resolve,
    run,
    figures,
    actorFigures,
    fingerprintMs,
    sendMs,
    async close() {
      await app.close()
    },
  }
}

/** A minimal PDF in multipart/form-data, or one of the ways such a body arrives broken. */
export function multipart(
  fileName: string,
  variant: 'valid' | 'truncated' | 'garbage' | 'no-boundary' | 'no-file',
): { payload: Buffer; contentType: string } {
  const boundary = '----lotsefuzzboundary'
  const pdf = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'
  const quoted = fileName.replace(/["\\\r\n]/g, '_')
  const file = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quoted}"\r\nContent-Type: application/pdf\r\n\r\n${pdf}\r\n--${boundary}--\r\n`
  const field = `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nkein Dokument\r\n--${boundary}--\r\n`
  const type = `multipart/form-data; boundary=${boundary}`
  switch (variant) {
    case 'valid':
      return { payload: Buffer.from(file, 'utf8'), contentType: type }
    case 'truncated':
      return { payload: Buffer.from(file.slice(0, Math.floor(file.length / 2)), 'utf8'), contentType: type }
    case 'garbage':
      return { payload: Buffer.from('xx'), contentType: type }
    case 'no-boundary':
      return { payload: Buffer.from(file, 'utf8'), contentType: 'multipart/form-data' }
    case 'no-file':
      return { payload: Buffer.from(field, 'utf8'), contentType: type }
  }
}

/** A finding as a few lines for a log: what was sent, what came back, what broke. */
export function describeFinding(finding: Finding): string {
  const { input, response } = finding
  const body =
    input.body.kind === 'text'
      ? `${input.body.contentType ?? '(no content type)'} ${truncate(JSON.stringify(input.body.text))}`
      : input.body.kind === 'bytes'
        ? `${input.body.contentType} bytes ${truncate(input.body.hex)}`
        : input.body.kind === 'multipart'
          ? `multipart ${input.body.variant} ${truncate(JSON.stringify(input.body.fileName))}`
          : '(no body)'
  return [
    `#${finding.index} ${input.operation} as ${input.actor} [${input.tags.join(', ')}]`,
    `  ${truncate(input.url)}  if-match: ${JSON.stringify(input.ifMatch)}  csrf: ${input.csrf}`,
    `  body: ${body}`,
    `  → ${response.status} ${response.contentType} ${truncate(response.body)}`,
    `  broke: ${finding.violations.join('; ')}`,
    ...(finding.errors.length > 0
      ? [
          `  server logged: ${finding.errors.map((e) => `${e.type ?? '?'} ${e.code ?? ''} ${e.message ?? ''} ${(e.stack ?? '').split('\n').slice(0, 3).join(' | ')}`).join('; ')}`,
        ]
      : []),
  ].join('\n')
}

const truncate = (text: string, max = 300) =>
  text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text
