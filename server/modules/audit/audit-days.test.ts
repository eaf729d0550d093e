import { randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../test/auth.ts'
import { databaseKinds } from '../../test/database.ts'

/**
 * Whole-day filters of the audit trail mean the district's days, also on the days the clocks
 * change. Events are written at fixed instants straight into the table (a chain of their own is
 * not needed to filter), so the result does not depend on when the test runs.
 */
describe.each(databaseKinds)('audit days in the district time zone on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let dpo: TestSession
  const marker = `days-${randomBytes(4).toString('hex')}`

  const instants = [
    '2026-03-28T22:59:59Z', // 28 March, 23:59:59 CET
    '2026-03-28T23:00:00Z', // 29 March, 00:00 CET: the first second of the short day
    '2026-03-29T21:59:59Z', // 29 March, 23:59:59 CEST: its last
    '2026-03-29T22:00:00Z', // 30 March, 00:00 CEST
    '2026-10-24T21:59:59Z', // 24 October, 23:59:59 CEST
    '2026-10-24T22:00:00Z', // 25 October, 00:00 CEST: the first second of the long day
    '2026-10-25T22:59:59Z', // 25 October, 23:59:59 CET: its last
    '2026-10-25T23:00:00Z', // 26 October, 00:00 CET
    '2026-12-06T23:30:00Z', // 7 December, 00:30 CET, still 6 December in UTC
  ]

  beforeAll(async () => {
    dpo = await loginAs(ctx.app, 'datenschutz')
    const district = await ctx.database.ownerDb
      .selectFrom('app_user')
      .select('district_id')
      .where('username', '=', 'datenschutz')
      .executeTakeFirstOrThrow()
    await ctx.database.ownerDb
      .insertInto('audit_event')
      .values(
        instants.map((at, index) => ({
          occurred_at: at,
          district_id: district.district_id,
          actor_roles: [],
          action: 'test.day',
          outcome: 'success',
          subject_type: marker,
          subject_id: at,
          previous_hash: `${marker}-${index - 1}`,
          hash: `${marker}-${index}`,
        })),
      )
      .execute()
  })

  const daysOf = async (from: string, to: string) => {
    const response = await dpo.request({
      method: 'GET',
      url: `/api/audit?subjectType=${marker}&from=${from}&to=${to}&limit=100`,
    })
    expect(response.statusCode).toBe(200)
    return (response.json().items as { subjectId: string }[]).map((item) => item.subjectId).sort()
  }

  it('counts the spring-forward day from 00:00 CET to 24:00 CEST (23 hours)', async () => {
    expect(await daysOf('2026-03-29', '2026-03-29')).toEqual(['2026-03-28T23:00:00Z', '2026-03-29T21:59:59Z'])
  })

  it('counts the fall-back day from 00:00 CEST to 24:00 CET (25 hours)', async () => {
    expect(await daysOf('2026-10-25', '2026-10-25')).toEqual(['2026-10-24T22:00:00Z', '2026-10-25T22:59:59Z'])
  })

  it('puts 00:30 in Berlin on the Berlin day, although it is the day before in UTC', async () => {
    expect(await daysOf('2026-12-07', '2026-12-07')).toEqual(['2026-12-06T23:30:00Z'])
    expect(await daysOf('2026-12-06', '2026-12-06')).toEqual([])
  })

  it('reads a range of days inclusively at both ends', async () => {
    expect(await daysOf('2026-03-28', '2026-03-30')).toHaveLength(4)
  })

  it('uses the zone the district is set to', async () => {
    const district = await ctx.database.ownerDb
      .selectFrom('app_user')
      .select('district_id')
      .where('username', '=', 'datenschutz')
      .executeTakeFirstOrThrow()
    await ctx.database.ownerDb
      .updateTable('district')
      .set({ time_zone: 'UTC' })
      .where('id', '=', district.district_id)
      .execute()
    try {
      expect(await daysOf('2026-12-06', '2026-12-06')).toEqual(['2026-12-06T23:30:00Z'])
    } finally {
      await ctx.database.ownerDb
        .updateTable('district')
        .set({ time_zone: 'Europe/Berlin' })
        .where('id', '=', district.district_id)
        .execute()
    }
  })

  it('refuses a district time zone that is no IANA name', async () => {
    for (const zone of ['CET', 'UTC+1', 'Mars/Olympus', 'posix/Europe/Berlin', '']) {
      await expect(
        ctx.database.ownerDb.updateTable('district').set({ time_zone: zone }).execute(),
      ).rejects.toThrow()
    }
  })
})
