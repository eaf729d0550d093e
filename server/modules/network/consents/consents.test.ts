import { beforeAll, describe, expect, it } from 'vitest'
import type { Case, Person, TimelineEntry } from '../../../../common/casework.ts'
import { type Consent, consentPurposes } from '../../../../common/consent.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'
import { validConsentFor } from '../index.ts'
import {
  auditOf,
  consentBody,
  countNetworkRows,
  expectProblemCode,
  firstMunicipality,
  isoDay,
  organisationId,
  personWithCase,
  recordConsent,
} from '../network.test-helpers.ts'

describe.each(databaseKinds)('consent ledger on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let caseManager: TestSession
  let colleague: TestSession
  let person: Person
  let kase: Case
  let jobcenter: string
  let caritas: string

  beforeAll(async () => {
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    colleague = await loginAs(ctx.app, 'fallmanagement.sued')
    const municipality = await firstMunicipality(ctx.database, caseManager.districtId)
    ;({ person, case: kase } = await personWithCase(caseManager, municipality))
    jobcenter = await organisationId(ctx.database, caseManager.districtId, 'Jobcenter Rhein-Sieg')
    caritas = await organisationId(ctx.database, caseManager.districtId, 'Caritasverband Rhein-Sieg')
  })

  it('records a consent with who and when, the text version, and lists it as valid today', async () => {
    const consent = await recordConsent(caseManager, person.id, [jobcenter], { formLanguage: 'ar' })
    expect(consent).toMatchObject({
      personId: person.id,
      recipientOrganisations: [{ id: jobcenter, name: 'Jobcenter Rhein-Sieg' }],
      purposes: ['referral'],
      dataCategories: ['identity', 'contact'],
      legalBasis: 'gdpr-6-1-a',
      form: 'written',
      textVersion: '2026-12',
      formLanguage: 'ar',
      state: 'valid',
      recordedBy: 'Leyla Yıldız',
      revokedOn: null,
      signedForm: null,
    })
    const listed = await caseManager.request({ method: 'GET', url: `/api/persons/${person.id}/consents` })
    expect(listed.statusCode).toBe(200)
    expect((listed.json() as Consent[]).map((each) => each.id)).toContain(consent.id)
    expect((await auditOf(ctx.database, consent.id)).map((entry) => entry.action)).toEqual(['consent.create'])
  })

  it('shows expired and not yet valid consents with their state', async () => {
    const expired = await recordConsent(caseManager, person.id, [caritas], {
      validFrom: isoDay(-400),
      validUntil: isoDay(-1),
    })
    const future = await recordConsent(caseManager, person.id, [caritas], {
      validFrom: isoDay(1),
      validUntil: isoDay(100),
    })
    expect(expired.state).toBe('expired')
    expect(future.state).toBe('not-yet-valid')
  })

  it('refuses validity that ends before it starts: nothing stored, the attempt audited', async () => {
    const before = await countNetworkRows(ctx.database)
    const response = await caseManager.request({
      method: 'POST',
      url: `/api/persons/${person.id}/consents`,
      payload: consentBody([jobcenter], { validFrom: isoDay(10), validUntil: isoDay(9) }),
    })
    const problem = expectProblemCode(response, 400, 'consent-ends-before-start')
    expect(problem.fields?.[0]?.path).toBe('body.validUntil')
    expect(await countNetworkRows(ctx.database)).toEqual(before)
    const audit = await auditOf(ctx.database, person.id)
    expect(audit.at(-1)).toMatchObject({
      action: 'consent.create',
      outcome: 'failure',
      purpose: 'consent-ends-before-start',
    })
  })

  it('refuses malformed input, unknown recipients and foreign organisations without storing anything', async () => {
    const lindenau = await loginAs(ctx.app, 'admin.lindenau')
    const foreignOrganisation = (
      await lindenau.request({
        method: 'POST',
        url: '/api/organisations',
        payload: { name: 'Fremder Träger', kind: 'kommune' },
      })
    ).json().id as string
    const before = await countNetworkRows(ctx.database)
    const post = (payload: unknown) =>
      caseManager.request({
        method: 'POST',
        url: `/api/persons/${person.id}/consents`,
        payload: payload as object,
      })
    expectProblemCode(await post(consentBody([])), 400)
    expectProblemCode(await post(consentBody([jobcenter], { purposes: ['marketing'] })), 400)
    expectProblemCode(await post(consentBody([jobcenter], { validUntil: '2026-13-45' })), 400)
    expectProblemCode(await post(consentBody([jobcenter, jobcenter])), 400)
    expectProblemCode(await post({ ...consentBody([jobcenter]), surprise: true }), 400)
    expectProblemCode(await post(consentBody([jobcenter], { note: 'a\u0000b' })), 400)
    expectProblemCode(await post(consentBody([foreignOrganisation])), 422, 'unknown-reference')
    expect(await countNetworkRows(ctx.database)).toEqual(before)
  })

  it('lets only who may change the person record consents; another district gets 404', async () => {
    const response = await colleague.request({
      method: 'POST',
      url: `/api/persons/${person.id}/consents`,
      payload: consentBody([jobcenter]),
    })
    expect([403, 404]).toContain(response.statusCode)
    const partner = await loginAs(ctx.app, 'partner.jobcenter')
    expect(
      (await partner.request({ method: 'GET', url: `/api/persons/${person.id}/consents` })).statusCode,
    ).toBe(403)
    const lindenau = await loginAs(ctx.app, 'admin.lindenau')
    expectProblemCode(
      await lindenau.request({ method: 'GET', url: `/api/persons/${person.id}/consents` }),
      404,
    )
  })

  it('revokes in one step, from the very next check on, and only once', async () => {
    const consent = await recordConsent(caseManager, person.id, [caritas], { purposes: ['case-conference'] })
    const gate = () =>
      validConsentFor(ctx.database.db, {
        districtId: caseManager.districtId,
        personId: person.id,
        organisationId: caritas,
        purpose: 'case-conference',
        on: isoDay(0),
      })
    expect((await gate())?.id).toBe(consent.id)
    const revoked = await caseManager.request({ method: 'POST', url: `/api/consents/${consent.id}/revoke` })
    expect(revoked.statusCode, revoked.body).toBe(200)
    expect(revoked.json()).toMatchObject({
      state: 'revoked',
      revokedOn: isoDay(0),
      revokedBy: 'Leyla Yıldız',
    })
    expect(await gate()).toBeNull()
    // Before the revocation the consent held: the ledger still says so for earlier days.
    expect(
      (
        await validConsentFor(ctx.database.db, {
          districtId: caseManager.districtId,
          personId: person.id,
          organisationId: caritas,
          purpose: 'case-conference',
          on: isoDay(-1),
        })
      )?.id,
    ).toBe(consent.id)
    expectProblemCode(
      await caseManager.request({ method: 'POST', url: `/api/consents/${consent.id}/revoke`, payload: {} }),
      409,
      'consent-already-revoked',
    )
    expect((await auditOf(ctx.database, consent.id)).map((entry) => entry.action)).toEqual([
      'consent.create',
      'consent.revoke',
    ])
    // The case timeline shows the consent when recorded and, apart, when revoked.
    const timeline = (
      await caseManager.request({ method: 'GET', url: `/api/cases/${kase.id}/timeline` })
    ).json() as TimelineEntry[]
    expect(
      timeline
        .filter((entry) => entry.id.startsWith(consent.id))
        .map((entry) => [entry.kind, entry.actorName, entry.summary.revokedOn ?? null])
        .sort(),
    ).toEqual([
      ['consent', 'Leyla Yıldız', null],
      ['consent-revoked', 'Leyla Yıldız', isoDay(0)],
    ])
  })

  it('answers the gate by recipient × purpose × data category × validity', async () => {
    const { person: someone } = await personWithCase(
      caseManager,
      await firstMunicipality(ctx.database, caseManager.districtId),
      {
        familyName: 'Petrenko',
        givenNames: 'Olena',
      },
    )
    const valid = await recordConsent(caseManager, someone.id, [jobcenter], {
      purposes: ['referral', 'case-conference'],
      dataCategories: ['identity', 'contact'],
    })
    await recordConsent(caseManager, someone.id, [caritas], {
      validFrom: isoDay(-200),
      validUntil: isoDay(-1),
    })
    const ask = (organisation: string, purpose: (typeof consentPurposes)[number], categories?: string[]) =>
      validConsentFor(ctx.database.db, {
        districtId: caseManager.districtId,
        personId: someone.id,
        organisationId: organisation,
        purpose,
        on: isoDay(0),
        ...(categories ? { dataCategories: categories as never } : {}),
      })
    for (const purpose of consentPurposes) {
      const expected = purpose === 'referral' || purpose === 'case-conference' ? valid.id : undefined
      expect((await ask(jobcenter, purpose))?.id, purpose).toBe(expected)
      // Caritas' consent is expired: nothing for any purpose.
      expect(await ask(caritas, purpose), purpose).toBeNull()
    }
    expect((await ask(jobcenter, 'referral', ['identity', 'contact']))?.id).toBe(valid.id)
    expect(await ask(jobcenter, 'referral', ['identity', 'health'])).toBeNull()
    // Another district's check never finds this district's consent.
    const lindenau = await loginAs(ctx.app, 'admin.lindenau')
    expect(
      await validConsentFor(ctx.database.db, {
        districtId: lindenau.districtId,
        personId: someone.id,
        organisationId: jobcenter,
        purpose: 'referral',
        on: isoDay(0),
      }),
    ).toBeNull()
    expect(kase.id).toBeTruthy()
  })
})
