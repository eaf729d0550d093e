import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../app.ts'
import {
  minimalPdf,
  municipalityIds,
  personWithCase,
  upload,
} from '../modules/casework/casework.test-helpers.ts'
import { selectProvider } from '../modules/identity/sso.queries.ts'
import { totpFor } from '../modules/identity/totp.ts'
import { testConfig } from '../test/app.ts'
import { loginAs, type TestSession, testPassword } from '../test/auth.ts'
import { databaseKinds, openTestDatabase, type TestDatabase } from '../test/database.ts'
import { removeDir, tempDir } from '../test/lotse-process.ts'
import { writeBackup } from './backup.ts'
import { type Database, openDatabase } from './database.ts'
import { encryptedColumns } from './encrypted-columns.ts'
import { migrate } from './migrate.ts'
import { seedDemo } from './seed/demo.ts'

/**
 * Issue 14, item 5: canaries planted through the API in a contact note, an assessment's health
 * note, a document, a TOTP secret and the single sign-on client secret are absent from the raw data
 * folder (PGlite), from PostgreSQL's files and from a dump, while the API returns them. A name
 * (not encrypted) planted the same way is found: the scans do see the data.
 */

function filesUnder(dir: string): string[] {
  const found: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) found.push(...filesUnder(full))
    else if (entry.isFile()) found.push(full)
  }
  return found
}

/** The canaries found in any of the files. */
function foundIn(files: readonly string[], canaries: readonly string[]): string[] {
  const found = new Set<string>()
  for (const file of files) {
    if (statSync(file).size === 0) continue
    const bytes = readFileSync(file)
    for (const canary of canaries) if (bytes.includes(Buffer.from(canary, 'utf8'))) found.add(canary)
  }
  return [...found]
}

