import { beforeAll, describe, expect, it } from 'vitest'
import type {
  GoalAgreement,
  GoalAgreementDetail,
  Indicator,
  IndicatorList,
} from '../../../../common/goals.ts'
import type { RegisterEntry } from '../../../../common/steering.ts'
import { testClock, useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'

describe.each(databaseKinds)('goal agreements on %s', (kind) => {
  const time = testClock()
  const ctx = useTestApp(kind, {}, { clock: time.clock })
  useDemoData(ctx)
  let coordinator: TestSession
  let caseManager: TestSession
  let reportReader: TestSession
  let lindenauAdmin: TestSession
  const ids = { jobcenter: '', sozialamt: '', ki: '', decision: '', foreignDecision: '', lindenauOrg: '' }

  const organisation = async (districtId: string, name: string) =>
    (
      await ctx.database.db
        .selectFrom('organisation')
        .select('id')
        .where('district_id', '=', districtId)
        .where('name', '=', name)
        .executeTakeFirstOrThrow()
    ).id
  const countRows = async (
    table: 'goal_agreement' | 'goal_agreement_party' | 'goal_indicator' | 'goal_indicator_value',
  ) =>
    Number(
      (
        await ctx.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const counts = () =>
    Promise.all([
      countRows('goal_agreement'),
      countRows('goal_agreement_party'),
      countRows('goal_indicator'),
      countRows('goal_indicator_value'),
    ])
  const post = async (session: TestSession, url: string, payload: object) =>
    session.request({ method: 'POST', url, payload })
  const created = async (url: string, payload: object) => {
    const response = await post(coordinator, url, payload)
    expect(response.statusCode, response.body).toBe(201)
    return response.json() as GoalAgreementDetail
  }
  const agreementInput = () => ({
    title: 'Übergänge in Arbeit beschleunigen',
    goalStatement: 'Jobcenter und KI vereinbaren kürzere Wege nach der Anerkennung.',
    partyIds: [ids.jobcenter, ids.sozialamt],
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    decisionId: ids.decision,
    responsibleOrganisationId: ids.ki,
  })
  const manualIndicator = {
    name: 'Teilnehmende an Berufssprachkursen',
    unit: 'count',
    baseline: 40,
    target: 100,
    direction: 'increase',
    source: 'manual',
  }

  beforeAll(async () => {
    time.set('2026-07-02T08:00:00Z')
    coordinator = await loginAs(ctx.app, 'koordination')
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    reportReader = await loginAs(ctx.app, 'bericht')
    lindenauAdmin = await loginAs(ctx.app, 'admin.lindenau')
    ids.jobcenter = await organisation(coordinator.districtId, 'Jobcenter Rhein-Sieg')
    ids.sozialamt = await organisation(coordinator.districtId, 'Sozialamt Rhein-Sieg-Kreis')
    ids.ki = await organisation(coordinator.districtId, 'Kommunales Integrationszentrum Rhein-Sieg-Kreis')
    const register = await coordinator.request({ method: 'GET', url: '/api/decisions?q=Zielvereinbarungen' })
    ids.decision = (register.json().items as RegisterEntry[]).find((entry) => entry.number === 'LG 2026/7')
      ?.id as string
    expect(ids.decision).toBeTruthy()
    // A decision of Kreis Lindenau, to refer to from Rhein-Sieg.
    const body = (
      await post(lindenauAdmin, '/api/bodies', { kind: 'committee', name: 'Ausschuss Lindenau' })
    ).json()
    const meeting = (
      await post(lindenauAdmin, '/api/meetings', {
        bodyId: body.id,
        title: 'Sitzung',
        date: '2026-06-01',
        startTime: '10:00',
        endTime: '11:00',
        place: 'Rathaus',
      })
    ).json()
    const withDecision = (
      await post(lindenauAdmin, `/api/meetings/${meeting.id}/decisions`, { text: 'Ein Beschluss.' })
    ).json()
    ids.foreignDecision = withDecision.decisions[0].id
    ids.lindenauOrg = (
      await post(lindenauAdmin, '/api/organisations', { name: 'Jobcenter Lindenau', kind: 'jobcenter' })
    ).json().id
  })

  it('records an agreement with parties, period, decision and responsible organisation, and lists it', async () => {
    const agreement = await created('/api/goal-agreements', agreementInput())
    expect(agreement).toMatchObject({
      title: 'Übergänge in Arbeit beschleunigen',
      parties: [
        { id: ids.jobcenter, name: 'Jobcenter Rhein-Sieg' },
        { id: ids.sozialamt, name: 'Sozialamt Rhein-Sieg-Kreis' },
      ],
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      decision: { id: ids.decision, number: 'LG 2026/7', bodyName: 'Lenkungsgruppe KIM Rhein-Sieg-Kreis' },
      responsibleOrganisation: { id: ids.ki },
      indicatorCount: 0,
      status: 'no_data',
      version: 1,
    })
    const list = await coordinator.request({ method: 'GET', url: '/api/goal-agreements' })
    expect((list.json().items as GoalAgreement[]).map((item) => item.id)).toContain(agreement.id)
  })

  it('keeps indicators by hand: values in their unit, current is the latest, status by the rule', async () => {
    const agreement = await created('/api/goal-agreements', agreementInput())
    const withIndicator = await created(`/api/goal-agreements/${agreement.id}/indicators`, manualIndicator)
    const indicatorId = withIndicator.indicators[0]?.id as string
    expect(withIndicator.indicators[0]).toMatchObject({ source: 'manual', current: null, status: 'no_data' })
    const valuesUrl = `/api/goal-agreements/${agreement.id}/indicators/${indicatorId}/values`
    await created(valuesUrl, { measuredOn: '2026-03-31', value: 50, note: 'Erstes Quartal' })
    const after = await created(valuesUrl, { measuredOn: '2026-06-30', value: 58 })
    // 30 June: 180 of 364 days passed (0.4945); progress (58 − 40) / 60 = 0.3: 19 points behind → at risk.
    expect(after.indicators[0]).toMatchObject({
      current: 58,
      currentPeriod: '2026-06-30',
      progress: 0.3,
      expectedProgress: 0.4945,
      status: 'at_risk',
    })
    expect(after.indicators[0]?.series.map((point) => [point.period, point.value, point.note])).toEqual([
      ['2026-03-31', 50, 'Erstes Quartal'],
      ['2026-06-30', 58, ''],
    ])
    expect(after).toMatchObject({ status: 'at_risk', statusCounts: { at_risk: 1 } })
    const indicators = await reportReader.request({
      method: 'GET',
      url: `/api/goal-agreements/${agreement.id}/indicators`,
    })
    expect(indicators.statusCode).toBe(200)
    expect((indicators.json() as IndicatorList).items[0]).toMatchObject({
      current: 58,
      target: 100,
      status: 'at_risk',
    })
  })

  it('decides the status at its boundaries: 10 points behind on track, more at risk', async () => {
    const agreement = await created('/api/goal-agreements', {
      ...agreementInput(),
      startsOn: '2026-06-01',
      endsOn: '2026-06-11',
    })
    // Day 6 of a ten-day period: half passed.
    time.set('2026-06-06T10:00:00Z')
    const indicatorFor = async (value: number) => {
      const detail = await created(`/api/goal-agreements/${agreement.id}/indicators`, {
        ...manualIndicator,
        name: `Anteil ${value}`,
        unit: 'percent',
        baseline: 0,
        target: 100,
      })
      const indicator = detail.indicators.at(-1) as { id: string }
      const url = `/api/goal-agreements/${agreement.id}/indicators/${indicator.id}/values`
      const after = await created(url, { measuredOn: '2026-06-06', value })
      return after.indicators.find((each) => each.id === indicator.id)?.status
    }
    expect(await indicatorFor(40)).toBe('on_track')
    expect(await indicatorFor(39.9)).toBe('at_risk')
    expect(await indicatorFor(25)).toBe('at_risk')
    expect(await indicatorFor(24.9)).toBe('off_track')
    time.set('2026-07-02T08:00:00Z')
  })

  it('changes an agreement only with the version it was read at', async () => {
    const agreement = await created('/api/goal-agreements', agreementInput())
    const url = `/api/goal-agreements/${agreement.id}`
    const payload = { ...agreementInput(), title: 'Geänderter Titel', partyIds: [ids.jobcenter] }
    const missing = await coordinator.request({ method: 'PUT', url, payload })
    expect(missing.statusCode).toBe(428)
    const changed = await coordinator.request({ method: 'PUT', url, payload, headers: { 'if-match': '"1"' } })
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json()).toMatchObject({
      title: 'Geänderter Titel',
      version: 2,
      parties: [{ id: ids.jobcenter }],
    })
    const stale = await coordinator.request({
      method: 'PUT',
      url,
      payload: { ...payload, title: 'Veraltet' },
      headers: { 'if-match': '"1"' },
    })
    expect(stale.statusCode).toBe(409)
    const read = await coordinator.request({ method: 'GET', url })
    expect(read.json()).toMatchObject({ title: 'Geänderter Titel', version: 2 })
  })

  it("changes and removes an indicator with If-Match on the agreement's version, audited", async () => {
    const agreement = await created('/api/goal-agreements', agreementInput())
    const withIndicator = await created(`/api/goal-agreements/${agreement.id}/indicators`, manualIndicator)
    const indicator = withIndicator.indicators[0] as Indicator
    const url = `/api/goal-agreements/${agreement.id}/indicators/${indicator.id}`
    const send = (
      method: 'PUT' | 'DELETE',
      version: number | null,
      payload?: object,
      session = coordinator,
    ) =>
      session.request({
        method,
        url,
        ...(payload ? { payload } : {}),
        headers: version === null ? {} : { 'if-match': `"${version}"` },
      })
    const changed = { ...manualIndicator, name: 'Plätze in Berufssprachkursen', target: 120 }
    expect((await send('PUT', null, changed)).statusCode).toBe(428)
    expect((await send('PUT', withIndicator.version + 1, changed)).statusCode).toBe(409)
    expect((await send('PUT', withIndicator.version, changed, caseManager)).statusCode).toBe(403)
    expect((await send('PUT', withIndicator.version, changed, lindenauAdmin)).statusCode).toBe(404)
    const stale = await counts()
    const updated = await send('PUT', withIndicator.version, changed)
    expect(updated.statusCode, updated.body).toBe(200)
    const afterUpdate = updated.json() as GoalAgreementDetail
    expect(afterUpdate.version).toBe(withIndicator.version + 1)
    expect(afterUpdate.indicators[0]).toMatchObject({
      id: indicator.id,
      name: 'Plätze in Berufssprachkursen',
      baseline: 40,
      target: 120,
    })
    expect(await counts()).toEqual(stale)

    // Values entered in its unit keep the unit; whether it is computed never changes.
    await created(`${url}/values`, { measuredOn: '2026-06-30', value: 60 })
    const refusals = [
      {
        payload: { ...changed, unit: 'percent', baseline: 40, target: 80 },
        message: 'indicator-unit-has-values',
      },
      {
        payload: { ...changed, unit: 'count', source: 'computed', metric: 'counselling-contacts' },
        message: 'indicator-source-fixed',
      },
    ]
    for (const refusal of refusals) {
      const response = await send('PUT', afterUpdate.version, refusal.payload)
      expect(response.statusCode, response.body).toBe(409)
      expect(response.json().fields).toContainEqual(expect.objectContaining({ message: refusal.message }))
    }
    const invalid = await send('PUT', afterUpdate.version, { ...changed, target: 30 })
    expect(invalid.statusCode).toBe(400)
    const current = (
      await coordinator.request({ method: 'GET', url: `/api/goal-agreements/${agreement.id}` })
    ).json()
    expect(current.version).toBe(afterUpdate.version)
    expect(current.indicators[0]).toMatchObject({ unit: 'count', source: 'manual', target: 120, current: 60 })

    const before = await counts()
    expect((await send('DELETE', afterUpdate.version - 1)).statusCode).toBe(409)
    const removed = await send('DELETE', afterUpdate.version)
    expect(removed.statusCode, removed.body).toBe(200)
    expect(removed.json()).toMatchObject({
      indicators: [],
      indicatorCount: 0,
      version: afterUpdate.version + 1,
    })
    const [agreements, parties, indicators, values] = before
    expect(await counts()).toEqual([agreements, parties, indicators - 1, values - 1])
    expect((await send('DELETE', afterUpdate.version + 1)).statusCode).toBe(404)

    const audit = await ctx.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', indicator.id)
      .orderBy('occurred_at')
      .execute()
    expect(audit.map((row) => row.action)).toEqual(
      expect.arrayContaining(['goal-indicator.create', 'goal-indicator.update', 'goal-indicator.delete']),
    )
  })

  it('refuses bad input with a field error and stores nothing', async () => {
    const agreement = await created('/api/goal-agreements', agreementInput())
    const computed = await created(`/api/goal-agreements/${agreement.id}/indicators`, {
      name: 'Beratungskontakte',
      unit: 'count',
      baseline: 100,
      target: 150,
      direction: 'increase',
      source: 'computed',
      metric: 'counselling-contacts',
    })
    const manual = await created(`/api/goal-agreements/${agreement.id}/indicators`, {
      ...manualIndicator,
      unit: 'percent',
      baseline: 10,
      target: 50,
    })
    const computedId = computed.indicators[0]?.id as string
    const manualId = manual.indicators[1]?.id as string
    const indicatorsUrl = `/api/goal-agreements/${agreement.id}/indicators`
    const before = await counts()
    const attempts: { url: string; payload: object; status: number; path: string; message?: string }[] = [
      {
        url: '/api/goal-agreements',
        payload: { ...agreementInput(), startsOn: '2026-12-31', endsOn: '2026-01-01' },
        status: 400,
        path: 'body.endsOn',
        message: 'period-ends-before-start',
      },
      {
        url: '/api/goal-agreements',
        payload: { ...agreementInput(), title: 'x'.repeat(201) },
        status: 400,
        path: 'body.title',
      },
      {
        url: '/api/goal-agreements',
        payload: { ...agreementInput(), startsOn: 20260101 },
        status: 400,
        path: 'body.startsOn',
      },
      {
        url: '/api/goal-agreements',
        payload: { ...agreementInput(), partyIds: [ids.lindenauOrg] },
        status: 422,
        path: 'body.partyIds',
        message: 'unknown-reference',
      },
      {
        url: '/api/goal-agreements',
        payload: { ...agreementInput(), decisionId: ids.foreignDecision },
        status: 422,
        path: 'body.decisionId',
      },
      {
        url: '/api/goal-agreements',
        payload: { ...agreementInput(), responsibleOrganisationId: crypto.randomUUID() },
        status: 422,
        path: 'body.responsibleOrganisationId',
      },
      {
        url: indicatorsUrl,
        payload: { ...manualIndicator, unit: 'percent', baseline: 50, target: 120 },
        status: 400,
        path: 'body.target',
        message: 'indicator-percent-above-100',
      },
      {
        url: indicatorsUrl,
        payload: { ...manualIndicator, baseline: -5, target: 10 },
        status: 400,
        path: 'body.baseline',
        message: 'indicator-value-negative',
      },
      {
        url: indicatorsUrl,
        payload: { ...manualIndicator, baseline: 1, target: 2.5 },
        status: 400,
        path: 'body.target',
        message: 'indicator-count-not-whole',
      },
      {
        url: indicatorsUrl,
        payload: { ...manualIndicator, baseline: 50, target: 40 },
        status: 400,
        path: 'body.target',
        message: 'indicator-target-not-above-baseline',
      },
      {
        url: indicatorsUrl,
        payload: {
          ...manualIndicator,
          unit: 'count',
          baseline: 10,
          target: 50,
          source: 'computed',
          metric: 'jobcenter-referrals-answered-14d',
        },
        status: 400,
        path: 'body.unit',
        message: 'metric-unit-mismatch',
      },
      {
        url: indicatorsUrl,
        payload: { ...manualIndicator, source: 'computed' },
        status: 400,
        path: 'body.metric',
        message: 'metric-required',
      },
      {
        url: indicatorsUrl,
        payload: {
          ...manualIndicator,
          unit: 'percent',
          baseline: 10,
          target: 50,
          source: 'computed',
          metric: 'jobcenter-referrals-answered-14d',
          parameters: { municipalityId: crypto.randomUUID() },
        },
        status: 400,
        path: 'body.parameters.municipalityId',
        message: 'metric-without-municipality',
      },
      {
        url: indicatorsUrl,
        payload: {
          ...manualIndicator,
          source: 'computed',
          metric: 'counselling-contacts',
          parameters: { municipalityId: crypto.randomUUID() },
        },
        status: 422,
        path: 'body.parameters.municipalityId',
      },
      { url: indicatorsUrl, payload: { ...manualIndicator, unit: 'hours' }, status: 400, path: 'body.unit' },
      {
        url: `${indicatorsUrl}/${computedId}/values`,
        payload: { measuredOn: '2026-06-01', value: 10 },
        status: 422,
        path: 'body.value',
        message: 'indicator-computed',
      },
      {
        url: `${indicatorsUrl}/${manualId}/values`,
        payload: { measuredOn: '2026-06-01', value: 101 },
        status: 400,
        path: 'body.value',
        message: 'indicator-percent-above-100',
      },
      {
        url: `${indicatorsUrl}/${manualId}/values`,
        payload: { measuredOn: '2026-07-03', value: 20 },
        status: 400,
        path: 'body.measuredOn',
        message: 'date-in-future',
      },
      {
        url: `${indicatorsUrl}/${manualId}/values`,
        payload: { measuredOn: '2026-06-01', value: '20' },
        status: 400,
        path: 'body.value',
      },
    ]
    for (const attempt of attempts) {
      const response = await post(coordinator, attempt.url, attempt.payload)
      const label = `${attempt.url} ${JSON.stringify(attempt.payload)}`
      expect(response.statusCode, `${label}: ${response.body}`).toBe(attempt.status)
      expect(response.headers['content-type']).toContain('application/problem+json')
      const fields = response.json().fields as { path: string; message: string }[]
      expect(fields, label).toContainEqual(
        expect.objectContaining({
          path: attempt.path,
          ...(attempt.message ? { message: attempt.message } : {}),
        }),
      )
    }
    expect(await counts()).toEqual(before)
  })

  it("counts the agreements by status on the coordinator's overview", async () => {
    const overview = async () =>
      (await coordinator.request({ method: 'GET', url: '/api/steering/overview' })).json().goalAgreements
    const before = await overview()
    const agreement = await created('/api/goal-agreements', agreementInput())
    const detail = await created(`/api/goal-agreements/${agreement.id}/indicators`, manualIndicator)
    const indicatorId = detail.indicators[0]?.id as string
    // Half a year gone and no progress at all: off track.
    await created(`/api/goal-agreements/${agreement.id}/indicators/${indicatorId}/values`, {
      measuredOn: '2026-07-01',
      value: 40,
    })
    expect(await overview()).toEqual({ ...before, total: before.total + 1, offTrack: before.offTrack + 1 })
  })

  it('lets report readers and staff read, only coordination and administration keep, and hides other districts', async () => {
    const agreement = await created('/api/goal-agreements', agreementInput())
    for (const session of [reportReader, caseManager]) {
      const list = await session.request({ method: 'GET', url: '/api/goal-agreements' })
      expect(list.statusCode).toBe(200)
      expect((list.json().items as GoalAgreement[]).some((item) => item.id === agreement.id)).toBe(true)
      expect((await post(session, '/api/goal-agreements', agreementInput())).statusCode).toBe(403)
      expect(
        (await post(session, `/api/goal-agreements/${agreement.id}/indicators`, manualIndicator)).statusCode,
      ).toBe(403)
    }
    expect(
      (await lindenauAdmin.request({ method: 'GET', url: '/api/goal-agreements' })).json().items,
    ).toEqual([])
    for (const url of [
      `/api/goal-agreements/${agreement.id}`,
      `/api/goal-agreements/${agreement.id}/indicators`,
    ]) {
      expect((await lindenauAdmin.request({ method: 'GET', url })).statusCode, url).toBe(404)
    }
    const before = await counts()
    const foreignIndicator = await post(
      lindenauAdmin,
      `/api/goal-agreements/${agreement.id}/indicators`,
      manualIndicator,
    )
    expect(foreignIndicator.statusCode).toBe(404)
    const foreignChange = await lindenauAdmin.request({
      method: 'PUT',
      url: `/api/goal-agreements/${agreement.id}`,
      payload: { ...agreementInput(), partyIds: [], decisionId: null, responsibleOrganisationId: null },
      headers: { 'if-match': '"1"' },
    })
    expect(foreignChange.statusCode).toBe(404)
    expect(await counts()).toEqual(before)
  })
})
