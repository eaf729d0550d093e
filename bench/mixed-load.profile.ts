// Where a request's time goes: the statements each request kind of the mixed-load bench sends, and
// the time spent waiting for them, in process (app.inject), one request at a time, on the demo data.
//   node --import tsx bench/mixed-load.profile.ts [-v]     (-v lists the statements)
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { buildApp } from '../server/app.ts'
import { openDatabase } from '../server/db/database.ts'
import { migrate } from '../server/db/migrate.ts'
import { seedDemo } from '../server/db/seed/demo.ts'
import { loadConfig } from '../server/platform/config.ts'
import { installTestKeyring } from '../server/test/encryption-key.ts'

installTestKeyring()
let statements: string[] = []
let queryMs = 0
const original = pg.Client.prototype.query
// biome-ignore lint/suspicious/noExplicitAny: a probe
;(pg.Client.prototype as any).query = function (this: pg.Client, ...args: any[]) {
  const text = typeof args[0] === 'string' ? args[0] : args[0]?.text
  statements.push(String(text).replace(/\s+/g, ' ').slice(0, 110))
  const started = performance.now()
  // biome-ignore lint/suspicious/noExplicitAny: a probe
  const result = (original as any).apply(this, args)
  if (result && typeof result.then === 'function')
    result.then(
      () => {
        queryMs += performance.now() - started
      },
      () => {},
    )
  return result
}
const database = await openDatabase({ kind: 'pglite-memory' })
await migrate(database)
await seedDemo(database, { password: 'Lotse-Bench-Passwort-2026' })
const app = await buildApp(
  {
    config: loadConfig({ LOTSE_LOG_LEVEL: 'silent', NODE_ENV: 'test' }, process.cwd()),
    database,
    version: 'x',
  },
  { serveWeb: false },
)
await app.ready()
const login = await app.inject({
  method: 'POST',
  url: '/api/auth/login',
  payload: { username: 'fallmanagement', password: 'Lotse-Bench-Passwort-2026' },
})
const cookie = login.cookies.find((c) => c.name === 'lotse_session')
const { csrfToken, user } = login.json() as { csrfToken: string; user: { id: string } }
const headers = { cookie: `lotse_session=${cookie?.value}`, 'x-csrf-token': csrfToken }
const list = await app.inject({
  method: 'GET',
  url: `/api/cases?phase=open&managerId=${user.id}&limit=50`,
  headers,
})
const items = (list.json() as { items: { id: string; persons: { familyName: string }[] }[] }).items
const caseId = items[0]?.id as string
const word = items[0]?.persons[0]?.familyName as string
const from = new Date(Date.now() - 365 * 86400000).toISOString().slice(0, 10)
const to = new Date(Date.now() - 86400000).toISOString().slice(0, 10)
const requests: [string, string, string, unknown?][] = [
  ['health', 'GET', '/api/health'],
  ['session', 'GET', '/api/auth/session'],
  ['case-list', 'GET', `/api/cases?phase=open&managerId=${user.id}&limit=50`],
  ['case-search', 'GET', `/api/cases?q=${encodeURIComponent(word)}&limit=50`],
  ['case-detail', 'GET', `/api/cases/${caseId}`],
  ['contacts', 'GET', `/api/cases/${caseId}/contacts`],
  ['tasks', 'GET', '/api/tasks'],
  ['figures', 'GET', `/api/figures?metric=contacts&from=${from}&to=${to}&by=month`],
  [
    'contact-add',
    'POST',
    `/api/cases/${caseId}/contacts`,
    {
      occurredAt: new Date(Date.now() - 600000).toISOString(),
      durationMinutes: 30,
      channel: 'in-person',
      language: 'de',
      domains: ['language'],
      note: 'x',
    },
  ],
]
const verbose = process.argv.includes('-v')
for (const [kind, method, url, payload] of requests) {
  for (let i = 0; i < 5; i++)
    await app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(payload ? { payload: payload as object } : {}),
    })
  const runs = 20
  let total = 0
  let count = 0
  queryMs = 0
  let status = 0
  for (let i = 0; i < runs; i++) {
    statements = []
    const started = performance.now()
    const response = await app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(payload ? { payload: payload as object } : {}),
    })
    total += performance.now() - started
    status = response.statusCode
    count += statements.length
    if (verbose && i === runs - 1) console.log(`--- ${kind}\n  ${statements.join('\n  ')}`)
  }
  console.log(
    `${kind.padEnd(12)} ${status} ${(total / runs).toFixed(1).padStart(7)} ms/request, ${(count / runs).toFixed(1)} statements, ${(queryMs / runs).toFixed(1)} ms in queries`,
  )
}
await app.close()
await database.close()
