import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { readMigrations } from '../../db/migrate.ts'
import { useTestApp } from '../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../test/auth.ts'
import { databaseKinds } from '../../test/database.ts'

type Export = {
  format: string
  formatVersion: number
  schemaVersion: number
  district: { id: string; code: string }
  tables: Record<string, Record<string, unknown>[]>
  counts: Record<string, number>
}

describe.each(databaseKinds)('district export on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx, { caseWork: true })
  let admin: TestSession
  let coordinator: TestSession
  let exported: Export

  beforeAll(async () => {
    admin = await loginAs(ctx.app, 'admin')
    coordinator = await loginAs(ctx.app, 'koordination')
    const response = await admin.request({
      method: 'GET',
      url: '/api/district-export.json?reason=Umzug%20auf%20Landesserver',
    })
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200)
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="kreis-/)
    exported = JSON.parse(response.body) as Export
  })

  it('names its format and the schema version it was written with', () => {
    expect(exported.format).toBe('lotse-district-export')
    expect(exported.formatVersion).toBe(1)
    expect(exported.schemaVersion).toBe(readMigrations().length)
    expect(exported.district.id).toBe(admin.districtId)
  })

  it("holds every row of the district's tables and nothing of another district", async () => {
    const persons = await sql<{
      n: string
    }>`SELECT count(*) AS n FROM person WHERE district_id = ${admin.districtId}`.execute(ctx.database.db)
    expect(exported.tables.person?.length).toBe(Number(persons.rows[0]?.n))
    expect(exported.counts.person).toBe(Number(persons.rows[0]?.n))
    expect(Number(persons.rows[0]?.n)).toBeGreaterThan(0)
    for (const [table, rows] of Object.entries(exported.tables)) {
      for (const row of rows) {
        const districtId = table === 'district' ? row.id : row.district_id
        expect(districtId, table).toBe(admin.districtId)
      }
    }
  })

  it('leaves credentials out', () => {
    const users = exported.tables.app_user ?? []
    expect(users.length).toBeGreaterThan(0)
    for (const user of users) {
      expect(user).not.toHaveProperty('password_hash')
      expect(user).not.toHaveProperty('totp_secret')
    }
    expect(exported.tables).not.toHaveProperty('api_token')
    expect(exported.tables).not.toHaveProperty('recovery_code')
  })

  it('is for administration only, needs a reason, and is audited with it', async () => {
    expect(
      (await coordinator.request({ method: 'GET', url: '/api/district-export.json?reason=Test' })).statusCode,
    ).toBe(403)
    expect((await admin.request({ method: 'GET', url: '/api/district-export.json' })).statusCode).toBe(400)
    const audit = await sql<{ purpose: string }>`
      SELECT purpose FROM audit_event WHERE action = 'district.export' AND outcome = 'success'`.execute(
      ctx.database.db,
    )
    expect(audit.rows).toEqual([{ purpose: 'Umzug auf Landesserver' }])
  })
})
