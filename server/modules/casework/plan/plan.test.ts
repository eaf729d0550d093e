import { beforeAll, describe, expect, it } from 'vitest'
import type { Assessment, Case, Goal, Measure } from '../../../../common/casework.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'
import {
  countRows,
  expectProblem,
  goalBody,
  isoDay,
  municipalityIds,
  personWithCase,
} from '../casework.test-helpers.ts'

type Plan = { goals: Goal[]; measures: Measure[] }

describe.each(databaseKinds)('assessment and plan on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let caseManager: TestSession
  let municipality: string
  let kase: Case
  let jobcenter: string
  let lindenauOrganisation: string

  beforeAll(async () => {
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    const lindenauAdmin = await loginAs(ctx.app, 'admin.lindenau')
    ;[municipality] = (await municipalityIds(ctx.database, caseManager.districtId)) as [string]
    kase = (await personWithCase(caseManager, municipality)).case
    const organisations = (await caseManager.request({ method: 'GET', url: '/api/organisations' })).json()
    jobcenter = organisations.find((o: { name: string }) => o.name === 'Jobcenter Rhein-Sieg').id
    const created = await lindenauAdmin.request({
      method: 'POST',
      url: '/api/organisations',
      payload: { name: 'Jobcenter Lindenau', kind: 'jobcenter' },
    })
    expect(created.statusCode, created.body).toBe(201)
    lindenauOrganisation = created.json().id
  })

  const caseUrl = (suffix: string) => `/api/cases/${kase.id}/${suffix}`
  const post = (suffix: string, payload: Record<string, unknown>) =>
    caseManager.request({ method: 'POST', url: caseUrl(suffix), payload })
  const put = (suffix: string, payload: Record<string, unknown>, version?: number) =>
    caseManager.request({
      method: 'PUT',
      url: caseUrl(suffix),
      payload,
      headers: version === undefined ? {} : { 'if-match': `"${version}"` },
    })
  const plan = async () => (await caseManager.request({ method: 'GET', url: caseUrl('plan') })).json() as Plan

  describe('assessments', () => {
    it('returns repeated assessments oldest first, each with its entries', async () => {
      const later = await post('assessments', {
        assessedOn: isoDay(-5),
        entries: [
          { domain: 'language', needLevel: 1, resources: 'A2 erreicht', note: '' },
          { domain: 'work', needLevel: 3, resources: '', note: 'Anerkennung des Abschlusses offen' },
        ],
      })
      expect(later.statusCode, later.body).toBe(201)
      const earlier = await post('assessments', {
        assessedOn: isoDay(-60),
        entries: [{ domain: 'language', needLevel: 3 }],
      })
      expect(earlier.statusCode, earlier.body).toBe(201)
      const listed = earlier.json() as Assessment[]
      expect(listed.map((assessment) => assessment.assessedOn)).toEqual([isoDay(-60), isoDay(-5)])
      expect(listed[0]).toMatchObject({
        createdBy: 'Leyla Yıldız',
        entries: [{ domain: 'language', needLevel: 3, resources: '', note: '' }],
      })
      expect(listed[1]?.entries).toEqual(
        expect.arrayContaining([
          { domain: 'language', needLevel: 1, resources: 'A2 erreicht', note: '' },
          { domain: 'work', needLevel: 3, resources: '', note: 'Anerkennung des Abschlusses offen' },
        ]),
      )
      const read = await caseManager.request({ method: 'GET', url: caseUrl('assessments') })
      expect(read.json()).toEqual(listed)
    })

    it('refuses an assessment dated in the future next to body.assessedOn and stores nothing', async () => {
      const before = await countRows(ctx.database, 'assessment')
      const response = await post('assessments', {
        assessedOn: isoDay(1),
        entries: [{ domain: 'work', needLevel: 1 }],
      })
      expectProblem(response, 400, 'body.assessedOn', 'date-in-future')
      expect(await countRows(ctx.database, 'assessment')).toBe(before)
    })

    it('refuses a life domain twice in one assessment and stores nothing', async () => {
      const before = await countRows(ctx.database, 'assessment_entry')
      const response = await post('assessments', {
        assessedOn: isoDay(),
        entries: [
          { domain: 'work', needLevel: 1 },
          { domain: 'work', needLevel: 2 },
        ],
      })
      expectProblem(response, 400, 'body.entries')
      expect(await countRows(ctx.database, 'assessment_entry')).toBe(before)
    })
  })

  describe('goals', () => {
    it('adds a goal and changes it with the current version', async () => {
      const added = await post(
        'goals',
        goalBody({ domain: 'work', statement: 'Arbeitsstelle in der Pflege', targetDate: isoDay(180) }),
      )
      expect(added.statusCode, added.body).toBe(201)
      const goal = (added.json() as Plan).goals.find(
        (g) => g.statement === 'Arbeitsstelle in der Pflege',
      ) as Goal
      expect(goal).toMatchObject({
        domain: 'work',
        status: 'open',
        outcome: null,
        targetDate: isoDay(180),
        version: 1,
      })

      const changed = await put(
        `goals/${goal.id}`,
        goalBody({ domain: 'work', statement: 'Arbeitsstelle in der Altenpflege', status: 'in-progress' }),
        1,
      )
      expect(changed.statusCode, changed.body).toBe(200)
      expect((changed.json() as Plan).goals.find((g) => g.id === goal.id)).toMatchObject({
        statement: 'Arbeitsstelle in der Altenpflege',
        status: 'in-progress',
        targetDate: null,
        version: 2,
      })
    })

    it('refuses a goal change without If-Match (428) or with a stale version (409) and keeps the goal', async () => {
      const added = await post('goals', goalBody({ statement: 'Führerschein machen' }))
      const goal = (added.json() as Plan).goals.find((g) => g.statement === 'Führerschein machen') as Goal
      expectProblem(await put(`goals/${goal.id}`, goalBody({ statement: 'Ohne Version' })), 428)
      expect(
        (await put(`goals/${goal.id}`, goalBody({ statement: 'Führerschein Klasse B' }), 1)).statusCode,
      ).toBe(200)
      expectProblem(await put(`goals/${goal.id}`, goalBody({ statement: 'Veraltet' }), 1), 409)
      expect((await plan()).goals.find((g) => g.id === goal.id)).toMatchObject({
        statement: 'Führerschein Klasse B',
        version: 2,
      })
    })

    it('answers 404 for a goal of another case', async () => {
      const other = (await personWithCase(caseManager, municipality)).case
      const added = await caseManager.request({
        method: 'POST',
        url: `/api/cases/${other.id}/goals`,
        payload: goalBody(),
      })
      const goalId = (added.json() as Plan).goals[0]?.id
      expectProblem(await put(`goals/${goalId}`, goalBody({ statement: 'Quer verändert' }), 1), 404)
      const row = await ctx.database.db
        .selectFrom('goal')
        .select('statement')
        .where('id', '=', goalId as string)
        .executeTakeFirst()
      expect(row?.statement).toBe(goalBody().statement)
    })
  })

  describe('measures', () => {
    it('adds a measure of the client linked to a goal and changes it with the current version', async () => {
      const goal = (await plan()).goals[0] as Goal
      const added = await post('measures', {
        goalId: goal.id,
        description: 'Bewerbungsunterlagen erstellen',
        owner: 'client',
        dueOn: isoDay(14),
      })
      expect(added.statusCode, added.body).toBe(201)
      const measure = (added.json() as Plan).measures.find(
        (m) => m.description === 'Bewerbungsunterlagen erstellen',
      ) as Measure
      expect(measure).toMatchObject({
        goalId: goal.id,
        owner: 'client',
        organisationId: null,
        status: 'planned',
        version: 1,
      })

      const changed = await put(
        `measures/${measure.id}`,
        { goalId: goal.id, description: 'Bewerbungsunterlagen erstellen', owner: 'client', status: 'done' },
        1,
      )
      expect(changed.statusCode, changed.body).toBe(200)
      expect((changed.json() as Plan).measures.find((m) => m.id === measure.id)).toMatchObject({
        status: 'done',
        version: 2,
      })
      expectProblem(await put(`measures/${measure.id}`, { description: 'Veraltet', owner: 'client' }, 1), 409)
      expectProblem(
        await put(`measures/${measure.id}`, { description: 'Ohne Version', owner: 'client' }),
        428,
      )
    })

    it('adds a partner measure with an organisation of the district and shows its name', async () => {
      const added = await post('measures', {
        description: 'Beratung zur beruflichen Anerkennung',
        owner: 'partner',
        organisationId: jobcenter,
      })
      expect(added.statusCode, added.body).toBe(201)
      expect((added.json() as Plan).measures).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            owner: 'partner',
            organisationId: jobcenter,
            organisationName: 'Jobcenter Rhein-Sieg',
          }),
        ]),
      )
    })

    it('refuses a partner measure without organisation next to body.organisationId', async () => {
      const before = await countRows(ctx.database, 'measure')
      const response = await post('measures', { description: 'Sprachkurs vermitteln', owner: 'partner' })
      expectProblem(response, 400, 'body.organisationId')
      expect(await countRows(ctx.database, 'measure')).toBe(before)
    })

    it('refuses an organisation for a measure the client does themselves', async () => {
      const response = await post('measures', {
        description: 'Sprachkurs besuchen',
        owner: 'client',
        organisationId: jobcenter,
      })
      expectProblem(response, 400, 'body.organisationId')
    })

    it("refuses another district's organisation as partner and stores nothing", async () => {
      const before = await countRows(ctx.database, 'measure')
      const response = await post('measures', {
        description: 'Vermittlung über Lindenau',
        owner: 'partner',
        organisationId: lindenauOrganisation,
      })
      expectProblem(response, 422, 'body.organisationId', 'unknown-reference')
      expect(await countRows(ctx.database, 'measure')).toBe(before)
    })

    it('refuses a measure linked to a goal of another case', async () => {
      const other = (await personWithCase(caseManager, municipality)).case
      const added = await caseManager.request({
        method: 'POST',
        url: `/api/cases/${other.id}/goals`,
        payload: goalBody(),
      })
      const goalId = (added.json() as Plan).goals[0]?.id
      const response = await post('measures', { goalId, description: 'Quer verknüpft', owner: 'client' })
      expectProblem(response, 422, 'body.goalId', 'unknown-reference')
    })
  })
})
