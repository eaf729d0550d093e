import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { restoreBackup, writeBackup } from '../../../db/backup.ts'
import { rheinSiegKreis } from '../../../db/seed/districts.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { registerPerson } from '../../../test/case-factories.ts'
import { databaseKinds, openTestDatabase } from '../../../test/database.ts'
import { idHash } from './ledger.ts'
import { exportLedger, replayAfterRestore } from './ledger-file.ts'

/**
 * Erasure on request on the demo district: refused under legal hold and with an open case,
 * 404 for another district's person, a person without a case deleted, one with closed cases
 * anonymised; and a backup made before the erasure, restored into a new database with the
 * ledger, does not bring the person back.
 */
describe.each(databaseKinds)('erasure on request on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx, { caseWork: true })
  let dpo: TestSession
  let caseManager: TestSession
  let foreignAdmin: TestSession
  let workDir: string

  beforeAll(async () => {
    dpo = await loginAs(ctx.app, 'datenschutz')
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    foreignAdmin = await loginAs(ctx.app, 'admin.lindenau')
    workDir = mkdtempSync(path.join(tmpdir(), 'lotse-erasure-'))
  })
  afterAll(() => rmSync(workDir, { recursive: true, force: true }))

  const db = () => ctx.database.ownerDb
  const erase = (session: TestSession, personId: string, reason: unknown = 'objection') =>
    session.request({ method: 'POST', url: `/api/persons/${personId}/erasure`, payload: { reason } })

  /** Persons whose cases are all closed (two of them, each with one case), and one with an open case. */
  async function demoPersons() {
    const closed = await sql<{ person_id: string; case_id: string }>`
      SELECT cp.person_id, min(cp.case_id::text) AS case_id FROM case_person cp
      JOIN client_case k ON k.id = cp.case_id JOIN person p ON p.id = cp.person_id
      WHERE p.merged_into IS NULL AND p.anonymised_at IS NULL AND p.family_name <> ''
        AND NOT EXISTS (SELECT 1 FROM legal_hold h WHERE h.case_id = cp.case_id)
      GROUP BY cp.person_id HAVING bool_and(k.phase = 'closed') AND count(*) = 1
      ORDER BY cp.person_id LIMIT 2`.execute(db())
    const open = await sql<{ person_id: string }>`
      SELECT cp.person_id FROM case_person cp JOIN client_case k ON k.id = cp.case_id
      WHERE k.phase <> 'closed' ORDER BY cp.person_id LIMIT 1`.execute(db())
    return { closed: closed.rows, open: open.rows[0]?.person_id as string }
  }

  const personRow = (id: string) =>
    db()
      .selectFrom('person')
      .select(['family_name', 'given_names', 'birth_date', 'anonymised_at', 'version'])
      .where('id', '=', id)
      .executeTakeFirst()

  it('refuses roles without the right, another district, bad grounds, open cases and legal holds, changing nothing', async () => {
    const { closed, open } = await demoPersons()
    const [first] = closed
    if (!first) throw new Error('the demo has persons with closed cases only')
    expect((await erase(caseManager, first.person_id)).statusCode).toBe(403)
    expect((await erase(foreignAdmin, first.person_id)).statusCode).toBe(404)
    expect((await erase(dpo, first.person_id, 'because')).statusCode).toBe(400)
    expect((await erase(dpo, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404)
    const openAnswer = await erase(dpo, open)
    expect(openAnswer.statusCode).toBe(409)
    expect(openAnswer.json().code).toBe('erasure-case-open')

    const hold = await caseManager.request({
      method: 'POST',
      url: `/api/cases/${first.case_id}/legal-holds`,
      payload: { reason: 'Anfrage der Staatsanwaltschaft' },
    })
    // A case manager may hold only a case they are responsible for.
    const held =
      hold.statusCode === 201
        ? hold
        : await dpo.request({
            method: 'POST',
            url: `/api/cases/${first.case_id}/legal-holds`,
            payload: { reason: 'Anfrage der Staatsanwaltschaft' },
          })
    expect(held.statusCode, held.body).toBe(201)
    const before = await personRow(first.person_id)
    const refused = await erase(dpo, first.person_id)
    expect(refused.statusCode).toBe(409)
    expect(refused.json().code).toBe('legal-hold-active')
    expect(await personRow(first.person_id)).toEqual(before)
    expect(await db().selectFrom('erasure_ledger').select('id').execute()).toEqual([])
  })

  it('deletes a person without a case, anonymises one with closed cases, and backs the ledger against a restore', async () => {
    const backup = path.join(workDir, 'before.lotse.gz')
    const municipality = await db()
      .selectFrom('municipality')
      .select('id')
      .where('district_id', '=', caseManager.districtId)
      .executeTakeFirstOrThrow()
    const lone = await registerPerson(caseManager, municipality.id, {
      familyName: 'Kanarienvogel',
      givenNames: 'Erik',
    })
    const { closed } = await demoPersons()
    const second = closed.find((row) => row.case_id !== undefined) as { person_id: string; case_id: string }
    const heldCases = await db()
      .selectFrom('legal_hold')
      .select('case_id')
      .where('lifted_at', 'is', null)
      .execute()
    const target = closed.find((row) => !heldCases.some((hold) => hold.case_id === row.case_id)) ?? second
    const original = await personRow(target.person_id)

    await writeBackup(ctx.database, backup, { districtCodes: [rheinSiegKreis.code], lotseVersion: 'test' })

    const deleted = await erase(dpo, lone.id, 'consent-withdrawn')
    expect(deleted.statusCode, deleted.body).toBe(200)
    expect(deleted.json()).toMatchObject({ action: 'delete', cases: 0 })
    expect(await personRow(lone.id)).toBeUndefined()

    const anonymised = await erase(dpo, target.person_id)
    expect(anonymised.statusCode, anonymised.body).toBe(200)
    expect(anonymised.json()).toMatchObject({ action: 'anonymise', cases: 1 })
    const after = await personRow(target.person_id)
    expect(after).toMatchObject({
      family_name: '',
      given_names: '',
      birth_date: original?.birth_date.slice(0, 4),
    })
    expect(after?.anonymised_at).not.toBeNull()
    expect((await erase(dpo, target.person_id)).statusCode).toBe(409)

    const ledger = await db().selectFrom('erasure_ledger').selectAll().execute()
    expect(ledger.map((row) => [row.record_kind, row.action, row.rule, row.id_hash]).sort()).toEqual(
      [
        ['case', 'anonymise', 'request', idHash('case', target.case_id)],
        ['person', 'anonymise', 'request', idHash('person', target.person_id)],
        ['person', 'delete', 'request', idHash('person', lone.id)],
      ].sort(),
    )
    // The ledger names nobody: no id, no name.
    const ledgerText = JSON.stringify(ledger)
    for (const secret of [lone.id, target.person_id, 'Kanarienvogel', original?.family_name ?? '-'])
      expect(ledgerText).not.toContain(secret)
    const audit = await db()
      .selectFrom('audit_event')
      .select(['action', 'purpose', 'subject_id'])
      .where('action', '=', 'person.erase')
      .execute()
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'person.erase', purpose: 'art17-objection', subject_id: target.person_id },
      ]),
    )

    // Disaster: a new database, the backup from before the erasures, and the exported ledger.
    const ledgerFile = path.join(workDir, 'ledger.jsonl')
    expect(await exportLedger(db(), ledgerFile)).toBe(3)
    const restored = await openTestDatabase(kind)
    try {
      const replayAt = new Date('2031-01-15T09:00:00Z')
      await restoreBackup(restored, backup, {
        afterRestore: async (trx, districtIds) => {
          const counts = await replayAfterRestore(trx, districtIds, { ledgerFile, now: replayAt })
          expect(counts).toEqual({ casesAnonymised: 1, personsAnonymised: 1, personsDeleted: 1 })
        },
      })
      const person = (id: string) =>
        restored.ownerDb
          .selectFrom('person')
          .select(['family_name', 'anonymised_at'])
          .where('id', '=', id)
          .executeTakeFirst()
      expect(await person(lone.id)).toBeUndefined()
      expect(await person(target.person_id)).toMatchObject({ family_name: '' })
      const names = await sql<{
        n: number
      }>`SELECT count(*)::int AS n FROM person WHERE family_name = 'Kanarienvogel'`.execute(restored.ownerDb)
      expect(names.rows[0]?.n).toBe(0)
      const replayed = await restored.ownerDb
        .selectFrom('audit_event')
        .select('action')
        .where('action', '=', 'erasure.replay')
        .execute()
      expect(replayed).toHaveLength(1)
    } finally {
      await restored.drop()
    }
  })
})
