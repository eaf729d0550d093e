import { beforeAll, describe, expect, it } from 'vitest'
import type { Case, Contact, Person } from '../../../../common/casework.ts'
import { defaultTimeZone, localDay } from '../../../platform/district-time.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'
import {
  auditOf,
  contactBody,
  countRows,
  expectProblem,
  isoDay,
  municipalityIds,
  noonUtc,
  openCase,
  registerPerson,
} from '../casework.test-helpers.ts'

/** An instant after now that is still today in Berlin (a fixed two hours ahead crosses midnight after 22:00). */
function laterTodayInBerlin(): string {
  const now = Date.now()
  const today = localDay(new Date(now), defaultTimeZone)
  for (const minutes of [120, 60, 30, 10, 1]) {
    const candidate = new Date(now + minutes * 60_000)
    if (localDay(candidate, defaultTimeZone) === today) return candidate.toISOString()
  }
  return new Date(now).toISOString()
}

describe.each(databaseKinds)('counselling contacts on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let caseManager: TestSession
  let municipality: string
  let mother: Person
  let child: Person
  let stranger: Person
  let kase: Case

  beforeAll(async () => {
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    ;[municipality] = (await municipalityIds(ctx.database, caseManager.districtId)) as [string]
    mother = await registerPerson(caseManager, municipality, { familyName: 'Karimi', givenNames: 'Zahra' })
    child = await registerPerson(caseManager, municipality, {
      familyName: 'Karimi',
      givenNames: 'Ali',
      birthDate: '2015-06',
      sex: 'male',
    })
    stranger = await registerPerson(caseManager, municipality, { familyName: 'Fremdling' })
    kase = await openCase(caseManager, [mother.id, child.id], municipality)
  })

  const post = (payload: Record<string, unknown>, caseId = kase.id) =>
    caseManager.request({ method: 'POST', url: `/api/cases/${caseId}/contacts`, payload })
  const listedCase = async (caseId: string) => {
    const response = await caseManager.request({ method: 'GET', url: '/api/cases?limit=200&phase=open' })
    return (response.json().items as Case[]).find((item) => item.id === caseId)
  }

  it('saves a quick entry with only the required fields and moves the last contact on the case list', async () => {
    const occurredAt = noonUtc(-3)
    const response = await post({
      occurredAt,
      durationMinutes: 20,
      channel: 'phone',
      language: 'de',
      domains: ['housing'],
    })
    expect(response.statusCode, response.body).toBe(201)
    const contacts = response.json() as Contact[]
    expect(contacts).toEqual([
      expect.objectContaining({
        occurredAt: new Date(occurredAt).toISOString(),
        durationMinutes: 20,
        channel: 'phone',
        participantPersonIds: [],
        otherParticipants: '',
        language: 'de',
        interpreterUsed: false,
        interpreterLanguage: null,
        domains: ['housing'],
        note: '',
        createdBy: 'Leyla Yıldız',
      }),
    ])
    expect((await listedCase(kase.id))?.lastContactOn).toBe(isoDay(-3))
    expect((await auditOf(ctx.database, contacts[0]?.id as string)).map((row) => row.action)).toEqual([
      'contact.create',
    ])
  })

  it('keeps the latest contact as last contact when an older one is added later', async () => {
    const newer = await post(contactBody({ occurredAt: noonUtc(-1) }))
    expect(newer.statusCode).toBe(201)
    const older = await post(contactBody({ occurredAt: noonUtc(-10) }))
    expect(older.statusCode).toBe(201)
    expect((await listedCase(kase.id))?.lastContactOn).toBe(isoDay(-1))
    // Newest first.
    const listed = (
      await caseManager.request({ method: 'GET', url: `/api/cases/${kase.id}/contacts` })
    ).json()
    const times = listed.map((contact: Contact) => contact.occurredAt)
    expect(times).toEqual([...times].sort().reverse())
  })

  it('accepts a contact later today in the district, whatever the hour the test runs', async () => {
    expect((await post(contactBody({ occurredAt: laterTodayInBerlin() }))).statusCode).toBe(201)
  })

  it('refuses a contact more than a day ahead next to body.occurredAt and stores nothing', async () => {
    const before = await countRows(ctx.database, 'contact')
    const response = await post(contactBody({ occurredAt: noonUtc(3) }))
    expectProblem(response, 400, 'body.occurredAt', 'date-in-future')
    expect(await countRows(ctx.database, 'contact')).toBe(before)
  })

  it('records the participants who belong to the case', async () => {
    const response = await post(contactBody({ participantPersonIds: [mother.id, child.id] }))
    expect(response.statusCode, response.body).toBe(201)
    const saved = (response.json() as Contact[]).find((contact) => contact.participantPersonIds.length === 2)
    expect(saved?.participantPersonIds.sort()).toEqual([mother.id, child.id].sort())
  })

  it('refuses a participant who does not belong to the case and stores nothing', async () => {
    const before = await countRows(ctx.database, 'contact')
    const response = await post(contactBody({ participantPersonIds: [mother.id, stranger.id] }))
    expectProblem(response, 422, 'body.participantPersonIds', 'person-not-in-case')
    expect(await countRows(ctx.database, 'contact')).toBe(before)
  })

  it('needs the interpreter language when an interpreter was used', async () => {
    const before = await countRows(ctx.database, 'contact')
    expectProblem(await post(contactBody({ interpreterUsed: true })), 400, 'body.interpreterLanguage')
    expect(await countRows(ctx.database, 'contact')).toBe(before)
    const response = await post(
      contactBody({ language: 'de', interpreterUsed: true, interpreterLanguage: 'fa' }),
    )
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json()).toEqual(
      expect.arrayContaining([expect.objectContaining({ interpreterUsed: true, interpreterLanguage: 'fa' })]),
    )
  })

  it('drops an interpreter language given without an interpreter', async () => {
    const response = await post(
      contactBody({ interpreterUsed: false, interpreterLanguage: 'ti', note: 'ohne Dolmetsch' }),
    )
    expect(response.statusCode).toBe(201)
    const saved = (response.json() as Contact[]).find((contact) => contact.note === 'ohne Dolmetsch')
    expect(saved).toMatchObject({ interpreterUsed: false, interpreterLanguage: null })
  })

  it('shows the contacts on the timeline of the case', async () => {
    const response = await caseManager.request({ method: 'GET', url: `/api/cases/${kase.id}/timeline` })
    expect(response.statusCode).toBe(200)
    const kinds = response.json().map((entry: { kind: string }) => entry.kind)
    expect(kinds).toContain('contact')
    expect(kinds).toContain('case-opened')
  })

  it('counts a short consultation without a case or personal data', async () => {
    const response = await caseManager.request({
      method: 'POST',
      url: '/api/short-consultations',
      payload: {
        occurredOn: isoDay(),
        municipalityId: municipality,
        domains: ['work'],
        language: 'ar',
        channel: 'phone',
      },
    })
    expect(response.statusCode, response.body).toBe(201)
    const listed = (await caseManager.request({ method: 'GET', url: '/api/short-consultations' })).json()
    expect(listed).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: response.json().id, language: 'ar' })]),
    )
  })
})
