import { beforeAll, describe, expect, it } from 'vitest'
import type { Case, Person, Task, TaskPage } from '../../../../common/casework.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'
import {
  changePhase,
  createUser,
  expectProblem,
  isoDay,
  municipalityIds,
  personWithCase,
  putSettings,
  registerPerson,
  teamIdByName,
} from '../casework.test-helpers.ts'
import { dayBounds, refreshResidenceExpiryTasks } from './task.service.ts'

describe.each(databaseKinds)('tasks on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let admin: TestSession
  let caseManager: TestSession
  let colleague: TestSession
  let municipality: string

  beforeAll(async () => {
    admin = await loginAs(ctx.app, 'admin')
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    const teamNord = await teamIdByName(ctx.database, caseManager.districtId, 'Team Nord')
    await createUser(admin, 'aufgaben.kollege', ['case_manager'], [teamNord])
    colleague = await loginAs(ctx.app, 'aufgaben.kollege')
    ;[municipality] = (await municipalityIds(ctx.database, caseManager.districtId)) as [string]
  })

  const createTask = async (session: TestSession, payload: Record<string, unknown>) => {
    const response = await session.request({ method: 'POST', url: '/api/tasks', payload })
    expect(response.statusCode, response.body).toBe(201)
    return response.json() as Task
  }
  const myTaskPage = async (session: TestSession, query = '') => {
    const response = await session.request({ method: 'GET', url: `/api/tasks${query}` })
    expect(response.statusCode, response.body).toBe(200)
    return response.json() as TaskPage
  }
  /** Every page of my tasks, so that the demo's many reminders never hide the task looked for. */
  const myTasks = async (session: TestSession, include: 'open' | 'all' = 'open') => {
    const tasks: Task[] = []
    for (let offset = 0; ; offset += 200) {
      const page = await myTaskPage(session, `?include=${include}&limit=200&offset=${offset}`)
      tasks.push(...page.items)
      if (page.items.length < 200) return tasks
    }
  }
  const putTask = (session: TestSession, task: Task, changes: Record<string, unknown>, version?: number) =>
    session.request({
      method: 'PUT',
      url: `/api/tasks/${task.id}`,
      payload: { title: task.title, dueOn: task.dueOn, assigneeId: task.assigneeId, done: false, ...changes },
      headers: version === undefined ? {} : { 'if-match': `"${version}"` },
    })
  const expiryTasks = (personId: string) =>
    ctx.database.db
      .selectFrom('task')
      .selectAll()
      .where('person_id', '=', personId)
      .where('source', '=', 'residence-expiry')
      .execute()
  const addResidenceStatus = async (person: Person, validUntil: string, status = 'residence-permit') => {
    const response = await caseManager.request({
      method: 'POST',
      url: `/api/persons/${person.id}/residence-statuses`,
      payload: { status, legalParagraph: '§ 25 Abs. 2 AufenthG', validFrom: isoDay(-300), validUntil },
    })
    expect(response.statusCode, response.body).toBe(201)
    return response.json() as Person
  }

  describe('manual tasks', () => {
    it('creates a task for myself, linked to my case, and lists it among my open tasks', async () => {
      const { case: kase } = await personWithCase(caseManager, municipality)
      const task = await createTask(caseManager, {
        title: 'Nachweise anfordern',
        dueOn: isoDay(5),
        caseId: kase.id,
      })
      expect(task).toMatchObject({
        title: 'Nachweise anfordern',
        dueOn: isoDay(5),
        assigneeId: caseManager.userId,
        assigneeName: 'Leyla Yıldız',
        caseId: kase.id,
        caseReference: kase.reference,
        source: 'manual',
        doneAt: null,
        overdue: false,
        version: 1,
      })
      expect((await myTasks(caseManager)).map((t) => t.id)).toContain(task.id)
      const listed = (await caseManager.request({ method: 'GET', url: '/api/cases?limit=200' })).json()
      expect(listed.items.find((item: Case) => item.id === kase.id)).toMatchObject({
        openTaskCount: 1,
        overdueTaskCount: 0,
      })
    })

    it('flags a task past its due day as overdue, on the task and on the case', async () => {
      const { case: kase } = await personWithCase(caseManager, municipality)
      const task = await createTask(caseManager, {
        title: 'Rückruf Ausländerbehörde',
        dueOn: isoDay(-2),
        caseId: kase.id,
      })
      expect(task.overdue).toBe(true)
      expect(await createTask(caseManager, { title: 'Heute fällig', dueOn: isoDay() })).toMatchObject({
        overdue: false,
      })
      const read = (await caseManager.request({ method: 'GET', url: `/api/cases/${kase.id}` })).json()
      expect(read).toMatchObject({ openTaskCount: 1, overdueTaskCount: 1 })
    })

    it('assigns a task to a colleague, who sees it in their list', async () => {
      const task = await createTask(caseManager, {
        title: 'Vertretung übernehmen',
        dueOn: isoDay(3),
        assigneeId: colleague.userId,
      })
      expect(task.assigneeId).toBe(colleague.userId)
      expect((await myTasks(colleague)).map((t) => t.id)).toContain(task.id)
      expect((await myTasks(caseManager)).map((t) => t.id)).not.toContain(task.id)
    })

    it('completes a task with the current version; it leaves the open list but stays in "all"', async () => {
      const task = await createTask(caseManager, { title: 'Antrag abgeben', dueOn: isoDay(-1) })
      const done = await putTask(caseManager, task, { done: true }, 1)
      expect(done.statusCode, done.body).toBe(200)
      expect(done.json()).toMatchObject({
        id: task.id,
        version: 2,
        overdue: false,
        doneAt: expect.any(String),
      })
      expect((await myTasks(caseManager)).map((t) => t.id)).not.toContain(task.id)
      expect((await myTasks(caseManager, 'all')).map((t) => t.id)).toContain(task.id)
    })

    it('keeps the time a task was done when a done task is changed again, and clears it on reopening', async () => {
      const task = await createTask(caseManager, { title: 'Bescheid abheften', dueOn: isoDay(-1) })
      const done = (await putTask(caseManager, task, { done: true }, 1)).json() as Task
      const retitled = await putTask(caseManager, task, { title: 'Bescheid abgeheftet', done: true }, 2)
      expect(retitled.statusCode, retitled.body).toBe(200)
      expect(retitled.json()).toMatchObject({ title: 'Bescheid abgeheftet', doneAt: done.doneAt, version: 3 })
      const reopened = await putTask(caseManager, task, { done: false }, 3)
      expect(reopened.json()).toMatchObject({ doneAt: null, version: 4 })
    })

    it('refuses a task change without If-Match (428) or with a stale version (409) and keeps the task', async () => {
      const task = await createTask(caseManager, { title: 'Termin Jobcenter', dueOn: isoDay(10) })
      expectProblem(await putTask(caseManager, task, { done: true }), 428)
      expect(
        (await putTask(caseManager, task, { title: 'Termin Jobcenter (verschoben)', dueOn: isoDay(12) }, 1))
          .statusCode,
      ).toBe(200)
      expectProblem(await putTask(caseManager, task, { done: true }, 1), 409)
      const row = await ctx.database.db
        .selectFrom('task')
        .selectAll()
        .where('id', '=', task.id)
        .executeTakeFirstOrThrow()
      expect(row).toMatchObject({
        title: 'Termin Jobcenter (verschoben)',
        due_on: isoDay(12),
        done_at: null,
        version: 2,
      })
    })

    it("refuses to change somebody else's task with 403", async () => {
      const task = await createTask(colleague, { title: 'Eigene Notiz', dueOn: isoDay(2) })
      expectProblem(await putTask(caseManager, task, { done: true }, 1), 403)
    })

    it('refuses a partner a task of their own with 403', async () => {
      const partner = await loginAs(ctx.app, 'partner.jobcenter')
      const response = await partner.request({
        method: 'POST',
        url: '/api/tasks',
        payload: { title: 'Partneraufgabe', dueOn: isoDay() },
      })
      expectProblem(response, 403)
    })
  })

  describe('reminders before a residence title runs out', () => {
    it('sets a task for the case manager, due today when the title runs out within the lead time', async () => {
      const { person, case: kase } = await personWithCase(caseManager, municipality, { familyName: 'Ablauf' })
      await addResidenceStatus(person, isoDay(60))
      const tasks = await expiryTasks(person.id)
      expect(tasks).toEqual([
        expect.objectContaining({
          assignee_id: caseManager.userId,
          case_id: kase.id,
          person_id: person.id,
          source: 'residence-expiry',
          due_on: isoDay(),
          done_at: null,
        }),
      ])
      const mine = (await myTasks(caseManager)).find((task) => task.id === tasks[0]?.id)
      expect(mine).toMatchObject({
        source: 'residence-expiry',
        caseId: kase.id,
        caseReference: kase.reference,
      })
    })

    it('sets the task 90 days before the end of a title that runs longer', async () => {
      const { person } = await personWithCase(caseManager, municipality, { familyName: 'Spaeter' })
      await addResidenceStatus(person, isoDay(200))
      expect((await expiryTasks(person.id)).map((task) => task.due_on)).toEqual([isoDay(110)])
    })

    it('makes no task for a title without end or one that ran out already', async () => {
      const { person } = await personWithCase(caseManager, municipality, { familyName: 'Unbefristet' })
      const unlimited = await caseManager.request({
        method: 'POST',
        url: `/api/persons/${person.id}/residence-statuses`,
        payload: { status: 'settlement-permit', legalParagraph: '§ 9 AufenthG' },
      })
      expect(unlimited.statusCode).toBe(201)
      await addResidenceStatus(person, isoDay(-5), 'toleration')
      expect(await expiryTasks(person.id)).toEqual([])
    })

    it('creates no second task when the job runs again', async () => {
      const { person } = await personWithCase(caseManager, municipality, { familyName: 'Zweimal' })
      await addResidenceStatus(person, isoDay(45))
      expect(await expiryTasks(person.id)).toHaveLength(1)
      await refreshResidenceExpiryTasks(ctx.database.db, null, { now: new Date() })
      await refreshResidenceExpiryTasks(ctx.database.db, null, { now: new Date() })
      await refreshResidenceExpiryTasks(ctx.database.db, caseManager.districtId, { now: new Date() })
      expect(await expiryTasks(person.id)).toHaveLength(1)
    })

    it('creates no second task when the same title is recorded again', async () => {
      const { person } = await personWithCase(caseManager, municipality, { familyName: 'Doppelt' })
      await addResidenceStatus(person, isoDay(50))
      await addResidenceStatus(person, isoDay(50))
      expect(await expiryTasks(person.id)).toHaveLength(1)
    })

    it('gives the task to whoever registered the person when there is no open case', async () => {
      const person = await registerPerson(caseManager, municipality, { familyName: 'Ohnefall' })
      await addResidenceStatus(person, isoDay(30))
      expect(await expiryTasks(person.id)).toEqual([
        expect.objectContaining({ assignee_id: caseManager.userId, case_id: null }),
      ])
    })

    it("gives the task to the open case's manager, not to a closed case", async () => {
      const { person, case: closed } = await personWithCase(caseManager, municipality, {
        familyName: 'Wechsel',
      })
      expect(
        (
          await changePhase(caseManager, closed.id, closed.version, {
            to: 'closed',
            closingReason: 'handed-over',
          })
        ).statusCode,
      ).toBe(200)
      const reopened = await colleague.request({
        method: 'POST',
        url: '/api/cases',
        payload: { personIds: [person.id], municipalityId: municipality },
      })
      expect(reopened.statusCode, reopened.body).toBe(201)
      await addResidenceStatus(person, isoDay(20))
      expect(await expiryTasks(person.id)).toEqual([
        expect.objectContaining({ assignee_id: colleague.userId, case_id: reopened.json().id }),
      ])
    })

    it("respects the district's lead days", async () => {
      await putSettings(admin, { teamCasesVisibleToCaseManagers: true, residenceExpiryLeadDays: 30 })
      try {
        const { person } = await personWithCase(caseManager, municipality, { familyName: 'Vorlauf' })
        await addResidenceStatus(person, isoDay(100))
        expect((await expiryTasks(person.id)).map((task) => task.due_on)).toEqual([isoDay(70)])
      } finally {
        await putSettings(admin, { teamCasesVisibleToCaseManagers: true, residenceExpiryLeadDays: 90 })
      }
    })

    it('uses the default lead days (90) in a district that never saved its settings', async () => {
      await putSettings(admin, { teamCasesVisibleToCaseManagers: true, residenceExpiryLeadDays: 90 })
      await ctx.database.ownerDb
        .deleteFrom('case_work_setting')
        .where('district_id', '=', caseManager.districtId)
        .execute()
      const { person } = await personWithCase(caseManager, municipality, { familyName: 'Ohneeinstellung' })
      await addResidenceStatus(person, isoDay(100))
      expect((await expiryTasks(person.id)).map((task) => task.due_on)).toEqual([isoDay(10)])
    })

    it('picks up titles recorded before a reminder was due in the job run', async () => {
      const { person } = await personWithCase(caseManager, municipality, { familyName: 'Nachgeholt' })
      // A title recorded outside the API (e.g. by an import) gets its task from the job.
      await ctx.database.db
        .insertInto('residence_status')
        .values({
          district_id: caseManager.districtId,
          person_id: person.id,
          status: 'residence-permit',
          legal_paragraph: '',
          valid_from: null,
          valid_until: isoDay(40),
          recorded_by: caseManager.userId,
        })
        .execute()
      expect(await expiryTasks(person.id)).toEqual([])
      expect(
        await refreshResidenceExpiryTasks(ctx.database.db, null, { now: new Date() }),
      ).toBeGreaterThanOrEqual(1)
      expect(await expiryTasks(person.id)).toHaveLength(1)
      expect(await refreshResidenceExpiryTasks(ctx.database.db, null, { now: new Date() })).toBe(0)
    })
  })

  describe('the reminders list', () => {
    // The demo district counts its days in Europe/Berlin, as isoDay does.
    const days = dayBounds(isoDay())
    const berlinDay = isoDay

    it('pages on the server and counts overdue, today, this week and later over all pages', async () => {
      const teamNord = await teamIdByName(ctx.database, caseManager.districtId, 'Team Nord')
      await createUser(admin, 'seiten.kollegin', ['case_manager'], [teamNord])
      const reader = await loginAs(ctx.app, 'seiten.kollegin')
      const thisWeek = days.weekEnd > days.today ? [days.weekEnd] : []
      const dueDays = [berlinDay(-3), berlinDay(-1), days.today, ...thisWeek, berlinDay(10), berlinDay(40)]
      for (const [index, dueOn] of dueDays.entries()) {
        await createTask(reader, { title: `Aufgabe ${index}`, dueOn })
      }
      const first = await myTaskPage(reader, '?limit=2')
      expect(first).toMatchObject({
        total: dueDays.length,
        limit: 2,
        offset: 0,
        groups: { overdue: 2, today: 1, 'this-week': thisWeek.length, later: 2, done: 0 },
      })
      expect(first.items.map((task) => [task.dueOn, task.dueGroup])).toEqual([
        [berlinDay(-3), 'overdue'],
        [berlinDay(-1), 'overdue'],
      ])
      const rest = await myTaskPage(reader, '?limit=50&offset=2')
      expect(rest.items.map((task) => [task.dueOn, task.dueGroup])).toEqual([
        [days.today, 'today'],
        ...thisWeek.map((day) => [day, 'this-week']),
        [berlinDay(10), 'later'],
        [berlinDay(40), 'later'],
      ])
      expect(rest.total).toBe(dueDays.length)
      const later = await myTaskPage(reader, '?group=later&limit=1&offset=1')
      expect(later).toMatchObject({ total: 2, groups: { overdue: 2, later: 2 } })
      expect(later.items.map((task) => task.dueOn)).toEqual([berlinDay(40)])
    })

    it('ends the week on Sunday: on a Sunday the week is today alone', () => {
      expect(dayBounds('2026-04-05')).toEqual({ today: '2026-04-05', weekEnd: '2026-04-05' })
      expect(dayBounds('2026-04-06')).toEqual({ today: '2026-04-06', weekEnd: '2026-04-12' })
      expect(dayBounds('2026-12-31')).toEqual({ today: '2026-12-31', weekEnd: '2027-01-03' })
    })

    it('names the client and the day the title runs out on a residence reminder', async () => {
      const { person } = await personWithCase(caseManager, municipality, {
        familyName: 'Fiktion',
        givenNames: 'Amina',
      })
      await addResidenceStatus(person, isoDay(40), 'fictional-certificate')
      const [row] = await expiryTasks(person.id)
      const listed = (await myTasks(caseManager)).find((task) => task.id === row?.id)
      expect(listed).toMatchObject({
        source: 'residence-expiry',
        personId: person.id,
        person: { id: person.id, familyName: 'Fiktion', givenNames: 'Amina' },
        residence: { status: 'fictional-certificate', validUntil: isoDay(40) },
      })
    })

    it('keeps the name from an assignee who may not read the person, but still links the task', async () => {
      const { person } = await personWithCase(caseManager, municipality, { familyName: 'Verborgen' })
      const south = await loginAs(ctx.app, 'fallmanagement.sued')
      const task = await createTask(caseManager, {
        title: 'Unterlagen an Team Süd',
        dueOn: isoDay(4),
        personId: person.id,
        assigneeId: south.userId,
      })
      expect(task.person).toMatchObject({ familyName: 'Verborgen' })
      const listed = (await myTasks(south)).find((item) => item.id === task.id)
      expect(listed).toMatchObject({ personId: person.id, person: null, residence: null })
    })
  })

  describe('closing a case that has open tasks', () => {
    const taskRows = (caseId: string) =>
      ctx.database.db
        .selectFrom('task')
        .select(['id', 'title', 'assignee_id', 'done_at', 'version'])
        .where('case_id', '=', caseId)
        .orderBy('title')
        .execute()
    const caseRow = (caseId: string) =>
      ctx.database.db
        .selectFrom('client_case')
        .select(['phase', 'version', 'closed_on'])
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow()
    const auditRows = (subjectIds: string[]) =>
      ctx.database.db
        .selectFrom('audit_event')
        .select(['action', 'subject_id', 'purpose', 'actor_id'])
        .where('subject_id', 'in', subjectIds)
        .orderBy('id')
        .execute()
    const close = (kase: Case, extra: Record<string, unknown> = {}, version = kase.version) =>
      changePhase(caseManager, kase.id, version, { to: 'closed', closingReason: 'moved-away', ...extra })

    /** A case with two open tasks (one of them the colleague's) and one already done. */
    const caseWithTasks = async (familyName: string) => {
      const { case: kase } = await personWithCase(caseManager, municipality, { familyName })
      const mine = await createTask(caseManager, { title: 'A Nachweise', dueOn: isoDay(3), caseId: kase.id })
      const theirs = await createTask(caseManager, {
        title: 'B Rückruf',
        dueOn: isoDay(-2),
        caseId: kase.id,
        assigneeId: colleague.userId,
      })
      const done = await createTask(caseManager, { title: 'C Erledigt', dueOn: isoDay(-5), caseId: kase.id })
      const ticked = await putTask(caseManager, done, { done: true }, done.version)
      expect(ticked.statusCode, ticked.body).toBe(200)
      return { kase, mine, theirs, done: ticked.json() as Task }
    }

    it('refuses to close without a decision, naming the number of open tasks, and changes nothing', async () => {
      const { kase, mine, theirs, done } = await caseWithTasks('Offenbleib')
      const before = await taskRows(kase.id)
      const problem = expectProblem(await close(kase), 422, 'body.openTasks', 'open-tasks-decision-required')
      expect(problem).toMatchObject({
        code: 'open-tasks-decision-required',
        detail: 'The case has 2 open tasks: send openTasks "complete" or "keep".',
      })
      expect(await caseRow(kase.id)).toMatchObject({
        phase: 'intake',
        version: kase.version,
        closed_on: null,
      })
      expect(await taskRows(kase.id)).toEqual(before)
      expect(
        (await auditRows([kase.id, mine.id, theirs.id, done.id])).map((row) => row.action),
      ).not.toContain('case.close')
    })

    it('marks every open task of the case done when asked, audited per task, in the same change', async () => {
      const { kase, mine, theirs, done } = await caseWithTasks('Erledigen')
      const other = await createTask(caseManager, { title: 'Anderer Fall', dueOn: isoDay(1) })
      const closed = await close(kase, { openTasks: 'complete' })
      expect(closed.statusCode, closed.body).toBe(200)
      expect(closed.json()).toMatchObject({ phase: 'closed', openTaskCount: 0, overdueTaskCount: 0 })
      const rows = await taskRows(kase.id)
      expect(rows).toEqual([
        expect.objectContaining({ id: mine.id, assignee_id: caseManager.userId, version: mine.version + 1 }),
        expect.objectContaining({
          id: theirs.id,
          assignee_id: colleague.userId,
          version: theirs.version + 1,
        }),
        expect.objectContaining({ id: done.id, done_at: done.doneAt, version: done.version }),
      ])
      expect(rows.every((row) => row.done_at !== null)).toBe(true)
      // The colleague sees the reminder done; a task outside the case stays open.
      expect((await myTasks(colleague)).map((task) => task.id)).not.toContain(theirs.id)
      expect((await myTasks(caseManager)).map((task) => task.id)).toContain(other.id)
      const audit = await auditRows([mine.id, theirs.id, done.id])
      const closing = audit.filter((row) => row.purpose === 'case-closed')
      expect(closing).toHaveLength(2)
      expect(closing).toEqual(
        expect.arrayContaining(
          [mine.id, theirs.id].map((id) => ({
            action: 'task.update',
            subject_id: id,
            purpose: 'case-closed',
            actor_id: caseManager.userId,
          })),
        ),
      )
    })

    it('keeps the open tasks with their assignees when asked', async () => {
      const { kase, mine, theirs } = await caseWithTasks('Behalten')
      const closed = await close(kase, { openTasks: 'keep' })
      expect(closed.statusCode, closed.body).toBe(200)
      expect(closed.json()).toMatchObject({ phase: 'closed', openTaskCount: 2, overdueTaskCount: 1 })
      expect(await taskRows(kase.id)).toEqual([
        expect.objectContaining({ id: mine.id, done_at: null, version: mine.version }),
        expect.objectContaining({ id: theirs.id, assignee_id: colleague.userId, done_at: null }),
        expect.objectContaining({ title: 'C Erledigt' }),
      ])
      expect((await myTasks(colleague)).map((task) => task.id)).toContain(theirs.id)
      expect((await auditRows([mine.id, theirs.id])).filter((row) => row.purpose === 'case-closed')).toEqual(
        [],
      )
    })

    it('completes nothing when the closing itself is refused', async () => {
      const { kase, mine } = await caseWithTasks('Abgelehnt')
      const before = await taskRows(kase.id)
      // A stale version, then a missing closing reason: each refusal leaves every task as it was.
      expectProblem(await close(kase, { openTasks: 'complete' }, kase.version + 5), 409)
      expectProblem(
        await changePhase(caseManager, kase.id, kase.version, { to: 'closed', openTasks: 'complete' }),
        422,
        'body.closingReason',
      )
      expect(await taskRows(kase.id)).toEqual(before)
      expect(await caseRow(kase.id)).toMatchObject({ phase: 'intake' })
      expect((await auditRows([mine.id])).filter((row) => row.purpose === 'case-closed')).toEqual([])
    })

    it('needs no decision when every task is done, and refuses an unknown one with 400', async () => {
      const { case: kase } = await personWithCase(caseManager, municipality, { familyName: 'Ohneoffen' })
      expectProblem(await close(kase, { openTasks: 'later' }), 400, 'body.openTasks')
      const task = await createTask(caseManager, {
        title: 'Schon erledigt',
        dueOn: isoDay(1),
        caseId: kase.id,
      })
      await putTask(caseManager, task, { done: true }, task.version)
      const closed = await close(kase)
      expect(closed.statusCode, closed.body).toBe(200)
      expect(closed.json().phase).toBe('closed')
    })
  })
})
