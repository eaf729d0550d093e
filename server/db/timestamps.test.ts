import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { databaseKinds, useTestDatabase } from '../test/database.ts'
import { parseTimestamptz } from './timestamps.ts'

describe('parseTimestamptz', () => {
  it.each([
    ['0001-06-15 10:00:00+00', '0001-06-15T10:00:00.000Z'],
    ['0050-01-01 00:00:00+00', '0050-01-01T00:00:00.000Z'],
    ['0999-12-31 23:59:59+00', '0999-12-31T23:59:59.000Z'],
    ['2026-03-29 03:30:00+02', '2026-03-29T01:30:00.000Z'],
    ['2026-12-07 06:30:00+05:30', '2026-12-07T01:00:00.000Z'],
    ['2026-12-06 20:00:00-05', '2026-12-07T01:00:00.000Z'],
    ['0001-06-15 10:53:28+00:53:28', '0001-06-15T10:00:00.000Z'],
    ['2026-12-07 01:02:03.456789+00', '2026-12-07T01:02:03.456Z'],
    ['2026-12-07 01:02:03.5+00', '2026-12-07T01:02:03.500Z'],
    ['0044-03-15 12:00:00+00 BC', '-000043-03-15T12:00:00.000Z'],
    ['0001-01-01 00:00:00+00 BC', '0000-01-01T00:00:00.000Z'],
    ['12345-01-01 00:00:00+00', '+012345-01-01T00:00:00.000Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseTimestamptz(text)).toBe(iso)
  })

  it.each([
    'infinity',
    '-infinity',
    '2026-12-07T01:02:03Z',
    '07.12.2026 01:02:03 UTC',
    '2026-12-07 01:02:03',
    '2026-12-07 01:02:03+00 trailing',
    '',
  ])('refuses %j instead of guessing', (text) => {
    expect(() => parseTimestamptz(text)).toThrow(RangeError)
  })
})

describe.each(databaseKinds)('timestamps read back from %s', (kind) => {
  const ctx = useTestDatabase(kind)

  const roundTrip = (value: string, timeZone: string) =>
    ctx.database.ownerDb.transaction().execute(async (trx) => {
      await sql`SELECT set_config('TimeZone', ${timeZone}, true)`.execute(trx)
      const result = await sql<{ at: string }>`SELECT ${value}::timestamptz AS at`.execute(trx)
      return result.rows[0]?.at
    })

  it.each([
    ['0001-06-15T10:00:00Z', '0001-06-15T10:00:00.000Z'],
    ['0050-01-01T00:00:00Z', '0050-01-01T00:00:00.000Z'],
    ['0024-05-01T08:15:00Z', '0024-05-01T08:15:00.000Z'],
    ['0044-03-15 12:00:00+00 BC', '-000043-03-15T12:00:00.000Z'],
    ['2026-03-29T00:59:59.123456Z', '2026-03-29T00:59:59.123Z'],
  ])('returns %s unchanged whatever the session time zone', async (value, iso) => {
    for (const zone of ['UTC', 'Europe/Berlin', 'Asia/Kolkata', 'America/St_Johns']) {
      expect(await roundTrip(value, zone)).toBe(iso)
    }
  })

  it('asks for ISO DateStyle on every connection, whatever the server is configured with', async () => {
    for (const db of [ctx.database.db, ctx.database.ownerDb]) {
      const result = await sql<{ DateStyle: string }>`SHOW DateStyle`.execute(db)
      expect(result.rows[0]?.DateStyle).toBe('ISO, YMD')
    }
  })

  it.runIf(kind === 'pglite')(
    "reads early years right through PGlite's own query interface too",
    async () => {
      const result = await ctx.database.pglite?.query<{ at: string }>(
        "SELECT '0001-06-15T10:00:00Z'::timestamptz AS at",
      )
      expect(result?.rows).toEqual([{ at: '0001-06-15T10:00:00.000Z' }])
    },
  )
})
