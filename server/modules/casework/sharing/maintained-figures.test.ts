import fc from 'fast-check'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Figures } from '../../../../common/reporting.ts'
import type { DayRange } from '../../../platform/figure-sql.queries.ts'
import type { Grouping } from '../../../platform/figures.ts'
import { runWithTenantStore, setTenantDistrict } from '../../../platform/tenant-context.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'
import { contactBody, municipalityIds, personWithCase } from '../casework.test-helpers.ts'
import { markMerged, moveReferences } from '../persons/person.queries.ts'
import {
  type CaseWorkMetric,
  caseWorkFigure,
  caseWorkFigureOverPeriods,
  rawCaseWorkFigure,
} from './figures.service.ts'

/**
 * The figures kept by trigger (migration 0026, decision 0015) against a full recount: after random
 * sequences of contact creates, updates, deletions, case moves, person changes, merges and goals
 * added and removed, written
 * as the application role with the district set (row-level security on, as in a request), the kept
 * rows equal what lotse_rebuild_figures counts from the raw tables, and every figure read from them
 * equals the raw query's.
 */

const zone = 'Europe/Berlin'
// Instants around local midnight and both 2026 clock changes (29 March, 25 October), in UTC.
const instants = [
  '2026-03-28T22:59:59Z', // 23:59:59 on 28 March in Berlin (CET)
  '2026-03-28T23:00:00Z', // 00:00 on 29 March
  '2026-03-29T00:59:59Z', // 01:59:59 CET, just before the clock jumps
  '2026-03-29T01:00:00Z', // 03:00 CEST
  '2026-03-29T21:59:59Z', // 23:59:59 CEST on 29 March
  '2026-03-29T22:00:00Z', // 00:00 on 30 March
  '2026-03-31T21:30:00Z', // 23:30 on 31 March, UTC still March; and 1 April 00:30 below
  '2026-03-31T22:30:00Z',
  '2026-10-24T22:00:00Z', // 00:00 on 25 October (CEST)
  '2026-10-25T00:30:00Z', // 02:30 CEST, the first time
  '2026-10-25T01:30:00Z', // 02:30 CET, the second time
  '2026-10-25T22:59:59Z', // 23:59:59 CET on 25 October
  '2026-10-25T23:00:00Z', // 00:00 on 26 October
  '2026-12-31T22:59:00Z', // 23:59 on New Year's Eve
  '2026-12-31T23:00:00Z', // 00:00 on 1 January 2027
  '2026-06-15T10:00:00Z',
]
const domainsPool = ['work', 'language', 'health', 'housing'] as const
const languages = ['de', 'ar', 'uk'] as const

const ranges: DayRange[] = [
  { from: '2026-03-29', to: '2026-03-29' },
  { from: '2026-03-01', to: '2026-03-31' },
  { from: '2026-03-15', to: '2026-04-02' },
  { from: '2026-01-01', to: '2026-12-31' },
  { from: '2026-02-10', to: '2027-01-01' },
  { from: '2026-10-25', to: '2026-10-26' },
  // Cut at one end only, as the dashboard's periods are (decision 0034): whole months and the
  // current month's first days; a cut start and whole months to a month's end; within one month.
  { from: '2026-03-01', to: '2026-10-25' },
  { from: '2026-03-29', to: '2026-12-31' },
  { from: '2026-03-30', to: '2026-03-31' },
  { from: '2026-10-26', to: '2027-01-31' },
]

type Command =
  | { kind: 'create'; at: number; caseIndex: number; domains: string[]; language: string; persons: number[] }
  | { kind: 'update'; target: number; at: number | null; caseIndex: number | null; domains: string[] | null }
  | { kind: 'participants'; target: number; persons: number[] }
  | { kind: 'delete'; target: number }
  | { kind: 'move-case'; caseIndex: number; municipality: number; team: boolean }
  | { kind: 'person'; person: number; municipality: number; sex: 'female' | 'male' }
  | { kind: 'merge'; duplicate: number; survivor: number }
  | { kind: 'goal'; caseIndex: number; at: number }
  | { kind: 'drop-goal'; target: number }

