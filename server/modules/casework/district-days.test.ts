import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Case, Person, Task } from '../../../common/casework.ts'
import { testClock, useTestApp } from '../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../test/auth.ts'
import { databaseKinds } from '../../test/database.ts'
import {
  contactBody,
  expectProblem,
  municipalityIds,
  openCase,
  personWithCase,
  registerPerson,
} from './casework.test-helpers.ts'
import { refreshResidenceExpiryTasks } from './tasks/task.service.ts'

/**
 * "Today" is the district's (Europe/Berlin for the demo districts), not the server's UTC date:
 * between 00:00 and 01:00 (winter) or 02:00 (summer) in Germany, UTC still has yesterday. The
 * app's clock is set by the test, so these run the same at any hour.
 */
describe.each(databaseKinds)("the district's days on %s", (kind) => {
  const time = testClock()
  const ctx = useTestApp(kind, {}, { clock: time.clock })
  useDemoData(ctx)
  let caseManager: TestSession
  let municipality: string
  let kase: Case

  beforeAll(async () => {
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    ;[municipality] = (await municipalityIds(ctx.database, caseManager.districtId)) as [string]
    time.set('2025-01-15T10:00:00Z')
    kase = (await personWithCase(caseManager, municipality, { familyName: 'Tageszähler' })).case
  })
  beforeEach(() => time.set(null))

  const post = (url: string, payload: Record<string, unknown>) =>
    caseManager.request({ method: 'POST', url, payload })
  const taskDueOn = async (dueOn: string) => {
    const response = await post('/api/tasks', { title: `Fällig am ${dueOn}`, dueOn, caseId: kase.id })
    expect(response.statusCode, response.body).toBe(201)
    return response.json() as Task
  }
  const overdueOf = async (task: Task) => {
    // The case's own list: the reminders list is paged, and the demo fills it.
    const url = `/api/cases/${kase.id}/tasks`
    const tasks = (await caseManager.request({ method: 'GET', url })).json() as Task[]
    return tasks.find((entry) => entry.id === task.id)?.overdue
  }

  describe('at 00:30 in Berlin on a winter night (23:30 UTC the day before)', () => {
    beforeEach(() => time.set('2025-12-01T23:30:00Z'))

    it('accepts a contact dated today at 00:30 and shows it as the last contact of today', async () => {
      const { case: fresh } = await personWithCase(caseManager, municipality, { familyName: 'Nachtkontakt' })
      const response = await post(
        `/api/cases/${fresh.id}/contacts`,
        contactBody({ occurredAt: '2025-12-02T00:30:00+01:00' }),
      )
      expect(response.statusCode, response.body).toBe(201)
      const read = await caseManager.request({ method: 'GET', url: `/api/cases/${fresh.id}` })
      expect((read.json() as Case).lastContactOn).toBe('2025-12-02')
    })

    it('refuses a contact dated tomorrow', async () => {
      const response = await post(
        `/api/cases/${kase.id}/contacts`,
        contactBody({ occurredAt: '2025-12-03T00:10:00+01:00' }),
      )
      expectProblem(response, 400, 'body.occurredAt', 'date-in-future')
    })

    it('accepts a short consultation, a case and an assessment dated today', async () => {
      const consultation = await post('/api/short-consultations', {
        occurredOn: '2025-12-02',
        municipalityId: municipality,
        domains: ['work'],
        language: 'de',
        channel: 'phone',
      })
      expect(consultation.statusCode, consultation.body).toBe(201)
      const person = await registerPerson(caseManager, municipality, {
        familyName: 'Mitternacht',
        arrivalDate: '2025-12-02',
      })
      const opened = await openCase(caseManager, [person.id], municipality, { openedOn: '2025-12-02' })
      expect(opened.openedOn).toBe('2025-12-02')
      const assessment = await post(`/api/cases/${opened.id}/assessments`, {
        assessedOn: '2025-12-02',
        entries: [{ domain: 'work', needLevel: 1 }],
      })
      expect(assessment.statusCode, assessment.body).toBe(201)
    })

    it('registers a child born today, and refuses a birth tomorrow', async () => {
      await registerPerson(caseManager, municipality, { familyName: 'Neugeboren', birthDate: '2025-12-02' })
      const response = await post('/api/persons', {
        familyName: 'Ungeboren',
        givenNames: 'Noah',
        birthDate: '2025-12-03',
        sex: 'male',
        municipalityId: municipality,
      })
      expectProblem(response, 400, 'body.birthDate', 'date-in-future')
    })

    it('refuses a case opened tomorrow', async () => {
      const person = await registerPerson(caseManager, municipality, { familyName: 'Morgen' })
      const response = await post('/api/cases', {
        personIds: [person.id],
        municipalityId: municipality,
        openedOn: '2025-12-03',
      })
      expectProblem(response, 400, 'body.openedOn', 'date-in-future')
    })

    it('opens a case without a date on the Berlin day and closes it on that day', async () => {
      const person = await registerPerson(caseManager, municipality, { familyName: 'Heute' })
      const opened = await openCase(caseManager, [person.id], municipality)
      expect(opened.openedOn).toBe('2025-12-02')
      const closed = await caseManager.request({
        method: 'POST',
        url: `/api/cases/${opened.id}/phase`,
        payload: { to: 'closed', closingReason: 'no-longer-needed' },
        headers: { 'if-match': `"${opened.version}"` },
      })
      expect(closed.statusCode, closed.body).toBe(200)
      expect((closed.json() as Case).closedOn).toBe('2025-12-02')
    })
  })

  it('flags a task due yesterday as overdue exactly from 00:00 Berlin time, in winter', async () => {
    const task = await taskDueOn('2025-12-01')
    time.set('2025-12-01T22:59:59Z')
    expect(await overdueOf(task)).toBe(false)
    time.set('2025-12-01T23:00:00Z')
    expect(await overdueOf(task)).toBe(true)
  })

  it('flags overdue from 00:00 on the day the clocks go forward (last Sunday of March)', async () => {
    const task = await taskDueOn('2025-03-29')
    time.set('2025-03-29T22:59:59Z')
    expect(await overdueOf(task)).toBe(false)
    time.set('2025-03-29T23:00:00Z')
    expect(await overdueOf(task)).toBe(true)
    // And the short day ends at 22:00 UTC: a task due on it is overdue from then.
    const shortDay = await taskDueOn('2025-03-30')
    time.set('2025-03-30T21:59:59Z')
    expect(await overdueOf(shortDay)).toBe(false)
    time.set('2025-03-30T22:00:00Z')
    expect(await overdueOf(shortDay)).toBe(true)
  })

  it('flags overdue from 00:00 on the day the clocks go back (last Sunday of October)', async () => {
    const task = await taskDueOn('2025-10-25')
    time.set('2025-10-25T21:59:59Z')
    expect(await overdueOf(task)).toBe(false)
    time.set('2025-10-25T22:00:00Z')
    expect(await overdueOf(task)).toBe(true)
    // The long day has 25 hours and ends at 23:00 UTC.
    const longDay = await taskDueOn('2025-10-26')
    time.set('2025-10-26T22:59:59Z')
    expect(await overdueOf(longDay)).toBe(false)
    time.set('2025-10-26T23:00:00Z')
    expect(await overdueOf(longDay)).toBe(true)
  })

  it("counts a case's overdue tasks and filters the case list by the Berlin day", async () => {
    const { case: fresh } = await personWithCase(caseManager, municipality, { familyName: 'Zählfall' })
    const response = await post('/api/tasks', { title: 'Rückruf', dueOn: '2025-03-29', caseId: fresh.id })
    expect(response.statusCode, response.body).toBe(201)
    const read = async () =>
      (await caseManager.request({ method: 'GET', url: `/api/cases/${fresh.id}` })).json() as Case
    const listed = async () => {
      const page = await caseManager.request({ method: 'GET', url: '/api/cases?overdueTasks=true&limit=100' })
      return (page.json().items as Case[]).some((item) => item.id === fresh.id)
    }
    time.set('2025-03-29T22:59:59Z')
    expect((await read()).overdueTaskCount).toBe(0)
    expect(await listed()).toBe(false)
    time.set('2025-03-29T23:00:00Z')
    expect((await read()).overdueTaskCount).toBe(1)
    expect(await listed()).toBe(true)
  })

  it('makes residence reminders by the Berlin day: none once the title ran out there, though UTC still has its last day', async () => {
    const person: Person = await registerPerson(caseManager, municipality, { familyName: 'Fristablauf' })
    time.set('2025-12-01T12:00:00Z')
    const added = await post(`/api/persons/${person.id}/residence-statuses`, {
      status: 'residence-permit',
      validFrom: '2023-12-02',
      validUntil: '2025-12-02',
    })
    expect(added.statusCode, added.body).toBe(201)
    await ctx.database.db.deleteFrom('task').where('person_id', '=', person.id).execute()
    // 00:30 on 3 December in Berlin, still 2 December in UTC: the title has run out, no reminder.
    await refreshResidenceExpiryTasks(ctx.database.db, null, { now: new Date('2025-12-02T23:30:00Z') })
    expect(
      await ctx.database.db.selectFrom('task').select('due_on').where('person_id', '=', person.id).execute(),
    ).toEqual([])
    // 00:30 on its last day in Berlin, still the day before in UTC: valid today, reminder due today.
    await refreshResidenceExpiryTasks(ctx.database.db, null, { now: new Date('2025-12-01T23:30:00Z') })
    expect(
      await ctx.database.db.selectFrom('task').select('due_on').where('person_id', '=', person.id).execute(),
    ).toEqual([{ due_on: '2025-12-02' }])
  })
})
