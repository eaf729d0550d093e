import { execFileSync } from 'node:child_process'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { openLoggedApp, useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'

const pdfText = (pdf: Buffer) =>
  execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8')
const squeeze = (text: string) => text.replace(/\s+/g, ' ')

/**
 * Where each table keeps rows about person :p (whose cases are :c). A canary goes into every text
 * column of these rows that accepts free text; each must come back in the JSON and the PDF.
 */
const scopes: Record<string, string> = {
  person: 'id = :p',
  residence_status: 'person_id = :p',
  client_case: 'id IN (:c)',
  case_phase_change: 'case_id IN (:c)',
  assessment_entry: 'assessment_id IN (SELECT id FROM assessment WHERE case_id IN (:c))',
  goal: 'case_id IN (:c)',
  measure: 'case_id IN (:c)',
  contact:
    'case_id IN (:c) AND (cardinality(participant_person_ids) = 0 OR :p = ANY (participant_person_ids))',
  task: 'person_id = :p OR case_id IN (:c)',
  case_document: 'case_id IN (:c)',
  consent: 'person_id = :p',
  referral: 'person_id = :p',
  referral_status_change: 'referral_id IN (SELECT id FROM referral WHERE person_id = :p)',
  case_conference: 'case_id IN (:c)',
  case_conference_participant: 'conference_id IN (SELECT id FROM case_conference WHERE case_id IN (:c))',
  case_conference_action: 'conference_id IN (SELECT id FROM case_conference WHERE case_id IN (:c))',
  legal_sphere_change: 'person_id = :p',
}
/** Derived or internal text, not a fact about the person: the sort key of a case, a job's dedup key. */
const notPersonal = new Set(['client_case.sort_name', 'task.source_key'])

describe.each(databaseKinds)('access requests (Art. 15) on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx, { caseWork: true })
  let dpo: TestSession
  let personId: string
  const planted: { column: string; canary: string }[] = []

  beforeAll(async () => {
    dpo = await loginAs(ctx.app, 'datenschutz')
    const db = ctx.database.ownerDb
    // A demo person with a referral, a consent and a case with goals, measures, tasks and contacts
    // they took part in: every kind of record the test plants into. Ids are random, so the richest
    // person alone is not enough: a tie could fall on one without contacts of their own.
    const person = await sql<{ person_id: string }>`
      SELECT r.person_id FROM referral r JOIN consent c ON c.person_id = r.person_id
      WHERE EXISTS (
        SELECT 1 FROM case_person cp
        WHERE cp.person_id = r.person_id
          AND EXISTS (SELECT 1 FROM goal g WHERE g.case_id = cp.case_id)
          AND EXISTS (SELECT 1 FROM measure m WHERE m.case_id = cp.case_id)
          AND EXISTS (SELECT 1 FROM task t WHERE t.case_id = cp.case_id)
          AND EXISTS (
            SELECT 1 FROM contact k WHERE k.case_id = cp.case_id
              AND (cardinality(k.participant_person_ids) = 0 OR r.person_id = ANY (k.participant_person_ids))))
      GROUP BY r.person_id ORDER BY count(*) DESC, r.person_id LIMIT 1`.execute(db)
    personId = person.rows[0]?.person_id as string
    expect(personId).toBeTruthy()
    const caseRows = await sql<{
      case_id: string
    }>`SELECT case_id FROM case_person WHERE person_id = ${personId}`.execute(db)
    const caseList = caseRows.rows.map((row) => `'${row.case_id}'`).join(', ')
    let n = 0
    for (const [table, scope] of Object.entries(scopes)) {
      const columns = await sql<{ column_name: string }>`
        SELECT column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = ${table} AND data_type IN ('text', 'character varying')
        ORDER BY ordinal_position`.execute(db)
      for (const { column_name: column } of columns.rows) {
        if (notPersonal.has(`${table}.${column}`)) continue
        const canary = `Kanari${String(++n).padStart(3, '0')}q`
        const where = scope.replaceAll(':p', `'${personId}'`).replaceAll(':c', caseList || 'NULL')
        try {
          const result = await db
            .transaction()
            .execute((trx) =>
              sql.raw(`UPDATE ${table} SET ${column} = '${canary}' WHERE ${where}`).execute(trx),
            )
          if (Number(result.numAffectedRows ?? 0) > 0) planted.push({ column: `${table}.${column}`, canary })
        } catch {
          // A column that only takes listed values (a check constraint) holds no free text.
        }
      }
    }
  }, 120_000)

  it('plants canaries in the text columns of every kind of record', () => {
    const tables = new Set(planted.map((entry) => entry.column.split('.')[0]))
    for (const table of [
      'person',
      'client_case',
      'contact',
      'consent',
      'referral',
      'goal',
      'measure',
      'task',
    ])
      expect(tables, table).toContain(table)
    expect(planted.length).toBeGreaterThan(30)
  })

  it('gives the data protection officer every planted value in the JSON, with a schema version', async () => {
    // A read of the person's record first, so the trail holds at least one access to report.
    expect(
      (await dpo.request({ method: 'GET', url: `/api/privacy-requests/subjects/${personId}` })).statusCode,
    ).toBe(200)
    const response = await dpo.request({ method: 'GET', url: `/api/persons/${personId}/disclosure.json` })
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json()
    expect(body.schemaVersion).toBe(1)
    expect(body.person.id).toBe(personId)
    expect(body.referrals.length).toBeGreaterThan(0)
    expect(body.consents.length).toBeGreaterThan(0)
    expect(body.accesses).toContainEqual(
      expect.objectContaining({
        action: 'person.read',
        user: 'Claudia Neumann',
        purpose: 'data-subject-request',
      }),
    )
    const missing = planted
      .filter((entry) => !response.body.includes(entry.canary))
      .map((entry) => entry.column)
    expect(missing).toEqual([])
  })

  it('prints every planted value in the German PDF', async () => {
    const response = await dpo.request({ method: 'GET', url: `/api/persons/${personId}/disclosure.pdf` })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/pdf')
    const text = squeeze(pdfText(response.rawPayload))
    expect(text).toContain('Auskunft nach Art. 15 DSGVO')
    expect(text).toContain('Vermittlungen (an wen Daten gingen)')
    expect(text).toContain('Zugriffe (Protokoll)')
    const missing = planted.filter((entry) => !text.includes(entry.canary)).map((entry) => entry.column)
    expect(missing).toEqual([])
  })

  it('writes none of the planted values into the server log, even at debug level', async () => {
    const lines: string[] = []
    const app = await openLoggedApp(ctx.database, (line) => lines.push(line))
    try {
      const officer = await loginAs(app, 'datenschutz')
      for (const url of [
        `/api/persons/${personId}/disclosure.json`,
        `/api/persons/${personId}/disclosure.pdf`,
        `/api/privacy-requests/subjects/${personId}`,
      ]) {
        expect((await officer.request({ method: 'GET', url })).statusCode).toBe(200)
      }
    } finally {
      await app.close()
    }
    const log = lines.join('\n')
    expect(log).toContain('disclosure.json')
    expect(planted.filter((entry) => log.includes(entry.canary)).map((entry) => entry.column)).toEqual([])
  })

  it('audits every disclosure, naming the person and not the content', async () => {
    const rows = await ctx.database.ownerDb
      .selectFrom('audit_event')
      .select(['action', 'subject_id', 'purpose'])
      .where('action', '=', 'person.disclosure')
      .where('subject_id', '=', personId)
      .execute()
    expect(rows.length).toBeGreaterThanOrEqual(2)
    expect(rows.every((row) => row.purpose === 'Art. 15 DSGVO')).toBe(true)
  })

  it('lists the disclosure itself among the accesses of the next report', async () => {
    const body = (
      await dpo.request({ method: 'GET', url: `/api/persons/${personId}/disclosure.json` })
    ).json()
    const own = body.accesses.find((entry: { action: string }) => entry.action === 'person.disclosure')
    expect(own).toMatchObject({ user: 'Claudia Neumann', roles: ['dpo'] })
  })

  it('answers 404 for a person of another district and for an unknown one, and audits the former', async () => {
    const foreign = await ctx.database.ownerDb
      .selectFrom('person')
      .select('id')
      .where('district_id', '!=', dpo.districtId)
      .executeTakeFirst()
    const foreignId =
      foreign?.id ??
      (
        await sql<{ id: string }>`
          INSERT INTO person (district_id, family_name, given_names, birth_date, birth_date_earliest,
            birth_date_latest, sex, municipality_id, address_street, address_postcode, address_city,
            legal_sphere, registered_by)
          SELECT d.id, 'Fremd', 'Person', '1990-01-01', '1990-01-01', '1990-01-01', 'female', m.id, '', '', '',
            'none', u.id
          FROM district d JOIN municipality m ON m.district_id = d.id JOIN app_user u ON u.district_id = d.id
          WHERE d.id != ${dpo.districtId} LIMIT 1 RETURNING id`.execute(ctx.database.ownerDb)
      ).rows[0]?.id
    for (const url of [
      `/api/persons/${foreignId}/disclosure.json`,
      `/api/persons/${foreignId}/disclosure.pdf`,
    ]) {
      const response = await dpo.request({ method: 'GET', url })
      expect(response.statusCode).toBe(404)
    }
    const unknown = await dpo.request({
      method: 'GET',
      url: '/api/persons/00000000-0000-4000-8000-000000000000/disclosure.json',
    })
    expect(unknown.statusCode).toBe(404)
    const denied = await ctx.database.ownerDb
      .selectFrom('audit_event')
      .select('outcome')
      .where('subject_id', '=', foreignId as string)
      .execute()
    expect(denied.map((row) => row.outcome)).toContain('denied')
  })

  it('refuses case managers and administrators (the officer answers requests)', async () => {
    for (const username of ['fallmanagement', 'admin']) {
      const session = await loginAs(ctx.app, username)
      const response = await session.request({
        method: 'GET',
        url: `/api/persons/${personId}/disclosure.json`,
      })
      expect(response.statusCode, username).toBe(403)
    }
  })
})