const personIndexes = fc.uniqueArray(fc.integer({ min: 0, max: 4 }), { maxLength: 3 })
const domainSets = fc.uniqueArray(fc.constantFrom(...domainsPool), { maxLength: 3 })
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      at: fc.nat({ max: instants.length - 1 }),
      caseIndex: fc.nat({ max: 2 }),
      domains: domainSets,
      language: fc.constantFrom(...languages),
      persons: personIndexes,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('update' as const),
      target: fc.nat(),
      at: fc.option(fc.nat({ max: instants.length - 1 })),
      caseIndex: fc.option(fc.nat({ max: 2 })),
      domains: fc.option(domainSets),
    }),
  },
  fc.record({ kind: fc.constant('participants' as const), target: fc.nat(), persons: personIndexes }),
  fc.record({ kind: fc.constant('delete' as const), target: fc.nat() }),
  fc.record({
    kind: fc.constant('move-case' as const),
    caseIndex: fc.nat({ max: 2 }),
    municipality: fc.nat({ max: 1 }),
    team: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('person' as const),
    person: fc.nat({ max: 4 }),
    municipality: fc.nat({ max: 1 }),
    sex: fc.constantFrom('female' as const, 'male' as const),
  }),
  fc.record({
    kind: fc.constant('merge' as const),
    duplicate: fc.nat({ max: 4 }),
    survivor: fc.nat({ max: 4 }),
  }),
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('goal' as const),
      caseIndex: fc.nat({ max: 2 }),
      at: fc.nat({ max: instants.length - 1 }),
    }),
  },
  fc.record({ kind: fc.constant('drop-goal' as const), target: fc.nat() }),
)

const groupings: { name: string; grouping: Grouping }[] = [
  { name: 'total', grouping: { kind: 'total' } },
  { name: 'day', grouping: { kind: 'bucket', unit: 'day', buckets: [] } },
  { name: 'month', grouping: { kind: 'bucket', unit: 'month', buckets: [] } },
  { name: 'quarter', grouping: { kind: 'bucket', unit: 'quarter', buckets: [] } },
  { name: 'year', grouping: { kind: 'bucket', unit: 'year', buckets: [] } },
  { name: 'municipality', grouping: { kind: 'attribute', dimension: 'municipality' } },
  { name: 'team', grouping: { kind: 'attribute', dimension: 'team' } },
  { name: 'language', grouping: { kind: 'attribute', dimension: 'language' } },
]
const contactOnly: Grouping[] = [{ kind: 'attribute', dimension: 'domain' }]
const personOnly: Grouping[] = [
  { kind: 'attribute', dimension: 'sex' },
  { kind: 'attribute', dimension: 'age-group' },
  { kind: 'attribute', dimension: 'nationality-group' },
]

const sorted = <T extends { key: string }>(rows: readonly T[]) =>
  [...rows].sort((a, b) => a.key.localeCompare(b.key))

