import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { insertProvider, selectProvider } from '../modules/identity/sso.queries.ts'
import {
  bytesKeyId,
  installKeyring,
  keyringOf,
  openBytes,
  parseKey,
  sealBytes,
  textKeyId,
} from '../platform/encryption.ts'
import { testPassword } from '../test/auth.ts'
import { databaseKinds, openTestDatabase, type TestDatabase } from '../test/database.ts'
import { installTestKeyring, testEncryptionKey } from '../test/encryption-key.ts'
import { tableFingerprint } from './backup.queries.ts'
import { BackupError, restoreBackup, writeBackup } from './backup.ts'
import { selectKeyIdsUsed, selectValuesToSeal, updateSealedValue } from './encryption.queries.ts'
import { checkKeyring, checkRotation, rotateValues, sealPlainValues, WrongKeyError } from './encryption.ts'
import { seedDemo } from './seed/demo.ts'

const testKey = parseKey(testEncryptionKey, 'test key')
const newKey = parseKey(Buffer.alloc(32, 7).toString('base64'), 'new key')
const wrongKey = parseKey(Buffer.alloc(32, 9).toString('base64'), 'wrong key')
const testRing = keyringOf([testKey], 'the test key')
const wrongRing = keyringOf([wrongKey], 'LOTSE_ENCRYPTION_KEY')
const rotatedRing = keyringOf([newKey, testKey], 'rotated')

const rawSecrets = async (database: TestDatabase) => {
  const users = await sql<{ username: string; totp_secret: string | null }>`
    SELECT username, totp_secret FROM app_user WHERE totp_secret IS NOT NULL ORDER BY username`.execute(
    database.ownerDb,
  )
  const providers = await sql<{
    client_secret: string | null
  }>`SELECT client_secret FROM sso_provider`.execute(database.ownerDb)
  return [...users.rows.map((row) => row.totp_secret), ...providers.rows.map((row) => row.client_secret)]
}

const fingerprint = async (database: TestDatabase) => ({
  users: await tableFingerprint(database.ownerDb, 'app_user'),
  providers: await tableFingerprint(database.ownerDb, 'sso_provider'),
  keys: await tableFingerprint(database.ownerDb, 'encryption_key'),
})

