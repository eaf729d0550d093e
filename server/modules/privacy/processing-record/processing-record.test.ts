import { execFileSync } from 'node:child_process'
import mammoth from 'mammoth'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'

const squeeze = (text: string) => text.replace(/\s+/g, ' ')

describe.each(databaseKinds)('record of processing activities (Art. 30) on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let dpo: TestSession

  beforeAll(async () => {
    dpo = await loginAs(ctx.app, 'datenschutz')
  })

  it('stores nothing when a save on an untouched record is refused', async () => {
    const stale = await dpo.request({
      method: 'PUT',
      url: '/api/processing-record',
      payload: { basedOn: 7, content: { controller: {}, activities: [] } },
    })
    expect([400, 409]).toContain(stale.statusCode)
    const refused = await dpo.request({
      method: 'PUT',
      url: '/api/processing-record',
      payload: {
        basedOn: 7,
        content: (await import('./default-record.ts')).defaultProcessingRecord('Testkreis'),
      },
    })
    expect(refused.statusCode, refused.body).toBe(409)
    const stored = await ctx.database.db.selectFrom('processing_record_version').select('number').execute()
    expect(stored).toEqual([])
  })

  it('starts from the default for a KIM office as version 1, with deletion periods', async () => {
    const response = await dpo.request({ method: 'GET', url: '/api/processing-record' })
    expect(response.statusCode).toBe(200)
    const record = response.json()
    expect(record.number).toBe(1)
    expect(record.content.activities[0].name).toContain('Case Management')
    expect(record.deletionPeriods.some((row: { period: string }) => row.period === '3 Jahre')).toBe(true)
    // What the daily job does comes from the district's retention rules (defaults: 36 months, anonymise).
    expect(record.deletionPeriods).toContainEqual({
      record: expect.stringContaining('Fallakte'),
      start: 'Abschluss des Falls',
      period: '3 Jahre, danach anonymisiert',
    })
  })

  it('names the retention rules the district saved as its deletion periods', async () => {
    const admin = await loginAs(ctx.app, 'admin')
    const current = (await admin.request({ method: 'GET', url: '/api/retention-rules' })).json()
    const saved = await admin.request({
      method: 'PUT',
      url: '/api/retention-rules',
      headers: { 'if-match': `"${current.version}"` },
      payload: {
        rules: [
          { recordKind: 'closed-case', startEvent: 'case-closed', periodMonths: 60, action: 'anonymise' },
          { recordKind: 'unattached-person', startEvent: 'registered', periodMonths: 18, action: 'delete' },
        ],
      },
    })
    expect(saved.statusCode, saved.body).toBe(200)
    const record = (await dpo.request({ method: 'GET', url: '/api/processing-record' })).json()
    expect(record.deletionPeriods.map((row: { period: string }) => row.period)).toEqual(
      expect.arrayContaining(['5 Jahre, danach anonymisiert', '18 Monate, danach gelöscht']),
    )
  })

  it('saves each change as a new version and refuses a stale base with 409', async () => {
    const current = (await dpo.request({ method: 'GET', url: '/api/processing-record' })).json()
    const content = {
      ...current.content,
      technicalMeasures: [...current.content.technicalMeasures, 'Schulung aller Beschäftigten jährlich'],
    }
    const saved = await dpo.request({
      method: 'PUT',
      url: '/api/processing-record',
      payload: { basedOn: 1, note: 'Schulung ergänzt', content },
    })
    expect(saved.statusCode, saved.body).toBe(200)
    expect(saved.json().number).toBe(2)
    const stale = await dpo.request({
      method: 'PUT',
      url: '/api/processing-record',
      payload: { basedOn: 1, content },
    })
    expect(stale.statusCode).toBe(409)
    const versions = (await dpo.request({ method: 'GET', url: '/api/processing-record/versions' })).json()
    expect(versions.map((version: { number: number }) => version.number)).toEqual([2, 1])
    const first = (await dpo.request({ method: 'GET', url: '/api/processing-record?version=1' })).json()
    expect(first.content.technicalMeasures).not.toContain('Schulung aller Beschäftigten jährlich')
  })

  it('refuses invalid content and other roles than the officer', async () => {
    const current = (await dpo.request({ method: 'GET', url: '/api/processing-record' })).json()
    const empty = await dpo.request({
      method: 'PUT',
      url: '/api/processing-record',
      payload: { basedOn: current.number, content: { ...current.content, activities: [] } },
    })
    expect(empty.statusCode).toBe(400)
    const admin = await loginAs(ctx.app, 'admin')
    expect((await admin.request({ method: 'GET', url: '/api/processing-record' })).statusCode).toBe(200)
    const byAdmin = await admin.request({
      method: 'PUT',
      url: '/api/processing-record',
      payload: { basedOn: current.number, content: current.content },
    })
    expect(byAdmin.statusCode).toBe(403)
    const manager = await loginAs(ctx.app, 'fallmanagement')
    expect((await manager.request({ method: 'GET', url: '/api/processing-record.docx' })).statusCode).toBe(
      403,
    )
  })

  it('exports the record as DOCX and PDF that readers open, with the saved change', async () => {
    const docx = await dpo.request({ method: 'GET', url: '/api/processing-record.docx' })
    expect(docx.statusCode).toBe(200)
    const html = (await mammoth.convertToHtml({ buffer: docx.rawPayload })).value
    expect(html).toContain('Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO)')
    expect(html).toContain('Schulung aller Beschäftigten jährlich')
    expect(html).toContain('Löschfristen')
    const pdf = await dpo.request({ method: 'GET', url: '/api/processing-record.pdf?version=1' })
    expect(pdf.statusCode).toBe(200)
    const text = squeeze(
      execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf.rawPayload }).toString('utf8'),
    )
    expect(text).toContain('Fassung 1')
    expect(text).toContain('Technische und organisatorische Maßnahmen')
    expect(text).not.toContain('Schulung aller Beschäftigten jährlich')
  })
})