describe.each(databaseKinds)('maintained figures on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let admin: TestSession
  let districtId = ''
  let userId = ''
  const municipalities: string[] = []
  const persons: string[] = []
  const cases: string[] = []
  let teamId = ''

  /** As the application role inside a request of the district: triggers run under row-level security. */
  const asDistrict = <T>(run: () => Promise<T>) =>
    runWithTenantStore(() => {
      setTenantDistrict(districtId)
      return run()
    })
  const db = () => ctx.database.db

  beforeAll(async () => {
    admin = await loginAs(ctx.app, 'admin.lindenau')
    districtId = admin.districtId
    userId = admin.userId
    const owner = ctx.database.ownerDb
    const found = await owner
      .selectFrom('municipality')
      .select('id')
      .where('district_id', '=', districtId)
      .orderBy('code')
      .execute()
    municipalities.push(...found.slice(0, 2).map((row) => row.id))
    teamId = (
      await owner
        .insertInto('team')
        .values({ district_id: districtId, name: 'Team Aggregate' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  })

  /** Fresh persons and cases for one sequence (merges are not undone). */
  async function freshRecords(run: number) {
    persons.length = 0
    cases.length = 0
    for (let index = 0; index < 5; index++) {
      const birth = `${1950 + index * 15}-06-01`
      const row = (
        await sql<{ id: string }>`INSERT INTO person (district_id, family_name, given_names, birth_date,
            birth_date_earliest, birth_date_latest, sex, nationalities, municipality_id, registered_by)
          VALUES (${districtId}, ${`Aggregat${run}x${index}`}, 'Fixture', ${birth}, ${birth}::date, ${birth}::date,
            ${index % 2 === 0 ? 'female' : 'male'}, ${`{${index % 2 === 0 ? 'SY' : 'UA'}}`}::text[],
            ${municipalities[index % 2] as string}, ${userId})
          RETURNING id`.execute(ctx.database.ownerDb)
      ).rows[0] as { id: string }
      persons.push(row.id)
    }
    for (let index = 0; index < 3; index++) {
      const row = await ctx.database.ownerDb
        .insertInto('client_case')
        .values({
          district_id: districtId,
          reference: `AGG-${run}-${index}`,
          municipality_id: municipalities[index % 2] as string,
          team_id: index === 0 ? teamId : null,
          opened_on: '2026-01-01',
          phase: 'implementation',
          created_by: userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      cases.push(row.id)
    }
  }

  async function apply(commands: readonly Command[]) {
    const contacts: string[] = []
    const goals: string[] = []
    const pick = (target: number) =>
      contacts.length === 0 ? null : (contacts[target % contacts.length] as string)
    for (const step of commands) {
      await asDistrict(async () => {
        switch (step.kind) {
          case 'create': {
            const participants = `{${step.persons.map((index) => persons[index] as string).join(',')}}`
            const row = (
              await sql<{
                id: string
              }>`INSERT INTO contact (district_id, case_id, occurred_at, duration_minutes,
                  channel, participant_person_ids, language, domains, created_by)
                VALUES (${districtId}, ${cases[step.caseIndex] as string}, ${instants[step.at] as string}::timestamptz, 30,
                  'in-person', ${participants}::uuid[], ${step.language}, ${`{${step.domains.join(',')}}`}::text[], ${userId})
                RETURNING id`.execute(db())
            ).rows[0] as { id: string }
            contacts.push(row.id)
            return
          }
          case 'update': {
            const id = pick(step.target)
            if (!id) return
            await db()
              .updateTable('contact')
              .set({
                ...(step.at === null ? {} : { occurred_at: instants[step.at] as string }),
                ...(step.caseIndex === null ? {} : { case_id: cases[step.caseIndex] as string }),
                ...(step.domains === null ? {} : { domains: step.domains }),
                note: 'geändert',
              })
              .where('id', '=', id)
              .execute()
            return
          }
          case 'participants': {
            const id = pick(step.target)
            if (!id) return
            await db()
              .updateTable('contact')
              .set({ participant_person_ids: step.persons.map((index) => persons[index] as string) })
              .where('id', '=', id)
              .execute()
            return
          }
          case 'delete': {
            const id = pick(step.target)
            if (!id) return
            await db().deleteFrom('contact').where('id', '=', id).execute()
            contacts.splice(contacts.indexOf(id), 1)
            return
          }
          case 'move-case':
            await db()
              .updateTable('client_case')
              .set({
                municipality_id: municipalities[step.municipality] as string,
                team_id: step.team ? teamId : null,
              })
              .where('id', '=', cases[step.caseIndex] as string)
              .execute()
            return
          case 'person':
            await db()
              .updateTable('person')
              .set({ municipality_id: municipalities[step.municipality] as string, sex: step.sex })
              .where('id', '=', persons[step.person] as string)
              .execute()
            return
          case 'goal': {
            const row = (
              await sql<{
                id: string
              }>`INSERT INTO goal (district_id, case_id, domain, statement, status, created_by, created_at)
                VALUES (${districtId}, ${cases[step.caseIndex] as string}, 'work', 'Ziel', 'open', ${userId},
                  ${instants[step.at] as string}::timestamptz)
                RETURNING id`.execute(db())
            ).rows[0] as { id: string }
            goals.push(row.id)
            return
          }
          case 'drop-goal': {
            if (goals.length === 0) return
            const id = goals.splice(step.target % goals.length, 1)[0] as string
            await db().deleteFrom('goal').where('id', '=', id).execute()
            return
          }
          case 'merge': {
            const duplicate = persons[step.duplicate] as string
            const survivor = persons[step.survivor] as string
            if (duplicate === survivor) return
            const merged = await db()
              .selectFrom('person')
              .select('id')
              .where('id', 'in', [duplicate, survivor])
              .where('merged_into', 'is not', null)
              .execute()
            if (merged.length > 0) return
            await db()
              .transaction()
              .execute(async (trx) => {
                await moveReferences(trx, survivor, duplicate)
                await markMerged(trx, duplicate, survivor)
              })
          }
        }
      })
    }
  }

  /** The kept rows of the district, as text, before and after a full recount. */
  async function keptRows(district = districtId) {
    const contactsKept = await sql<{ row: string }>`
      SELECT concat_ws('|', dimension, day::text, key, contacts) AS row FROM contact_day_figure
      WHERE district_id = ${district} ORDER BY 1`.execute(ctx.database.ownerDb)
    const personsKept = await sql<{ row: string }>`
      SELECT concat_ws('|', period, starts_on::text, person_id::text, contacts, days) AS row FROM person_counselled_figure
      WHERE district_id = ${district} ORDER BY 1`.execute(ctx.database.ownerDb)
    const plansKept = await sql<{ row: string }>`
      SELECT concat_ws('|', case_id::text, planned_on::text, coalesce(first_contact_on::text, '-')) AS row
      FROM case_plan_figure WHERE district_id = ${district} ORDER BY 1`.execute(ctx.database.ownerDb)
    const countsKept = await sql<{ row: string }>`
      SELECT concat_ws('|', starts_on::text, persons) AS row FROM person_month_count
      WHERE district_id = ${district} ORDER BY 1`.execute(ctx.database.ownerDb)
    const previousKept = await sql<{ row: string }>`
      SELECT concat_ws('|', 'previous', starts_on::text, previous_on::text, persons) AS row
      FROM person_month_previous_count WHERE district_id = ${district} ORDER BY 1`.execute(
      ctx.database.ownerDb,
    )
    const neighboursKept = await sql<{ row: string }>`
      SELECT concat_ws('|', side, day::text, neighbour_on::text, persons) AS row
      FROM person_day_neighbour_count WHERE district_id = ${district} ORDER BY 1`.execute(
      ctx.database.ownerDb,
    )
    return [
      ...contactsKept.rows,
      ...personsKept.rows,
      ...plansKept.rows,
      ...countsKept.rows,
      ...previousKept.rows,
      ...neighboursKept.rows,
    ].map((row) => row.row)
  }

  async function expectKeptEqualsRecount(district = districtId) {
    const kept = await keptRows(district)
    await sql`SELECT lotse_rebuild_figures(${district}::uuid), lotse_rebuild_plan_figures(${district}::uuid),
      lotse_rebuild_person_month_counts(${district}::uuid)`.execute(ctx.database.ownerDb)
    expect(kept).toEqual(await keptRows(district))
  }

  async function expectFiguresEqualRaw() {
    const scopeOf = (range: DayRange) => ({ districtId, range, timeZone: zone })
    for (const range of ranges) {
      const checks: [CaseWorkMetric, Grouping, string | null][] = []
      for (const { grouping } of groupings) {
        checks.push(['contacts', grouping, null], ['persons-counselled', grouping, null])
      }
      for (const grouping of contactOnly) checks.push(['contacts', grouping, null])
      for (const grouping of personOnly) checks.push(['persons-counselled', grouping, null])
      checks.push(['contacts', { kind: 'bucket', unit: 'month', buckets: [] }, municipalities[0] as string])
      checks.push(['contacts', { kind: 'total' }, municipalities[1] as string])
      for (const { grouping } of groupings.filter((each) => each.name !== 'language'))
        checks.push(['days-first-contact-to-plan', grouping, null])
      checks.push([
        'days-first-contact-to-plan',
        { kind: 'bucket', unit: 'month', buckets: [] },
        municipalities[0] as string,
      ])
      for (const [metric, grouping, municipality] of checks) {
        const [kept, raw] = await asDistrict(() =>
          Promise.all([
            caseWorkFigure(db(), metric, scopeOf(range), grouping, municipality),
            rawCaseWorkFigure(db(), metric, scopeOf(range), grouping, municipality),
          ]),
        )
        expect(sorted(kept), `${metric} ${JSON.stringify(grouping)} ${range.from}..${range.to}`).toEqual(
          sorted(raw),
        )
      }
    }
    // Persons by an attribute over several whole-month periods at once (a breakdown's year, its
    // quarters and months) equal the raw query of each period; the age group at each period's end.
    const periods: DayRange[] = [
      { from: '2026-01-01', to: '2026-12-31' },
      { from: '2026-01-01', to: '2026-03-31' },
      { from: '2026-03-01', to: '2026-03-31' },
      { from: '2026-10-01', to: '2026-12-31' },
      { from: '2026-02-01', to: '2026-04-30' },
    ]
    for (const grouping of [
      ...personOnly,
      { kind: 'attribute', dimension: 'municipality' } as const,
      { kind: 'attribute', dimension: 'language' } as const,
      { kind: 'attribute', dimension: 'legal-sphere' } as const,
    ]) {
      const [together, ...apart] = await asDistrict(() =>
        Promise.all([
          caseWorkFigureOverPeriods(
            db(),
            'persons-counselled',
            scopeOf(periods[0] as DayRange),
            periods,
            grouping,
          ),
          ...periods.map((range) => rawCaseWorkFigure(db(), 'persons-counselled', scopeOf(range), grouping)),
        ]),
      )
      periods.forEach((range, index) => {
        expect(
          sorted(together[index] ?? []),
          `persons over periods ${JSON.stringify(grouping)} ${range.from}..${range.to}`,
        ).toEqual(sorted(apart[index] ?? []))
      })
    }
  }

  let run = 0
  it('after random writes the kept figures equal a full recount and the raw queries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 20 }), async (commands) => {
        run += 1
        await freshRecords(run)
        await apply(commands)
        await expectKeptEqualsRecount()
        await expectFiguresEqualRaw()
      }),
      { numRuns: kind === 'pglite' ? 20 : 30, endOnFailure: true },
    )
  }, 600_000)

  it("moves a plan's first contact when a contact moves in time or to another case", async () => {
    await freshRecords(2000)
    const steps: Command[] = [
      { kind: 'goal', caseIndex: 0, at: 14 },
      { kind: 'create', at: 13, caseIndex: 0, domains: ['work'], language: 'de', persons: [0] },
      { kind: 'create', at: 15, caseIndex: 1, domains: ['work'], language: 'de', persons: [1] },
      { kind: 'update', target: 0, at: 0, caseIndex: null, domains: null },
    ]
    await apply(steps)
    await expectKeptEqualsRecount()
    await apply([
      ...steps.slice(0, 3),
      { kind: 'update', target: 1, at: 0, caseIndex: 0, domains: null },
      { kind: 'drop-goal', target: 0 },
    ])
    await expectKeptEqualsRecount()
    await expectFiguresEqualRaw()
  }, 600_000)

  it('counts contacts at local midnight and across both clock changes on the district day', async () => {
    await freshRecords(1000)
    // A team of its own, so the team's cells hold only these fixtures.
    const fixtureTeam = (
      await ctx.database.ownerDb
        .insertInto('team')
        .values({ district_id: districtId, name: 'Team Grenzen' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    await ctx.database.ownerDb
      .updateTable('client_case')
      .set({ team_id: fixtureTeam })
      .where('id', '=', cases[0] as string)
      .execute()
    await apply(
      instants.map((_, at) => ({
        kind: 'create' as const,
        at,
        caseIndex: 0,
        domains: ['work'],
        language: 'de',
        persons: [0],
      })),
    )
    const figure = (from: string, to: string) =>
      admin.request({ method: 'GET', url: `/api/figures?metric=contacts&from=${from}&to=${to}&by=day` })
    const day = async (on: string) => {
      const response = await figure(on, on)
      expect(response.statusCode, response.body).toBe(200)
      return response.json() as Figures
    }
    // Each day's kept cell is exactly what the fixtures put on that Berlin day.
    const counts = await sql<{ day: string; contacts: number }>`
      SELECT day::text AS day, contacts FROM contact_day_figure
      WHERE district_id = ${districtId} AND dimension = 'team' AND key = ${fixtureTeam} ORDER BY day`.execute(
      ctx.database.ownerDb,
    )
    expect(counts.rows.map((row) => [row.day, Number(row.contacts)])).toEqual([
      ['2026-03-28', 1],
      ['2026-03-29', 4],
      ['2026-03-30', 1],
      ['2026-03-31', 1],
      ['2026-04-01', 1],
      ['2026-06-15', 1],
      ['2026-10-25', 4],
      ['2026-10-26', 1],
      ['2026-12-31', 1],
      ['2027-01-01', 1],
    ])
    // The answer the dashboard gets agrees with the raw count of the same day.
    const answer = await day('2026-03-29')
    const raw = await asDistrict(() =>
      rawCaseWorkFigure(
        db(),
        'contacts',
        { districtId, range: { from: '2026-03-29', to: '2026-03-29' }, timeZone: zone },
        {
          kind: 'total',
        },
      ),
    )
    const total = raw[0]?.value ?? 0
    expect(total).toBeGreaterThanOrEqual(4)
    expect(answer.total.value).toBe(total)
    await expectKeptEqualsRecount()
    await expectFiguresEqualRaw()
  }, 600_000)

  it('counts a contact recorded through the API at once', async () => {
    const caseManager = await loginAs(ctx.app, 'fallmanagement')
    const district = caseManager.districtId
    const total = async () =>
      Number(
        (
          await sql<{ contacts: number }>`
            SELECT coalesce(sum(contacts), 0)::int AS contacts FROM contact_day_figure
            WHERE district_id = ${district} AND dimension = 'total'`.execute(ctx.database.ownerDb)
        ).rows[0]?.contacts,
      )
    const [municipality] = await municipalityIds(ctx.database, district)
    const filed = await personWithCase(caseManager, municipality as string)
    const before = await total()
    const created = await caseManager.request({
      method: 'POST',
      url: `/api/cases/${filed.case.id}/contacts`,
      payload: contactBody({
        occurredAt: '2026-03-29T00:30:00.000Z',
        participantPersonIds: [filed.person.id],
      }),
    })
    expect(created.statusCode, created.body).toBe(201)
    expect(await total()).toBe(before + 1)
    await expectKeptEqualsRecount(district)
  })
})
