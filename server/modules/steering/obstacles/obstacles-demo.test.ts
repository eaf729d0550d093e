import { describe, expect, it } from 'vitest'
import type { ObstacleList } from '../../../../common/obstacles.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'
import { personNamesInText } from '../../casework/index.ts'
import { possibleBirthDates } from './personal-data.ts'

describe.each(databaseKinds)('demo obstacles on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx, { caseWork: true })

  it('come from demo cases, seen again in others, in several statuses, one with a working group, one on an agenda', async () => {
    const coordinator = await loginAs(ctx.app, 'koordination')
    const list = (await coordinator.request({ method: 'GET', url: '/api/obstacles' })).json() as ObstacleList
    expect(list.items.length).toBeGreaterThanOrEqual(5)
    expect(new Set(list.items.map((item) => item.status)).size).toBeGreaterThanOrEqual(4)
    expect(list.items.some((item) => item.evidenceCount >= 2)).toBe(true)
    expect(list.items.some((item) => item.status === 'assigned' && item.workingGroupName)).toBe(true)
    expect(list.items.some((item) => item.agendaItems.some((agenda) => !agenda.approved))).toBe(true)
    expect(list.items.some((item) => item.goalAgreements.length > 0)).toBe(true)
    // Coordination reads no cases: counts only.
    expect(list.items.every((item) => item.cases.length === 0)).toBe(true)
    const caseManager = await loginAs(ctx.app, 'fallmanagement')
    const mine = (await caseManager.request({ method: 'GET', url: '/api/obstacles' })).json() as ObstacleList
    expect(mine.items.some((item) => item.cases.length > 0)).toBe(true)
  })

  it('hold no names of demo persons and no dates, as the guard demands of everyone else', async () => {
    const rows = await ctx.database.db
      .selectFrom('obstacle')
      .select(['district_id', 'title', 'description'])
      .execute()
    const notes = await ctx.database.db.selectFrom('obstacle_status_change').select('note').execute()
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) {
      for (const text of [row.title, row.description, ...notes.map((each) => each.note)]) {
        expect(await personNamesInText(ctx.database.db, row.district_id, text), text).toEqual([])
        expect(possibleBirthDates(text, '2026-12-07'), text).toEqual([])
      }
    }
  })
})
