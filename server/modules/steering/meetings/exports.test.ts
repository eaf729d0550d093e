import mammoth from 'mammoth'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js'
import { beforeAll, describe, expect, it } from 'vitest'
import type { BodyDetail, MeetingDetail } from '../../../../common/steering.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'
import { eventsOf } from '../steering.test-helpers.ts'

async function pdfText(pdf: Buffer): Promise<string> {
  const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise
  const pages: string[] = []
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number)
    const items = (await page.getTextContent()).items.filter((item): item is TextItem => 'str' in item)
    pages.push(items.map((item) => item.str + (item.hasEOL ? '\n' : '')).join(''))
  }
  return pages.join('\n')
}

const squeeze = (text: string) => text.replace(/\s+/g, ' ')

describe.each(databaseKinds)('steering exports on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let coordinator: TestSession
  let body: BodyDetail
  let winter: MeetingDetail
  let summer: MeetingDetail

  beforeAll(async () => {
    coordinator = await loginAs(ctx.app, 'koordination')
    const created = await coordinator.request({
      method: 'POST',
      url: '/api/bodies',
      payload: { kind: 'working_group', name: 'UAG Export' },
    })
    body = created.json()
    const plan = async (date: string, title: string) => {
      const response = await coordinator.request({
        method: 'POST',
        url: '/api/meetings',
        payload: {
          bodyId: body.id,
          title,
          date,
          startTime: '10:00',
          endTime: '12:00',
          place: 'Kreishaus Siegburg',
          videoUrl: 'https://video.example/uag',
        },
      })
      expect(response.statusCode, response.body).toBe(201)
      return response.json() as MeetingDetail
    }
    // Saturday before and Monday after the clocks go forward (28 March 2027).
    winter = await plan('2027-03-27', 'Vor der Zeitumstellung')
    summer = await plan('2027-03-29', 'Nach der Zeitumstellung')
    await coordinator.request({
      method: 'POST',
      url: `/api/meetings/${summer.id}/agenda-items`,
      payload: { title: 'Schnittstellen Jobcenter / Sozialamt' },
    })
    const member = await coordinator.request({
      method: 'POST',
      url: `/api/bodies/${body.id}/members`,
      payload: { representative: 'Sabine Krüger', role: 'chair', fromOn: '2027-01-01' },
    })
    body = member.json()
    await coordinator.request({
      method: 'PUT',
      url: `/api/meetings/${summer.id}/attendance`,
      payload: { entries: [{ membershipId: body.members[0]?.id, status: 'present' }] },
    })
    const decided = await coordinator.request({
      method: 'POST',
      url: `/api/meetings/${summer.id}/decisions`,
      payload: {
        number: 'UAG 2027/1',
        text: 'Die Unterarbeitsgruppe empfiehlt eine feste Ansprechperson im Jobcenter für Rechtskreiswechsel. *fett* #set $x$',
        agendaItemId: (await coordinator.request({ method: 'GET', url: `/api/meetings/${summer.id}` })).json()
          .agenda[0].id,
      },
    })
    expect(decided.statusCode, decided.body).toBe(201)
  })

  it('writes the invitation as iCalendar in Europe/Berlin, 10:00 on both sides of the clock change', async () => {
    const responses = await Promise.all(
      [winter, summer].map((meeting) =>
        coordinator.request({ method: 'GET', url: `/api/meetings/${meeting.id}/invitation.ics` }),
      ),
    )
    const [before, after] = responses.map((response) => {
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-type']).toContain('text/calendar')
      return eventsOf(response.body)
    })
    expect(before?.method).toBe('PUBLISH')
    expect(before?.zones).toEqual(['Europe/Berlin'])
    expect(before?.events).toEqual([
      expect.objectContaining({
        uid: `meeting-${winter.id}@lotse`,
        summary: 'UAG Export: Vor der Zeitumstellung',
        tzid: 'Europe/Berlin',
        wallStart: '2027-03-27T10:00:00',
        startUtc: '2027-03-27T09:00:00.000Z',
        endUtc: '2027-03-27T11:00:00.000Z',
        location: 'Kreishaus Siegburg / https://video.example/uag',
      }),
    ])
    expect(after?.events).toEqual([
      expect.objectContaining({
        tzid: 'Europe/Berlin',
        wallStart: '2027-03-29T10:00:00',
        startUtc: '2027-03-29T08:00:00.000Z',
        description: 'Tagesordnung\nTOP 1: Schnittstellen Jobcenter / Sozialamt',
      }),
    ])
  })

  it("writes the invitation's agenda in English when asked, as the minutes exports do", async () => {
    const english = await coordinator.request({
      method: 'GET',
      url: `/api/meetings/${summer.id}/invitation.ics?language=en`,
    })
    expect(english.statusCode).toBe(200)
    expect(eventsOf(english.body).events[0]?.description).toBe(
      'Agenda\nItem 1: Schnittstellen Jobcenter / Sozialamt',
    )
    const feed = await coordinator.request({
      method: 'GET',
      url: `/api/bodies/${body.id}/calendar.ics?language=en`,
    })
    expect(eventsOf(feed.body).events.map((event) => event.description)).toContain(
      'Agenda\nItem 1: Schnittstellen Jobcenter / Sozialamt',
    )
    const unknown = await coordinator.request({
      method: 'GET',
      url: `/api/meetings/${summer.id}/invitation.ics?language=fr`,
    })
    expect(unknown.statusCode).toBe(400)
  })

  it("serves the body's calendar feed with every meeting, and a changed meeting with a higher sequence", async () => {
    const changed = await coordinator.request({
      method: 'PUT',
      url: `/api/meetings/${winter.id}`,
      headers: { 'if-match': `"${winter.version}"` },
      payload: {
        title: 'Vor der Zeitumstellung',
        date: '2027-10-30',
        startTime: '09:30',
        endTime: '11:00',
        place: 'Online',
      },
    })
    expect(changed.statusCode, changed.body).toBe(200)
    const response = await coordinator.request({ method: 'GET', url: `/api/bodies/${body.id}/calendar.ics` })
    expect(response.statusCode).toBe(200)
    const feed = eventsOf(response.body)
    expect(feed.method).toBe('PUBLISH')
    expect(feed.events.map((event) => [event.uid, event.startUtc, event.sequence])).toEqual([
      [`meeting-${summer.id}@lotse`, '2027-03-29T08:00:00.000Z', 0],
      // The last Saturday of October is still summer time: 09:30 is 07:30 UTC.
      [`meeting-${winter.id}@lotse`, '2027-10-30T07:30:00.000Z', 1],
    ])
  })

  it('exports the minutes as DOCX with the decision text, read back with mammoth', async () => {
    const response = await coordinator.request({
      method: 'GET',
      url: `/api/meetings/${summer.id}/minutes.docx`,
    })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain('wordprocessingml')
    const { value } = await mammoth.extractRawText({ buffer: response.rawPayload })
    const text = squeeze(value)
    expect(text).toContain('Niederschrift: Nach der Zeitumstellung')
    expect(text).toContain('TOP 1: Schnittstellen Jobcenter / Sozialamt')
    expect(text).toContain('Beschluss UAG 2027/1')
    expect(text).toContain(
      'Die Unterarbeitsgruppe empfiehlt eine feste Ansprechperson im Jobcenter für Rechtskreiswechsel. *fett* #set $x$',
    )
    expect(text).toContain('Sabine Krüger')
    expect(text).toContain('29.03.2027')
    expect(text).toContain('Entwurf')
    const english = await coordinator.request({
      method: 'GET',
      url: `/api/meetings/${summer.id}/minutes.docx?language=en`,
    })
    expect(squeeze((await mammoth.extractRawText({ buffer: english.rawPayload })).value)).toContain(
      'Decision UAG 2027/1',
    )
  })

  it('exports the minutes as PDF with the decision text, read back with pdf.js', async () => {
    const response = await coordinator.request({
      method: 'GET',
      url: `/api/meetings/${summer.id}/minutes.pdf`,
    })
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200)
    expect(response.headers['content-type']).toBe('application/pdf')
    const text = squeeze(await pdfText(response.rawPayload))
    expect(text).toContain('Niederschrift: Nach der Zeitumstellung')
    expect(text).toContain('Beschluss UAG 2027/1')
    expect(text).toContain('feste Ansprechperson im Jobcenter für Rechtskreiswechsel. *fett* #set $x$')
    expect(text).toContain('Sabine Krüger')
    const audit = await ctx.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', summer.id)
      .where('action', '=', 'meeting.minutes-export')
      .execute()
    expect(audit.length).toBeGreaterThanOrEqual(2)
  })
})