describe.each(databaseKinds)('keys, rotation and backups on %s', (kind) => {
  let database: TestDatabase
  let districtId: string
  const workDir = mkdtempSync(path.join(tmpdir(), 'lotse-keys-'))

  beforeAll(async () => {
    installTestKeyring()
    database = await openTestDatabase(kind)
    await seedDemo(database, { password: testPassword, caseWork: false })
    await checkKeyring(database, testRing)
    districtId = (
      await database.ownerDb
        .selectFrom('district')
        .select('id')
        .where('code', '=', '05382')
        .executeTakeFirstOrThrow()
    ).id
    await insertProvider(database.ownerDb, districtId, {
      label: 'Kreis-Login',
      issuer: 'https://login.example.org',
      client_id: 'lotse',
      client_secret: 'sso-geheimnis',
      scopes: 'openid',
      role_claim: 'groups',
      username_claim: 'preferred_username',
      role_mappings: [],
      link_by_username: false,
      create_users: false,
      enabled: false,
    })
    // A TOTP secret stored in clear, as before encryption existed.
    await sql`UPDATE app_user SET totp_secret = 'JBSWY3DPEHPK3PXP' WHERE username = 'admin'`.execute(
      database.ownerDb,
    )
  })
  afterEach(() => installTestKeyring())
  afterAll(async () => {
    await database?.drop()
    rmSync(workDir, { recursive: true, force: true })
  })

  it('seals values left in plain text, once', async () => {
    expect(await rawSecrets(database)).toContain('JBSWY3DPEHPK3PXP')
    expect(await sealPlainValues(database, testRing)).toEqual({ 'app_user.totp_secret': 1 })
    expect(await sealPlainValues(database, testRing)).toEqual({})
    for (const value of await rawSecrets(database)) expect(textKeyId(value ?? '')).toBe(testKey.id)
  })

  it('finds and re-seals bytea values by their key id (the path of documents and consent forms)', async () => {
    const column = { table: 'bytes_probe', column: 'content', kind: 'bytes', primaryKey: ['id'] } as const
    await sql`CREATE TABLE bytes_probe (id text PRIMARY KEY, content bytea)`.execute(database.ownerDb)
    await sql`INSERT INTO bytes_probe VALUES ('plain', ${Buffer.from('%PDF klar')}), ('sealed', ${sealBytes(
      Buffer.from('%PDF alt'),
      testRing,
    )}), ('empty', NULL)`.execute(database.ownerDb)
    expect(await selectKeyIdsUsed(database.ownerDb, column)).toEqual([testKey.id])
    await database.ownerDb.transaction().execute(async (trx) => {
      const rows = await selectValuesToSeal(trx, column, {
        activeKeyId: newKey.id,
        plainOnly: false,
        limit: 10,
      })
      expect(rows.map((row) => row.key[0]).sort()).toEqual(['plain', 'sealed'])
      for (const row of rows)
        await updateSealedValue(
          trx,
          column,
          row.key,
          sealBytes(openBytes(row.value as Buffer, rotatedRing), rotatedRing),
        )
    })
    expect(await selectKeyIdsUsed(database.ownerDb, column)).toEqual([newKey.id])
    const stored = await sql<{ id: string; content: Buffer }>`
      SELECT id, content FROM bytes_probe WHERE content IS NOT NULL ORDER BY id`.execute(database.ownerDb)
    expect(
      stored.rows.map((row) => [
        row.id,
        bytesKeyId(row.content),
        openBytes(row.content, rotatedRing).toString(),
      ]),
    ).toEqual([
      ['plain', newKey.id, '%PDF klar'],
      ['sealed', newKey.id, '%PDF alt'],
    ])
    await sql`DROP TABLE bytes_probe`.execute(database.ownerDb)
  })

  it('refuses to start with a key ring that lacks the key of the data', async () => {
    await expect(checkKeyring(database, wrongRing)).rejects.toThrow(WrongKeyError)
    await expect(checkKeyring(database, wrongRing)).rejects.toThrow(
      /does not hold: a wrong or missing encryption key/,
    )
  })

  it('refuses a rotation with a wrong old key, with nothing changed', async () => {
    const before = await fingerprint(database)
    await expect(checkRotation(database, wrongRing)).rejects.toThrow(/Nothing was changed/)
    expect(await fingerprint(database)).toEqual(before)
  })

  it('writes the key id into a backup, and a restore refuses a key ring without it', async () => {
    const file = path.join(workDir, 'before-rotation.lotse.gz')
    await writeBackup(database, file, { lotseVersion: '0.0.0-test', districtCodes: ['05382'] })
    const target = await openTestDatabase(kind)
    try {
      await expect(restoreBackup(target, file, { keyring: wrongRing })).rejects.toThrow(BackupError)
      await expect(restoreBackup(target, file, { keyring: wrongRing })).rejects.toThrow(
        new RegExp(`under key ${testKey.id}, which the key ring \\(LOTSE_ENCRYPTION_KEY\\) does not hold`),
      )
      const districts = await target.ownerDb.selectFrom('district').select('id').execute()
      expect(districts).toEqual([])
      await restoreBackup(target, file, { keyring: testRing })
      const restored = await selectProvider(target.ownerDb, districtId)
      expect(restored?.client_secret).toBe('sso-geheimnis')
    } finally {
      await target.drop()
    }
  })

  it('re-encrypts every value under the new key and retires the old one', async () => {
    await checkRotation(database, testRing)
    installKeyring(rotatedRing)
    const counts = await rotateValues(database, rotatedRing)
    expect(counts['app_user.totp_secret']).toBe(1)
    expect(counts['sso_provider.client_secret']).toBe(1)
    for (const value of await rawSecrets(database)) expect(textKeyId(value ?? '')).toBe(newKey.id)
    expect((await selectProvider(database.ownerDb, districtId))?.client_secret).toBe('sso-geheimnis')
    // Readable with the new key alone now; the old one is retired.
    await checkKeyring(database, keyringOf([newKey], 'new only'))
    const keys = await database.ownerDb.selectFrom('encryption_key').selectAll().execute()
    expect(keys.find((key) => key.key_id === testKey.id)?.retired_at).not.toBeNull()
    expect(keys.find((key) => key.key_id === newKey.id)?.retired_at).toBeNull()
  })
})
