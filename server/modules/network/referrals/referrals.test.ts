import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Case, Task, TaskPage, TimelineEntry } from '../../../../common/casework.ts'
import type { Service } from '../../../../common/network.ts'
import type { InboxPage, Referral } from '../../../../common/referral.ts'
import { testClock, useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, testPassword, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'
import { refreshReferralFollowUps } from '../index.ts'
import {
  auditOf,
  countNetworkRows,
  created,
  expectProblemCode,
  firstMunicipality,
  isoDay,
  organisationId,
  personWithCase,
  recordConsent,
} from '../network.test-helpers.ts'

const referralBody = (
  organisation: string,
  consentId: string | null,
  overrides: Record<string, unknown> = {},
) => ({
  organisationId: organisation,
  consentId,
  purpose: 'referral',
  sharedFields: ['familyName', 'givenNames', 'birthDate', 'phone'],
  dueOn: isoDay(14),
  message: 'Bitte Termin zur Arbeitsvermittlung anbieten.',
  ...overrides,
})

describe.each(databaseKinds)('referrals and the partner inbox on %s', (kind) => {
  const clock = testClock()
  const ctx = useTestApp(kind, {}, { clock: clock.clock })
  useDemoData(ctx)
  let caseManager: TestSession
  let partner: TestSession
  let caritasPartner: TestSession
  let foreignPartner: TestSession
  let municipality: string
  let jobcenter: string
  let caritas: string

  const refer = (kase: Case, payload: object) =>
    caseManager.request({ method: 'POST', url: `/api/cases/${kase.id}/referrals`, payload })
  const open = (session: TestSession, referralId: string, query = '') =>
    session.request({ method: 'GET', url: `/api/referrals/${referralId}${query}` })
  const inbox = async (session: TestSession, query = '') => {
    const response = await session.request({ method: 'GET', url: `/api/referrals/inbox${query}` })
    expect(response.statusCode, response.body).toBe(200)
    return response.json() as InboxPage
  }

  beforeAll(async () => {
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    partner = await loginAs(ctx.app, 'partner.jobcenter')
    municipality = await firstMunicipality(ctx.database, caseManager.districtId)
    jobcenter = await organisationId(ctx.database, caseManager.districtId, 'Jobcenter Rhein-Sieg')
    caritas = await organisationId(ctx.database, caseManager.districtId, 'Caritasverband Rhein-Sieg')
    const admin = await loginAs(ctx.app, 'admin')
    await created(admin, '/api/users', {
      username: 'partner.caritas',
      displayName: 'Petra Lang',
      roles: ['partner'],
      organisationId: caritas,
      password: testPassword,
    })
    caritasPartner = await loginAs(ctx.app, 'partner.caritas')
    const lindenau = await loginAs(ctx.app, 'admin.lindenau')
    const foreignJobcenter = await created<{ id: string }>(lindenau, '/api/organisations', {
      name: 'Jobcenter Lindenau',
      kind: 'jobcenter',
    })
    await created(lindenau, '/api/users', {
      username: 'partner.lindenau',
      displayName: 'Uwe Fremd',
      roles: ['partner'],
      organisationId: foreignJobcenter.id,
      password: testPassword,
    })
    foreignPartner = await loginAs(ctx.app, 'partner.lindenau')
  })

  it('gates every referral by the consent: recipient × purpose × valid, expired, revoked, missing', async () => {
    type State = 'valid' | 'expired' | 'revoked' | 'missing'
    const states: State[] = ['valid', 'expired', 'revoked', 'missing']
    const results: string[] = []
    for (const state of states) {
      const { person, case: kase } = await personWithCase(caseManager, municipality, {
        familyName: `Gate${state}`,
      })
      let consentId: string | null = null
      if (state !== 'missing') {
        const consent = await recordConsent(caseManager, person.id, [jobcenter], {
          purposes: ['referral'],
          ...(state === 'expired' ? { validFrom: isoDay(-100), validUntil: isoDay(-1) } : {}),
        })
        consentId = consent.id
        if (state === 'revoked')
          expect(
            (await caseManager.request({ method: 'POST', url: `/api/consents/${consent.id}/revoke` }))
              .statusCode,
          ).toBe(200)
      }
      for (const recipient of [jobcenter, caritas]) {
        for (const purpose of ['referral', 'information-exchange']) {
          const before = await countNetworkRows(ctx.database)
          const response = await refer(kase, referralBody(recipient, consentId, { purpose }))
          const allowed = state === 'valid' && recipient === jobcenter && purpose === 'referral'
          results.push(
            `${state} ${recipient === jobcenter ? 'named' : 'other'} ${purpose} → ${response.statusCode}`,
          )
          if (allowed) {
            expect(response.statusCode, response.body).toBe(201)
            continue
          }
          expectProblemCode(
            response,
            422,
            state === 'missing' ? 'referral-legal-basis-required' : 'consent-not-valid',
          )
          expect(await countNetworkRows(ctx.database)).toEqual(before)
          const refusal = (await auditOf(ctx.database, kase.id)).at(-1)
          expect(refusal).toMatchObject({ action: 'referral.create', outcome: 'denied' })
        }
      }
    }
    expect(results.filter((line) => line.endsWith('201'))).toEqual(['valid named referral → 201'])
  })

  it('refuses fields outside the consented data categories and persons outside the case', async () => {
    const { person, case: kase } = await personWithCase(caseManager, municipality, {
      familyName: 'Kategorien',
    })
    const { person: other } = await personWithCase(caseManager, municipality, { familyName: 'Andere' })
    const consent = await recordConsent(caseManager, person.id, [jobcenter], { dataCategories: ['identity'] })
    const otherConsent = await recordConsent(caseManager, other.id, [jobcenter])
    const before = await countNetworkRows(ctx.database)
    expectProblemCode(await refer(kase, referralBody(jobcenter, consent.id)), 422, 'consent-not-valid')
    expectProblemCode(await refer(kase, referralBody(jobcenter, otherConsent.id)), 422, 'person-not-in-case')
    expectProblemCode(await refer(kase, referralBody(jobcenter, randomUUID())), 422, 'consent-not-valid')
    expectProblemCode(
      await refer(kase, referralBody(jobcenter, consent.id, { sharedFields: ['secretField'] })),
      400,
    )
    expectProblemCode(await refer(kase, referralBody(jobcenter, consent.id, { sharedFields: [] })), 400)
    expectProblemCode(await refer(kase, referralBody(jobcenter, consent.id, { dueOn: '24-01-01' })), 400)
    expectProblemCode(await refer(kase, { ...referralBody(jobcenter, consent.id), extra: 1 }), 400)
    expect(await countNetworkRows(ctx.database)).toEqual(before)
    const ok = await refer(
      kase,
      referralBody(jobcenter, consent.id, { sharedFields: ['familyName', 'birthDate'] }),
    )
    expect(ok.statusCode, ok.body).toBe(201)
  })

  it('shows the partner only the shared fields, only while the consent holds; revocation blocks the next request', async () => {
    const { person, case: kase } = await personWithCase(caseManager, municipality, { familyName: 'Haddad' })
    const consent = await recordConsent(caseManager, person.id, [jobcenter])
    const response = await refer(kase, referralBody(jobcenter, consent.id))
    expect(response.statusCode, response.body).toBe(201)
    const referral = response.json() as Referral
    expect(referral.status).toBe('sent')

    const seen = await open(partner, referral.id)
    expect(seen.statusCode, seen.body).toBe(200)
    const partnerView = seen.json() as Referral
    expect(partnerView.sharedData).toEqual({
      familyName: 'Haddad',
      givenNames: 'Samira',
      birthDate: '1991-04-02',
      phone: '+49 2241 555123',
    })
    // Nothing beyond the shared fields: no case, no person id, no e-mail or address.
    expect(partnerView).toMatchObject({
      caseId: null,
      caseReference: null,
      personId: null,
      consentState: 'valid',
    })
    expect(JSON.stringify(partnerView)).not.toContain('samira.haddad@example.org')
    expect(JSON.stringify(partnerView)).not.toContain(person.id)
    const listed = (await inbox(partner)).items.find((item) => item.id === referral.id)
    expect(listed).toMatchObject({
      consentValid: true,
      person: { familyName: 'Haddad', givenNames: 'Samira' },
    })

    // A subset may be asked for; a field that was not shared is refused and audited.
    const subset = await open(partner, referral.id, '?fields=phone')
    expect((subset.json() as Referral).sharedData).toEqual({ phone: '+49 2241 555123' })
    expectProblemCode(await open(partner, referral.id, '?fields=email'), 403)
    expect((await auditOf(ctx.database, referral.id)).at(-1)).toMatchObject({
      action: 'referral.open',
      outcome: 'denied',
    })
    const personTrail = await auditOf(ctx.database, person.id)
    expect(personTrail.filter((entry) => entry.purpose === `referral:${referral.id}`).length).toBe(2)

    const revoked = await caseManager.request({ method: 'POST', url: `/api/consents/${consent.id}/revoke` })
    expect(revoked.statusCode).toBe(200)
    const after = (await open(partner, referral.id)).json() as Referral
    expect(after).toMatchObject({ sharedData: null, message: null, consentState: 'revoked' })
    expect(JSON.stringify(after)).not.toContain('Haddad')
    const listedAfter = (await inbox(partner)).items.find((item) => item.id === referral.id)
    expect(listedAfter).toMatchObject({ consentValid: false, person: null })
    expectProblemCode(
      await partner.request({ method: 'POST', url: `/api/referrals/${referral.id}/accept` }),
      422,
      'consent-not-valid',
    )
    expect((await auditOf(ctx.database, referral.id)).at(-1)).toMatchObject({
      action: 'referral.accept',
      outcome: 'denied',
      purpose: 'consent-not-valid',
    })
  })

  it('stops sharing the day after the consent runs out', async () => {
    const { person, case: kase } = await personWithCase(caseManager, municipality, { familyName: 'Ablauf' })
    const consent = await recordConsent(caseManager, person.id, [jobcenter], { validUntil: isoDay(0) })
    const referral = (await refer(kase, referralBody(jobcenter, consent.id))).json() as Referral
    expect((await open(partner, referral.id)).json().sharedData).not.toBeNull()
    clock.set(`${isoDay(1)}T10:00:00+01:00`)
    try {
      const tomorrow = await loginAs(ctx.app, 'partner.jobcenter')
      const view = (await open(tomorrow, referral.id)).json() as Referral
      expect(view).toMatchObject({ sharedData: null, consentState: 'expired' })
    } finally {
      clock.set(null)
    }
  })

  it('answers 404 to partners of other organisations and districts, audits the attempt, and changes nothing', async () => {
    const { person, case: kase } = await personWithCase(caseManager, municipality, { familyName: 'Isoliert' })
    const consent = await recordConsent(caseManager, person.id, [jobcenter])
    const referral = (await refer(kase, referralBody(jobcenter, consent.id))).json() as Referral
    const draft = (await refer(kase, referralBody(jobcenter, consent.id, { draft: true }))).json() as Referral
    expect(draft.status).toBe('draft')
    for (const [session, id] of [
      [caritasPartner, referral.id],
      [foreignPartner, referral.id],
      [partner, draft.id],
      [partner, randomUUID()],
    ] as const) {
      expectProblemCode(await open(session, id), 404)
      for (const step of ['accept', 'decline', 'complete'])
        expectProblemCode(
          await session.request({
            method: 'POST',
            url: `/api/referrals/${id}/${step}`,
            payload: {
              accept: {},
              decline: { reason: 'nicht zuständig' },
              complete: { feedback: 'erledigt' },
            }[step],
          }),
          404,
        )
    }
    const denied = (await auditOf(ctx.database, referral.id)).filter((entry) => entry.outcome === 'denied')
    expect(denied.length).toBeGreaterThanOrEqual(8)
    expect(
      (await caseManager.request({ method: 'GET', url: `/api/referrals/${referral.id}` })).json().status,
    ).toBe('sent')
    expect((await inbox(caritasPartner)).items.map((item) => item.id)).not.toContain(referral.id)
    expect((await inbox(foreignPartner)).total).toBe(0)
    expect((await inbox(partner)).items.map((item) => item.id)).not.toContain(draft.id)
    // Case managers have no inbox; partners cannot refer or read the case's list.
    expectProblemCode(await caseManager.request({ method: 'GET', url: '/api/referrals/inbox' }), 403)
    expect([403, 404]).toContain(
      (await partner.request({ method: 'GET', url: `/api/cases/${kase.id}/referrals` })).statusCode,
    )
  })

  it('walks draft → sent → accepted → completed with feedback, and shows each step on the case timeline', async () => {
    const { person, case: kase } = await personWithCase(caseManager, municipality, { familyName: 'Verlauf' })
    const consent = await recordConsent(caseManager, person.id, [jobcenter])
    const draft = (await refer(kase, referralBody(jobcenter, consent.id, { draft: true }))).json() as Referral
    expect((await inbox(partner)).items.map((item) => item.id)).not.toContain(draft.id)
    const sent = await caseManager.request({ method: 'POST', url: `/api/referrals/${draft.id}/send` })
    expect(sent.json()).toMatchObject({ status: 'sent' })
    expectProblemCode(
      await caseManager.request({ method: 'POST', url: `/api/referrals/${draft.id}/send` }),
      409,
    )
    expectProblemCode(
      await partner.request({
        method: 'POST',
        url: `/api/referrals/${draft.id}/complete`,
        payload: { feedback: 'zu früh' },
      }),
      409,
      'referral-status-not-allowed',
    )
    const accepted = await partner.request({
      method: 'POST',
      url: `/api/referrals/${draft.id}/accept`,
      payload: { completeBy: isoDay(30) },
    })
    expect(accepted.statusCode, accepted.body).toBe(200)
    expect(accepted.json()).toMatchObject({ status: 'accepted', completeBy: isoDay(30) })
    const completed = await partner.request({
      method: 'POST',
      url: `/api/referrals/${draft.id}/complete`,
      payload: { feedback: 'Erstgespräch am 12. geführt, Vermittlung in Sprachkurs.' },
    })
    expect(completed.json()).toMatchObject({
      status: 'completed',
      feedback: 'Erstgespräch am 12. geführt, Vermittlung in Sprachkurs.',
    })
    const full = (
      await caseManager.request({ method: 'GET', url: `/api/referrals/${draft.id}` })
    ).json() as Referral
    expect(full.history.map((change) => [change.from, change.to, change.by])).toEqual([
      [null, 'draft', 'Leyla Yıldız'],
      ['draft', 'sent', 'Leyla Yıldız'],
      ['sent', 'accepted', 'Sabine Krüger'],
      ['accepted', 'completed', 'Sabine Krüger'],
    ])
    const timeline = (
      await caseManager.request({ method: 'GET', url: `/api/cases/${kase.id}/timeline` })
    ).json() as TimelineEntry[]
    const network = timeline.filter((entry) => entry.kind === 'referral' || entry.kind === 'consent')
    expect(network.map((entry) => [entry.kind, entry.summary.status ?? null])).toEqual(
      expect.arrayContaining([
        ['consent', null],
        ['referral', 'draft'],
        ['referral', 'sent'],
        ['referral', 'accepted'],
        ['referral', 'completed'],
      ]),
    )
    expect(timeline.find((entry) => entry.summary.status === 'completed')?.summary).toMatchObject({
      organisation: 'Jobcenter Rhein-Sieg',
      note: 'Erstgespräch am 12. geführt, Vermittlung in Sprachkurs.',
    })
  })

  it('sends a plan measure owned by the partner as a referral, and refuses other measures', async () => {
    const { person, case: kase } = await personWithCase(caseManager, municipality, {
      familyName: 'Massnahme',
    })
    const consent = await recordConsent(caseManager, person.id, [jobcenter])
    const plan = await created<{ measures: { id: string; owner: string }[] }>(
      caseManager,
      `/api/cases/${kase.id}/measures`,
      { description: 'Beratung zur Arbeitsaufnahme', owner: 'partner', organisationId: jobcenter },
    )
    const own = await created<{ measures: { id: string; owner: string }[] }>(
      caseManager,
      `/api/cases/${kase.id}/measures`,
      {
        description: 'Unterlagen sammeln',
        owner: 'client',
      },
    )
    const partnerMeasure = plan.measures.find((measure) => measure.owner === 'partner') as { id: string }
    const clientMeasure = own.measures.find((measure) => measure.owner === 'client') as { id: string }
    expectProblemCode(
      await refer(kase, referralBody(jobcenter, consent.id, { measureId: clientMeasure.id })),
      422,
      'measure-not-partner',
    )
    const response = await refer(kase, referralBody(jobcenter, consent.id, { measureId: partnerMeasure.id }))
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json()).toMatchObject({ measureId: partnerMeasure.id, status: 'sent' })
  })

  it("refers to one of the organisation's current services and keeps its name; refuses any other service", async () => {
    const { person, case: kase } = await personWithCase(caseManager, municipality, { familyName: 'Angebot' })
    const consent = await recordConsent(caseManager, person.id, [jobcenter])
    const serviceOf = (session: TestSession, organisation: string, name: string, period: object = {}) =>
      created<Service>(session, '/api/services', {
        organisationId: organisation,
        name,
        domains: ['work'],
        targetGroups: ['women'],
        municipalityIds: [municipality],
        ...period,
      })
    const coordinator = await loginAs(ctx.app, 'koordination')
    const own = await serviceOf(partner, jobcenter, 'Arbeitsvermittlung für Frauen')
    const ended = await serviceOf(partner, jobcenter, 'Frühere Sprechstunde', {
      startsOn: isoDay(-60),
      endsOn: isoDay(-1),
    })
    const caritasService = await serviceOf(coordinator, caritas, 'Migrationsberatung für Erwachsene')
    const lindenau = await loginAs(ctx.app, 'admin.lindenau')
    const lindenauOrganisation = await created<{ id: string }>(lindenau, '/api/organisations', {
      name: 'Beratung Lindenau',
      kind: 'migrationsberatung',
    })
    const lindenauMunicipality = await firstMunicipality(ctx.database, lindenau.districtId)
    const foreignService = await created<Service>(lindenau, '/api/services', {
      organisationId: lindenauOrganisation.id,
      name: 'Fremdes Angebot',
      domains: ['work'],
      targetGroups: ['women'],
      municipalityIds: [lindenauMunicipality],
    })

    const before = await countNetworkRows(ctx.database)
    for (const serviceId of [ended.id, caritasService.id, foreignService.id, randomUUID()]) {
      expectProblemCode(
        await refer(kase, referralBody(jobcenter, consent.id, { serviceId })),
        422,
        'unknown-reference',
      )
      expect((await auditOf(ctx.database, kase.id)).at(-1)).toMatchObject({
        action: 'referral.create',
        outcome: 'denied',
        purpose: 'service-not-of-organisation',
      })
    }
    expect(await countNetworkRows(ctx.database)).toEqual(before)

    const response = await refer(kase, referralBody(jobcenter, consent.id, { serviceId: own.id }))
    expect(response.statusCode, response.body).toBe(201)
    const referral = response.json() as Referral
    expect(referral.service).toEqual({ id: own.id, name: 'Arbeitsvermittlung für Frauen' })
    expect((await open(partner, referral.id)).json().service).toEqual(referral.service)
    expect((await inbox(partner)).items.find((item) => item.id === referral.id)?.serviceName).toBe(
      'Arbeitsvermittlung für Frauen',
    )
    const timeline = (
      await caseManager.request({ method: 'GET', url: `/api/cases/${kase.id}/timeline` })
    ).json() as TimelineEntry[]
    expect(timeline.find((entry) => entry.kind === 'referral')?.summary).toMatchObject({
      organisation: 'Jobcenter Rhein-Sieg',
      service: 'Arbeitsvermittlung für Frauen',
    })
    // Without a service the referral goes to the organisation as a whole.
    const whole = (await refer(kase, referralBody(jobcenter, consent.id))).json() as Referral
    expect(whole.service).toBeNull()

    // The organisation may delete the service later; the referral still says what it went to.
    const removed = await partner.request({
      method: 'DELETE',
      url: `/api/services/${own.id}`,
      headers: { 'if-match': `"${own.version}"` },
    })
    expect(removed.statusCode, removed.body).toBe(204)
    expect((await open(caseManager, referral.id)).json().service).toEqual({
      id: null,
      name: 'Arbeitsvermittlung für Frauen',
    })
  })

  it('refers without consent only on a stated legal basis, flagged for the data protection officer', async () => {
    const { person, case: kase } = await personWithCase(caseManager, municipality, { familyName: 'Notfall' })
    expectProblemCode(
      await refer(kase, referralBody(jobcenter, null, { personId: person.id })),
      422,
      'referral-legal-basis-required',
    )
    expectProblemCode(
      await refer(
        kase,
        referralBody(jobcenter, null, {
          personId: person.id,
          override: { legalBasis: 'sgb-x-68', reason: 'kurz' },
        }),
      ),
      400,
    )
    const response = await refer(
      kase,
      referralBody(jobcenter, null, {
        personId: person.id,
        override: {
          legalBasis: 'sgb-x-69-1-1',
          reason: 'Sicherung des Lebensunterhalts, Person nicht erreichbar',
        },
      }),
    )
    expect(response.statusCode, response.body).toBe(201)
    const referral = response.json() as Referral
    expect((await auditOf(ctx.database, referral.id))[0]).toMatchObject({
      action: 'referral.send',
      purpose: 'override:sgb-x-69-1-1',
    })
    const dpo = await loginAs(ctx.app, 'datenschutz')
    const review = await dpo.request({ method: 'GET', url: '/api/referrals/overrides' })
    expect(review.statusCode).toBe(200)
    expect((review.json() as Referral[]).map((item) => item.id)).toContain(referral.id)
    expectProblemCode(await caseManager.request({ method: 'GET', url: '/api/referrals/overrides' }), 403)
    expect((await open(partner, referral.id)).json().sharedData).toMatchObject({ familyName: 'Notfall' })
  })

  it('gives the case manager one task per unanswered or overdue referral, however often the job runs', async () => {
    const { person, case: kase } = await personWithCase(caseManager, municipality, {
      familyName: 'Vergessen',
    })
    const consent = await recordConsent(caseManager, person.id, [jobcenter])
    const unanswered = (
      await refer(kase, referralBody(jobcenter, consent.id, { dueOn: isoDay(-2) }))
    ).json() as Referral
    const answered = (
      await refer(kase, referralBody(jobcenter, consent.id, { dueOn: isoDay(-2) }))
    ).json() as Referral
    await partner.request({ method: 'POST', url: `/api/referrals/${answered.id}/accept`, payload: {} })
    const dueLater = (
      await refer(kase, referralBody(jobcenter, consent.id, { dueOn: isoDay(5) }))
    ).json() as Referral
    const first = await refreshReferralFollowUps(ctx.database.db, new Date())
    const second = await refreshReferralFollowUps(ctx.database.db, new Date())
    expect(first).toBeGreaterThanOrEqual(1)
    expect(second).toBe(0)
    const tasks = (await caseManager.request({ method: 'GET', url: `/api/cases/${kase.id}/tasks` })).json() as
      | Task[]
      | TaskPage
    const list = Array.isArray(tasks) ? tasks : tasks.items
    const followUps = list.filter((task) => task.source === 'referral-follow-up')
    expect(followUps.map((task) => [task.title, task.dueOn])).toEqual([
      ['Vermittlung an Jobcenter Rhein-Sieg unbeantwortet', isoDay(-1)],
    ])
    expect(followUps[0]?.assigneeId).toBe(caseManager.userId)
    expect(unanswered.overdue).toBe(true)
    expect(dueLater.overdue).toBe(false)
  })

  it('refuses malformed answers of the partner and stores nothing, keeping the referral as it was', async () => {
    const { person, case: kase } = await personWithCase(caseManager, municipality, {
      familyName: 'Fehlerhaft',
    })
    const consent = await recordConsent(caseManager, person.id, [jobcenter])
    const referral = (await refer(kase, referralBody(jobcenter, consent.id))).json() as Referral
    const before = await countNetworkRows(ctx.database)
    const post = (step: string, payload: unknown) =>
      partner.request({
        method: 'POST',
        url: `/api/referrals/${referral.id}/${step}`,
        payload: payload as object,
      })
    expectProblemCode(await post('accept', { completeBy: 'morgen' }), 400)
    expectProblemCode(await post('accept', { completeBy: '2024-01-01', extra: true }), 400)
    expectProblemCode(await post('decline', {}), 400)
    expectProblemCode(await post('decline', { reason: 42 }), 400)
    expectProblemCode(await post('decline', { reason: 'nein\u0000' }), 400)
    expectProblemCode(await post('complete', { feedback: 'x'.repeat(4001) }), 400)
    expectProblemCode(await post('accept', { completeBy: isoDay(-3) }), 400, 'date-order')
    expect(await countNetworkRows(ctx.database)).toEqual(before)
    const after = (await open(partner, referral.id)).json() as Referral
    expect(after).toMatchObject({ status: 'sent', completeBy: null, feedback: null })
  })
  it('publishes every status change of a referral to the webhook outbox with ids and status only', async () => {
    const changes = await ctx.database.db
      .selectFrom('referral_status_change')
      .select(['referral_id', 'from_status', 'to_status'])
      .execute()
    const events = await ctx.database.db
      .selectFrom('webhook_event')
      .select(['payload'])
      .where('event_type', '=', 'referral.status-changed')
      .execute()
    const published = events.map((event) => {
      const payload = event.payload as { referralId: string; fromStatus: string | null; toStatus: string }
      expect(Object.keys(payload).sort()).toEqual([
        'caseId',
        'fromStatus',
        'organisationId',
        'referralId',
        'toStatus',
      ])
      return `${payload.referralId}:${payload.fromStatus}:${payload.toStatus}`
    })
    expect(changes.length).toBeGreaterThan(3)
    expect(published.sort()).toEqual(
      changes.map((change) => `${change.referral_id}:${change.from_status}:${change.to_status}`).sort(),
    )
  })
})
