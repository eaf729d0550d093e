import { beforeAll, describe, expect, it } from 'vitest'
import { lifeDomains } from '../../../../common/casework-values.ts'
import type { ConceptComparison, ConceptOverview, ConceptVersionDetail } from '../../../../common/concept.ts'
import { addDays } from '../../../../common/dates.ts'
import type { Body, MeetingDetail } from '../../../../common/steering.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'
import { lineDiff } from './line-diff.ts'

describe('lineDiff', () => {
  it('keeps common paragraphs and marks removed and added ones in order', () => {
    expect(lineDiff('A\nB\nC', 'A\nX\nC\nD')).toEqual([
      { op: 'same', text: 'A' },
      { op: 'removed', text: 'B' },
      { op: 'added', text: 'X' },
      { op: 'same', text: 'C' },
      { op: 'added', text: 'D' },
    ])
    expect(lineDiff('', 'neu')).toEqual([{ op: 'added', text: 'neu' }])
    expect(lineDiff('A\n\nB  ', 'A\nB')).toEqual([
      { op: 'same', text: 'A' },
      { op: 'same', text: 'B' },
    ])
  })
})

describe.each(databaseKinds)('integration concept on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let coordinator: TestSession
  let caseManager: TestSession
  let lindenauAdmin: TestSession
  let overview: ConceptOverview
  let draft: ConceptVersionDetail
  let adopted: ConceptVersionDetail
  const organisation = (name: string) => draft.grid.actors.find((actor) => actor.name === name)?.id as string

  const get = async <T>(session: TestSession, url: string) => {
    const response = await session.request({ method: 'GET', url })
    expect(response.statusCode, response.body).toBe(200)
    return response.json() as T
  }
  const send = (
    session: TestSession,
    method: 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
    version?: number,
  ) =>
    session.request({
      method,
      url,
      ...(payload ? { payload } : {}),
      ...(version !== undefined ? { headers: { 'if-match': `"${version}"` } } : {}),
    })
  /** What a version holds in the database, to show that a refused request stored nothing. */
  const stored = async (versionId: string) => {
    const db = ctx.database.db
    return {
      version: await db
        .selectFrom('concept_version')
        .selectAll()
        .where('id', '=', versionId)
        .executeTakeFirst(),
      sections: await db
        .selectFrom('concept_section')
        .selectAll()
        .where('version_id', '=', versionId)
        .orderBy('id')
        .execute(),
      cells: await db
        .selectFrom('concept_grid_cell')
        .selectAll()
        .where('version_id', '=', versionId)
        .orderBy('domain')
        .orderBy('organisation_id')
        .execute(),
      interfaces: await db
        .selectFrom('concept_interface')
        .selectAll()
        .where('version_id', '=', versionId)
        .orderBy('id')
        .execute(),
      consultations: await db
        .selectFrom('concept_consultation')
        .selectAll()
        .where('version_id', '=', versionId)
        .orderBy('id')
        .execute(),
    }
  }

  beforeAll(async () => {
    coordinator = await loginAs(ctx.app, 'koordination')
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    lindenauAdmin = await loginAs(ctx.app, 'admin.lindenau')
    overview = await get(coordinator, '/api/concept')
    const [second, first] = overview.versions
    draft = await get(coordinator, `/api/concept/versions/${second?.id}`)
    adopted = await get(coordinator, `/api/concept/versions/${first?.id}`)
  })

  it('holds the demo concept: 2016 adopted, the 2026 draft with every domain, grid, interfaces and a consultation', async () => {
    expect(overview.versions.map((version) => [version.number, version.status])).toEqual([
      [2, 'draft'],
      [1, 'adopted'],
    ])
    expect(adopted).toMatchObject({
      adoptedOn: '2016-12-15',
      adoptedReference: 'Kreistag, Drucksache 2016/0421',
    })
    expect(draft.basedOnId).toBe(adopted.id)
    const domains = draft.sections.filter((section) => section.kind === 'domain')
    expect(domains.map((section) => section.domain)).toEqual([...lifeDomains])
    expect(domains.every((section) => section.body.length > 50)).toBe(true)
    expect(draft.sections[0]).toMatchObject({ kind: 'intro', title: 'Einleitung' })
    expect(draft.grid.cells.length).toBeGreaterThan(20)
    expect(draft.interfaces.length).toBeGreaterThanOrEqual(5)
    expect(draft.interfaces.length).toBeLessThanOrEqual(8)
    expect(draft.interfaces[0]).toMatchObject({
      organisationAName: 'Jobcenter Rhein-Sieg',
      organisationBName: 'Ausländerbehörde Rhein-Sieg-Kreis',
      process: 'Beschäftigungserlaubnis bei Arbeitsaufnahme',
    })
    const timeZone = 'Europe/Berlin'
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone }).format(new Date())
    expect(overview.consultations).toEqual([
      expect.objectContaining({
        versionNumber: 2,
        bodyName: 'Arbeitskreis der Integrationsräte und Migrantenorganisationen',
        heldOn: addDays(today, -7),
        feedback: expect.stringContaining('Berufssprachkurs'),
      }),
    ])
  })

  it('lets staff read the concept but only coordination change it; another district sees 404', async () => {
    expect(
      (await caseManager.request({ method: 'GET', url: `/api/concept/versions/${draft.id}` })).statusCode,
    ).toBe(200)
    const refused = await send(caseManager, 'POST', `/api/concept/versions/${draft.id}/sections`, {
      title: 'Nicht erlaubt',
    })
    expect(refused.statusCode).toBe(403)
    const foreign = await lindenauAdmin.request({ method: 'GET', url: `/api/concept/versions/${draft.id}` })
    expect(foreign.statusCode).toBe(404)
    const foreignCompare = await lindenauAdmin.request({
      method: 'GET',
      url: `/api/concept/compare?from=${adopted.id}&to=${draft.id}`,
    })
    expect(foreignCompare.statusCode).toBe(404)
    expect((await get<ConceptOverview>(lindenauAdmin, '/api/concept')).versions).toEqual([])
  })

  it('writes a section of the draft with If-Match, refuses a stale or missing version', async () => {
    const section = draft.sections.find((each) => each.domain === 'work')
    if (!section) throw new Error('no work section')
    const url = `/api/concept/versions/${draft.id}/sections/${section.id}`
    const body = `${section.body}\nDie Antwortzeiten bei Vermittlungen werden quartalsweise berichtet.`
    expect((await send(coordinator, 'PUT', url, { body })).statusCode).toBe(428)
    const written = await send(coordinator, 'PUT', url, { title: 'ignoriert', body }, section.version)
    expect(written.statusCode, written.body).toBe(200)
    const after = (written.json() as ConceptVersionDetail).sections.find((each) => each.id === section.id)
    expect(after).toMatchObject({ body, title: '', version: section.version + 1 })
    const stale = await send(coordinator, 'PUT', url, { body: 'Überschrieben?' }, section.version)
    expect(stale.statusCode).toBe(409)
    draft = written.json()
  })

  it('adds and removes free sections, but keeps the domain sections', async () => {
    const added = await send(coordinator, 'POST', `/api/concept/versions/${draft.id}/sections`, {
      title: 'Anhang: Abkürzungen',
      body: 'KIM – Kommunales Integrationsmanagement',
    })
    expect(added.statusCode, added.body).toBe(201)
    const section = (added.json() as ConceptVersionDetail).sections.at(-1)
    expect(section).toMatchObject({ kind: 'other', title: 'Anhang: Abkürzungen' })
    const untitled = await send(
      coordinator,
      'PUT',
      `/api/concept/versions/${draft.id}/sections/${section?.id}`,
      { title: '', body: 'x' },
      section?.version,
    )
    expect(untitled.statusCode).toBe(400)
    const removed = await send(
      coordinator,
      'DELETE',
      `/api/concept/versions/${draft.id}/sections/${section?.id}`,
    )
    expect(removed.statusCode).toBe(200)
    const domain = draft.sections.find((each) => each.kind === 'domain')
    const kept = await send(coordinator, 'DELETE', `/api/concept/versions/${draft.id}/sections/${domain?.id}`)
    expect(kept.statusCode).toBe(422)
    expect(kept.json().code).toBe('concept-domain-section-kept')
    draft = removed.json()
    expect(draft.sections.some((each) => each.id === domain?.id)).toBe(true)
  })

  it('replaces the grid; a cell given twice or an unknown organisation is refused and nothing stored', async () => {
    const jobcenter = organisation('Jobcenter Rhein-Sieg')
    const caritas = organisation('Caritasverband Rhein-Sieg')
    const before = await stored(draft.id)
    const twice = await send(coordinator, 'PUT', `/api/concept/versions/${draft.id}/grid`, {
      cells: [
        { domain: 'work', organisationId: jobcenter, role: 'responsible' },
        { domain: 'work', organisationId: jobcenter, role: 'contributing' },
      ],
    })
    expect(twice.statusCode).toBe(400)
    expect(twice.json().fields).toEqual([expect.objectContaining({ message: 'grid-cell-duplicate' })])
    const foreign = await send(coordinator, 'PUT', `/api/concept/versions/${draft.id}/grid`, {
      cells: [{ domain: 'work', organisationId: crypto.randomUUID(), role: 'responsible' }],
    })
    expect(foreign.statusCode).toBe(422)
    const badRole = await send(coordinator, 'PUT', `/api/concept/versions/${draft.id}/grid`, {
      cells: [{ domain: 'work', organisationId: jobcenter, role: 'chief' }],
    })
    expect(badRole.statusCode).toBe(400)
    expect(await stored(draft.id)).toEqual(before)

    const cells = draft.grid.cells.map((cell) => ({ ...cell })) as {
      domain: string
      organisationId: string
      role: string
    }[]
    cells.push({ domain: 'language', organisationId: caritas, role: 'contributing' })
    const work = cells.find((cell) => cell.domain === 'work' && cell.organisationId === jobcenter)
    if (work) work.role = 'none'
    const saved = await send(coordinator, 'PUT', `/api/concept/versions/${draft.id}/grid`, { cells })
    expect(saved.statusCode, saved.body).toBe(200)
    draft = saved.json()
    expect(draft.grid.cells).toContainEqual({
      domain: 'language',
      organisationId: caritas,
      role: 'contributing',
    })
    expect(draft.grid.cells.some((cell) => cell.domain === 'work' && cell.organisationId === jobcenter)).toBe(
      false,
    )
    expect(draft.grid.cells.length).toBe(before.cells.length)
  })

  it('keeps the interface register; an interface of an organisation with itself is refused', async () => {
    const jobcenter = organisation('Jobcenter Rhein-Sieg')
    const sozialamt = organisation('Sozialamt Rhein-Sieg-Kreis')
    const before = await stored(draft.id)
    const itself = await send(coordinator, 'POST', `/api/concept/versions/${draft.id}/interfaces`, {
      organisationAId: jobcenter,
      organisationBId: jobcenter,
      process: 'Selbstgespräch',
      problem: 'Keins',
    })
    expect(itself.statusCode).toBe(400)
    expect(itself.json().fields).toEqual([
      expect.objectContaining({ path: 'body.organisationBId', message: 'interface-same-organisation' }),
    ])
    const unknown = await send(coordinator, 'POST', `/api/concept/versions/${draft.id}/interfaces`, {
      organisationAId: jobcenter,
      organisationBId: crypto.randomUUID(),
      process: 'Unbekannt',
      problem: 'Keins',
    })
    expect(unknown.statusCode).toBe(422)
    const noProblem = await send(coordinator, 'POST', `/api/concept/versions/${draft.id}/interfaces`, {
      organisationAId: jobcenter,
      organisationBId: sozialamt,
      process: 'Ohne Problem',
      problem: '',
    })
    expect(noProblem.statusCode).toBe(400)
    expect(await stored(draft.id)).toEqual(before)

    const added = await send(coordinator, 'POST', `/api/concept/versions/${draft.id}/interfaces`, {
      organisationAId: sozialamt,
      organisationBId: jobcenter,
      domain: 'housing',
      process: 'Kosten der Unterkunft beim Rechtskreiswechsel',
      problem:
        'Mietverträge werden vom Jobcenter nicht übernommen, weil die Angemessenheit neu geprüft wird.',
    })
    expect(added.statusCode, added.body).toBe(201)
    const entry = (added.json() as ConceptVersionDetail).interfaces.at(-1)
    expect(entry).toMatchObject({
      status: 'open',
      solution: '',
      organisationAName: 'Sozialamt Rhein-Sieg-Kreis',
    })
    const changed = await send(
      coordinator,
      'PUT',
      `/api/concept/versions/${draft.id}/interfaces/${entry?.id}`,
      {
        organisationAId: sozialamt,
        organisationBId: jobcenter,
        domain: 'housing',
        process: 'Kosten der Unterkunft beim Rechtskreiswechsel',
        problem: entry?.problem,
        solution: 'Das Jobcenter übernimmt bestehende Mietverträge für sechs Monate.',
        status: 'solved',
      },
    )
    expect(changed.statusCode, changed.body).toBe(200)
    draft = changed.json()
    expect(draft.interfaces.at(-1)).toMatchObject({ status: 'solved' })
    const missing = await send(
      coordinator,
      'DELETE',
      `/api/concept/versions/${draft.id}/interfaces/${crypto.randomUUID()}`,
    )
    expect(missing.statusCode).toBe(404)
  })

  it('records a consultation; a day in the future or a foreign body is refused and nothing stored', async () => {
    const bodies = (await get<{ items: Body[] }>(coordinator, '/api/bodies')).items
    const steeringGroup = bodies.find((body) => body.kind === 'steering_group') as Body
    const lindenauBody = await send(lindenauAdmin, 'POST', '/api/bodies', {
      kind: 'committee',
      name: 'Ausschuss Lindenau',
    })
    const before = await stored(draft.id)
    const tomorrow = addDays(
      new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(new Date()),
      1,
    )
    for (const heldOn of [tomorrow, '2030-01-01']) {
      const future = await send(coordinator, 'POST', `/api/concept/versions/${draft.id}/consultations`, {
        bodyId: steeringGroup.id,
        heldOn,
      })
      expect(future.statusCode, future.body).toBe(400)
      expect(future.json().fields).toEqual([
        expect.objectContaining({ path: 'body.heldOn', message: 'date-in-future' }),
      ])
    }
    const foreign = await send(coordinator, 'POST', `/api/concept/versions/${draft.id}/consultations`, {
      bodyId: lindenauBody.json().id,
      heldOn: '2026-11-30',
    })
    expect(foreign.statusCode).toBe(422)
    expect(await stored(draft.id)).toEqual(before)
    const recorded = await send(coordinator, 'POST', `/api/concept/versions/${draft.id}/consultations`, {
      bodyId: steeringGroup.id,
      heldOn: '2026-11-30',
      feedback: 'Die Lenkungsgruppe bittet um eine Kurzfassung für den Sozialausschuss.',
    })
    expect(recorded.statusCode, recorded.body).toBe(201)
    expect((recorded.json() as ConceptVersionDetail).consultations.map((each) => each.heldOn)).toContain(
      '2026-11-30',
    )
  })

  it('freezes an adopted version: every change is a 409 and nothing is stored', async () => {
    const before = await stored(adopted.id)
    const section = adopted.sections[0]
    const jobcenter = organisation('Jobcenter Rhein-Sieg')
    const sozialamt = organisation('Sozialamt Rhein-Sieg-Kreis')
    const attempts = [
      send(coordinator, 'PUT', `/api/concept/versions/${adopted.id}`, { title: 'Neu' }, adopted.version),
      send(
        coordinator,
        'PUT',
        `/api/concept/versions/${adopted.id}/sections/${section?.id}`,
        { title: 'Einleitung', body: 'Geändert' },
        section?.version,
      ),
      send(coordinator, 'POST', `/api/concept/versions/${adopted.id}/sections`, { title: 'Neu' }),
      send(coordinator, 'DELETE', `/api/concept/versions/${adopted.id}/sections/${section?.id}`),
      send(coordinator, 'PUT', `/api/concept/versions/${adopted.id}/grid`, { cells: [] }),
      send(coordinator, 'POST', `/api/concept/versions/${adopted.id}/interfaces`, {
        organisationAId: jobcenter,
        organisationBId: sozialamt,
        process: 'Neu',
        problem: 'Neu',
      }),
      send(
        coordinator,
        'DELETE',
        `/api/concept/versions/${adopted.id}/interfaces/${adopted.interfaces[0]?.id}`,
      ),
      send(
        coordinator,
        'POST',
        `/api/concept/versions/${adopted.id}/adoption`,
        { adoptedOn: '2017-01-01', reference: 'Nochmal' },
        adopted.version,
      ),
    ]
    for (const response of await Promise.all(attempts)) {
      expect(response.statusCode, response.body).toBe(409)
      expect(response.json().code).toBe('concept-adopted')
    }
    expect(await stored(adopted.id)).toEqual(before)
  })

  it('compares 2016 with the draft: sections line by line, grid cells and interfaces that changed', async () => {
    const comparison = await get<ConceptComparison>(
      coordinator,
      `/api/concept/compare?from=${adopted.id}&to=${draft.id}`,
    )
    expect(comparison.from.number).toBe(1)
    expect(comparison.to.number).toBe(2)
    const work = comparison.sections.find((section) => section.domain === 'work')
    expect(work?.change).toBe('changed')
    expect(work?.lines[0]).toEqual({
      op: 'same',
      text: 'Das Jobcenter und die Agentur für Arbeit beraten zu Arbeit und Ausbildung. Anerkennungsberatung bietet die IQ-Beratungsstelle.',
    })
    expect(work?.lines.filter((line) => line.op === 'added').length).toBe(2)
    expect(comparison.sections.find((section) => section.kind === 'other')?.change).toBe('added')
    expect(comparison.grid).toContainEqual(
      expect.objectContaining({
        domain: 'education',
        organisationName: 'Kommunales Integrationszentrum Rhein-Sieg-Kreis',
        from: 'none',
        to: 'responsible',
      }),
    )
    const transition = comparison.interfaces.find(
      (each) => each.to?.process === 'Rechtskreiswechsel vom AsylbLG ins SGB II',
    )
    expect(transition).toMatchObject({ change: 'changed', changedFields: ['solution', 'status'] })
    expect(transition?.from?.status).toBe('open')
    expect(transition?.to?.status).toBe('solved')
    expect(comparison.interfaces.filter((each) => each.change === 'added').length).toBe(
      draft.interfaces.length - 2,
    )
    const missing = await coordinator.request({
      method: 'GET',
      url: `/api/concept/compare?from=${adopted.id}&to=nope`,
    })
    expect(missing.statusCode).toBe(400)
    const half = await coordinator.request({ method: 'GET', url: `/api/concept/compare?from=${adopted.id}` })
    expect(half.statusCode).toBe(400)
    expect(half.json().fields).toEqual([
      expect.objectContaining({ path: 'querystring.to', message: 'compare-versions-required' }),
    ])
  })

  it('adopts the draft by a decision of the steering group and starts the next draft as its copy', async () => {
    const bodies = (await get<{ items: Body[] }>(coordinator, '/api/bodies')).items
    const steeringGroup = bodies.find((body) => body.kind === 'steering_group') as Body
    const circle = bodies.find((body) => body.kind === 'councils_circle') as Body
    const meetings = await get<{ items: MeetingDetail[] }>(
      coordinator,
      `/api/meetings?bodyId=${steeringGroup.id}`,
    )
    const withDecisions = await Promise.all(
      meetings.items.map((meeting) => get<MeetingDetail>(coordinator, `/api/meetings/${meeting.id}`)),
    )
    const decision = withDecisions
      .flatMap((meeting) => meeting.decisions)
      .find((each) => each.number === 'LG 2026/9')
    expect(decision).toBeDefined()
    const first = await send(coordinator, 'POST', '/api/concept/versions', {})
    expect(first.statusCode).toBe(409)
    expect(first.json().code).toBe('concept-draft-exists')

    const before = await stored(draft.id)
    const url = `/api/concept/versions/${draft.id}/adoption`
    const refusals = [
      await send(
        coordinator,
        'POST',
        url,
        { adoptedOn: '2026-12-01', bodyId: circle.id, decisionId: decision?.id },
        draft.version,
      ),
      await send(coordinator, 'POST', url, { adoptedOn: '2026-12-01' }, draft.version),
      await send(
        coordinator,
        'POST',
        url,
        { adoptedOn: '2099-01-01', bodyId: steeringGroup.id },
        draft.version,
      ),
    ]
    expect(refusals.map((response) => response.statusCode)).toEqual([422, 400, 400])
    expect(refusals[0]?.json().code).toBe('adoption-decision-of-other-body')
    expect(await stored(draft.id)).toEqual(before)

    const adoption = await send(
      coordinator,
      'POST',
      url,
      { adoptedOn: '2026-12-01', bodyId: steeringGroup.id, decisionId: decision?.id },
      draft.version,
    )
    expect(adoption.statusCode, adoption.body).toBe(200)
    expect(adoption.json()).toMatchObject({
      status: 'adopted',
      adoptedOn: '2026-12-01',
      adoptedBodyName: 'Lenkungsgruppe KIM Rhein-Sieg-Kreis',
      adoptedDecisionNumber: 'LG 2026/9',
    })
    const audit = await ctx.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', draft.id)
      .where('action', '=', 'concept.version-adopt')
      .execute()
    expect(audit).toHaveLength(1)

    const next = await send(coordinator, 'POST', '/api/concept/versions', { title: 'Fortschreibung 2028' })
    expect(next.statusCode, next.body).toBe(201)
    const third = next.json() as ConceptVersionDetail
    expect(third).toMatchObject({
      number: 3,
      status: 'draft',
      basedOnId: draft.id,
      title: 'Fortschreibung 2028',
    })
    const strip = (detail: ConceptVersionDetail) => ({
      sections: detail.sections.map(({ id: _id, version: _version, ...section }) => section),
      cells: detail.grid.cells,
      interfaces: detail.interfaces.map(({ id: _id, ...entry }) => entry),
    })
    expect(strip(third)).toEqual(strip(draft))
    expect(third.consultations).toEqual([])
    const unchanged = await get<ConceptComparison>(
      coordinator,
      `/api/concept/compare?from=${draft.id}&to=${third.id}`,
    )
    expect(unchanged.sections.every((section) => section.change === 'same')).toBe(true)
    expect(unchanged.grid).toEqual([])
    expect(unchanged.interfaces.every((each) => each.change === 'same')).toBe(true)
  })
})