/** Random letters only: a family name allows no digits. */
const marker = () => [...randomBytes(10)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('')

describe.each(databaseKinds)('encryption at rest on %s', (kind) => {
  const canary = {
    contactNote: `KanarieNotiz${marker()}`,
    healthNote: `KanarieGesundheit${marker()}`,
    document: `KanarieDokument${marker()}`,
    ssoSecret: `KanarieSSO${marker()}`,
  }
  /** Not encrypted: a person's family name; the scans must find it. */
  const control = `Kontrollname${marker()}`
  let totpSecret = ''
  let dataDir = ''
  let database: Database | TestDatabase
  let app: FastifyInstance
  let caseManager: TestSession
  let caseId = ''
  let documentId = ''

  beforeAll(async () => {
    if (kind === 'pglite') {
      dataDir = tempDir('encryption')
      database = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') })
      await migrate(database)
    } else {
      database = await openTestDatabase('postgresql')
    }
    await seedDemo(database, { password: testPassword, caseWork: false })
    app = await buildApp({ config: testConfig(), database, version: '0.0.0-test' }, { serveWeb: false })
    await app.ready()

    caseManager = await loginAs(app, 'fallmanagement')
    const [municipality] = (await municipalityIds(database as TestDatabase, caseManager.districtId)) as [
      string,
    ]
    const made = await personWithCase(caseManager, municipality, { familyName: control })
    caseId = made.case.id
    const contact = await caseManager.request({
      method: 'POST',
      url: `/api/cases/${caseId}/contacts`,
      payload: {
        occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
        durationMinutes: 30,
        channel: 'in-person',
        language: 'de',
        domains: ['health'],
        note: canary.contactNote,
      },
    })
    expect(contact.statusCode, contact.body).toBe(201)
    const assessment = await caseManager.request({
      method: 'POST',
      url: `/api/cases/${caseId}/assessments`,
      payload: {
        assessedOn: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
        entries: [{ domain: 'health', needLevel: 3, resources: '', note: canary.healthNote }],
      },
    })
    expect(assessment.statusCode, assessment.body).toBe(201)
    const uploaded = await upload(caseManager, caseId, 'Attest.pdf', minimalPdf(canary.document))
    expect(uploaded.statusCode, uploaded.body).toBe(201)
    documentId = (uploaded.json() as { id: string; fileName: string }[]).find(
      (document) => document.fileName === 'Attest.pdf',
    )?.id as string

    const setup = await caseManager.request({ method: 'POST', url: '/api/account/second-factor/setup' })
    expect(setup.statusCode, setup.body).toBe(200)
    totpSecret = setup.json().secret

    const admin = await loginAs(app, 'admin')
    const current = await admin.request({ method: 'GET', url: '/api/identity-policy/sso' })
    const sso = await admin.request({
      method: 'PUT',
      url: '/api/identity-policy/sso',
      payload: {
        label: 'Kreis-Login',
        issuer: 'https://login.example.org/realms/kreis',
        clientId: 'lotse',
        clientSecret: canary.ssoSecret,
        scopes: 'openid profile',
        roleClaim: 'groups',
        usernameClaim: 'preferred_username',
        roleMappings: [],
        linkByUsername: false,
        createUsers: false,
        enabled: false,
      },
      headers: { 'if-match': `"${current.json().provider?.version ?? 0}"` },
    })
    expect(sso.statusCode, sso.body).toBe(200)
  })

  afterAll(async () => {
    await app?.close()
    if (kind === 'pglite') {
      await database?.close().catch(() => {})
      if (dataDir) removeDir(dataDir)
    } else await (database as TestDatabase | undefined)?.drop()
  })

  const secrets = () => [...Object.values(canary), totpSecret]

  it('answers every planted value through the API (decrypted)', async () => {
    const contacts = await caseManager.request({ method: 'GET', url: `/api/cases/${caseId}/contacts` })
    expect(contacts.body).toContain(canary.contactNote)
    const assessments = await caseManager.request({ method: 'GET', url: `/api/cases/${caseId}/assessments` })
    expect(assessments.body).toContain(canary.healthNote)
    const document = await caseManager.request({
      method: 'GET',
      url: `/api/cases/${caseId}/documents/${documentId}`,
    })
    expect(document.rawPayload.includes(Buffer.from(canary.document))).toBe(true)
    const confirmed = await caseManager.request({
      method: 'POST',
      url: '/api/account/second-factor/confirm',
      payload: { code: totpFor(totpSecret, '').generate() },
    })
    expect(confirmed.statusCode, confirmed.body).toBe(200)
    const provider = await selectProvider(database.ownerDb, caseManager.districtId)
    expect(provider?.client_secret).toBe(canary.ssoSecret)
  })

  it('stores every encrypted column as an envelope', async () => {
    for (const column of encryptedColumns) {
      const rows = await sql<{ value: string | Buffer }>`
        SELECT ${sql.ref(column.column)} AS value FROM ${sql.table(column.table)}
        WHERE ${sql.ref(column.column)} IS NOT NULL`.execute(database.ownerDb)
      for (const { value } of rows.rows) {
        if (value === '') continue
        const head = Buffer.from(value).subarray(0, 9).toString('latin1')
        expect(head, `${column.table}.${column.column}`).toMatch(/^(lotse-enc|LOTSEENC1)/)
      }
    }
  })

  it('keeps the canaries out of a Lotse backup (a logical dump)', async () => {
    const file = path.join(tempDir('encryption-backup'), 'backup.jsonl.gz')
    await writeBackup(database, file, { lotseVersion: '0.0.0-test' })
    const text = gunzipSync(readFileSync(file)).toString('utf8')
    expect(text).toContain(control)
    expect(secrets().filter((value) => text.includes(value))).toEqual([])
    removeDir(path.dirname(file))
  })

  it.runIf(kind === 'postgresql')('keeps the canaries out of pg_dump and PostgreSQL’s files', async () => {
    const url = (database as TestDatabase).url as string
    const dump = execFileSync('pg_dump', ['--no-owner', url], { maxBuffer: 512 * 1024 * 1024 }).toString(
      'utf8',
    )
    expect(dump).toContain(control)
    expect(secrets().filter((value) => dump.includes(value))).toEqual([])

    await sql`CHECKPOINT`.execute(database.ownerDb)
    const where = await sql<{ dir: string; oid: number }>`
      SELECT current_setting('data_directory') AS dir, oid::int AS oid FROM pg_database
      WHERE datname = current_database()`.execute(database.ownerDb)
    const { dir, oid } = where.rows[0] as { dir: string; oid: number }
    const ownFiles = filesUnder(path.join(dir, 'base', String(oid)))
    expect(foundIn(ownFiles, [control])).toEqual([control])
    const allFiles = [...ownFiles, ...filesUnder(path.join(dir, 'pg_wal'))]
    expect(foundIn(allFiles, secrets())).toEqual([])
  })

  it.runIf(kind === 'pglite')('keeps the canaries out of the raw data folder', async () => {
    await app.close()
    await database.close()
    const files = filesUnder(dataDir)
    expect(foundIn(files, [control])).toEqual([control])
    expect(foundIn(files, secrets())).toEqual([])
  })
})
