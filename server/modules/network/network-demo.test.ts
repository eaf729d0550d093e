import { describe, expect, it } from 'vitest'
import { referralStatuses } from '../../../common/referral.ts'
import { useTestApp } from '../../test/app.ts'
import { loginAs, useDemoData } from '../../test/auth.ts'
import { databaseKinds } from '../../test/database.ts'
import { refreshReferralFollowUps, seedDemoNetwork } from './index.ts'
import { isoDay } from './network.test-helpers.ts'

describe.each(databaseKinds)('network demo data on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx, { caseWork: true })

  it('has consents that hold, have run out and one revoked, and referrals in every status', async () => {
    const db = ctx.database.db
    const consents = await db.selectFrom('consent').selectAll().execute()
    expect(consents.filter((row) => row.revoked_on !== null)).toHaveLength(1)
    expect(consents.filter((row) => row.valid_until < isoDay(0)).length).toBeGreaterThanOrEqual(2)
    expect(
      consents.filter((row) => row.revoked_on === null && row.valid_until >= isoDay(0)).length,
    ).toBeGreaterThan(5)
    const statuses = new Set(
      (await db.selectFrom('referral').select('status').execute()).map((row) => row.status),
    )
    expect([...statuses].sort()).toEqual([...referralStatuses].sort())
    // One goes to a service of the Jobcenter's rather than to the organisation as a whole.
    expect(
      (
        await db.selectFrom('referral').select('service_name').where('service_id', 'is not', null).execute()
      ).map((row) => row.service_name),
    ).toEqual(['Beratung und Vermittlung für Geflüchtete (SGB II)'])
    // Seeding again adds nothing.
    const districtId = consents[0]?.district_id as string
    expect(await seedDemoNetwork(db, districtId)).toBe(0)
  })

  it("fills the Jobcenter's inbox, withholds what a revoked or expired consent no longer covers, and reminds of the overdue one", async () => {
    const partner = await loginAs(ctx.app, 'partner.jobcenter')
    const inbox = await partner.request({ method: 'GET', url: '/api/referrals/inbox?include=all' })
    expect(inbox.statusCode).toBe(200)
    const items = inbox.json().items as { status: string; consentValid: boolean; person: unknown }[]
    expect(items.length).toBeGreaterThanOrEqual(7)
    expect(items.some((item) => !item.consentValid && item.person === null)).toBe(true)
    expect(items.some((item) => item.consentValid && item.person !== null)).toBe(true)
    expect(items.every((item) => item.status !== 'draft')).toBe(true)
    expect(await refreshReferralFollowUps(ctx.database.db, new Date())).toBeGreaterThanOrEqual(1)
  })
})
