import { beforeAll, describe, expect, it } from 'vitest'
import type { Contract, StaffingWarning } from '../../../../common/staffing.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'
import { refreshWarningTasks, warningTaskKey, warningTaskTitle } from './warning-tasks.ts'

const vacant: StaffingWarning = {
  kind: 'position-vacant',
  date: '2026-12-07',
  positionId: '00000000-0000-4000-8000-000000000001',
  positionTitle: 'Case Management Siegburg',
  baustein: 'case-management',
  contractId: null,
  staffName: null,
  fte: 1,
  assignedFte: 0,
  plannedDeparture: false,
}

describe('the key of a warning task', () => {
  const prefix = `staffing:position-vacant:${vacant.positionId}:`
  it('dates a warning ahead by its day', () => {
    expect(warningTaskKey({ ...vacant, date: '2027-01-01' }, '2026-12-07', [])).toBe(`${prefix}2027-01-01`)
  })

  it('keeps the key of a vacancy first seen on an earlier day, which the warnings now date today', () => {
    const seen = [
      { sourceKey: `${prefix}2026-11-01`, dueOn: '2026-11-01', done: true },
      { sourceKey: `${prefix}2026-12-01`, dueOn: '2026-12-01', done: false },
      { sourceKey: `${prefix}2027-03-01`, dueOn: '2027-03-01', done: false },
    ]
    expect(warningTaskKey(vacant, '2026-12-07', seen)).toBe(`${prefix}2026-12-01`)
  })

  it('names the position and the day in German, not the person', () => {
    expect(warningTaskTitle({ ...vacant, staffName: 'Leyla Yıldız' })).toBe(
      'Stelle unbesetzt ab 07.12.2026: Case Management Siegburg',
    )
  })
})

describe.each(databaseKinds)('staffing warnings as tasks on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let coordinator: TestSession

  beforeAll(async () => {
    coordinator = await loginAs(ctx.app, 'koordination')
  })

  const warningTasks = () =>
    ctx.database.db
      .selectFrom('task')
      .innerJoin('app_user', 'app_user.id', 'task.assignee_id')
      .select(['task.id', 'task.source_key', 'task.due_on', 'task.done_at', 'task.case_id', 'app_user.roles'])
      .where('task.source', '=', 'staffing-warning')
      .execute()

  it('makes one task per warning for a coordinator, once however often the job runs', async () => {
    const warnings = (
      await coordinator.request({ method: 'GET', url: '/api/staffing/warnings?horizonMonths=6' })
    ).json().items as StaffingWarning[]
    const first = await refreshWarningTasks(ctx.database.db, null, new Date())
    expect(first.created).toBeGreaterThan(0)
    expect(first.created).toBeLessThanOrEqual(warnings.length)
    const tasks = await warningTasks()
    expect(tasks).toHaveLength(first.created)
    expect(tasks.every((task) => task.roles.includes('coordinator') && task.case_id === null)).toBe(true)
    const endings = warnings.filter((warning) => warning.kind === 'contract-ending')
    for (const ending of endings)
      expect(tasks.map((task) => task.source_key)).toContain(
        `staffing:contract-ending:${ending.contractId}:${ending.date}`,
      )
    expect(await refreshWarningTasks(ctx.database.db, null, new Date())).toEqual({ created: 0, closed: 0 })
    expect(await warningTasks()).toHaveLength(tasks.length)
  })

  it("closes a contract's task when the contract is extended, and makes no second one", async () => {
    const warnings = (
      await coordinator.request({ method: 'GET', url: '/api/staffing/warnings?horizonMonths=6' })
    ).json().items as StaffingWarning[]
    const ending = warnings.find((warning) => warning.kind === 'contract-ending' && !warning.plannedDeparture)
    expect(ending).toBeDefined()
    const contract = (
      await coordinator.request({ method: 'GET', url: `/api/contracts/${ending?.contractId}` })
    ).json() as Contract
    const key = `staffing:contract-ending:${contract.id}:${ending?.date}`
    const extend = await coordinator.request({
      method: 'PUT',
      url: `/api/contracts/${contract.id}`,
      payload: { fte: contract.fte, startsOn: contract.startsOn, endsOn: '2035-12-31' },
      headers: { 'if-match': `"${contract.version}"` },
    })
    expect(extend.statusCode, extend.body).toBe(200)
    const task = (await warningTasks()).find((row) => row.source_key === key)
    expect(task?.done_at).not.toBeNull()
    expect(await refreshWarningTasks(ctx.database.db, null, new Date())).toEqual({ created: 0, closed: 0 })
  })
})
