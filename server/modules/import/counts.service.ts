import type { Kysely, Transaction } from 'kysely'
import { type AnyImportField, countValueFields, type ImportProblem } from '../../../common/import.ts'
import type { MetricId } from '../../../common/reporting.ts'
import type { DB } from '../../db/schema.ts'
import type { RequestContext } from '../../platform/access.ts'
import { districtTime } from '../../platform/district-time.ts'
import type { AggregateRow, FigureScope, Grouping } from '../../platform/figures.ts'
import type { Actor } from '../../platform/policy.ts'
import { recordAuditBatch } from '../audit/index.ts'
import { type CaseWorkMetric, caseWorkFigure } from '../casework/index.ts'
import { districtMunicipalities } from '../districts/index.ts'
import { districtTeams } from '../identity/index.ts'
import {
  type CheckedCountRow,
  type CountFacts,
  type CountValues,
  checkCountRow,
  sameCounts,
  tallyKey,
} from './counts.ts'
import {
  insertTallies,
  lockTalliesByKey,
  type RowCheck,
  replaceTallies,
  selectLastRowNumber,
  selectRowsAfter,
  selectTalliesBetween,
  selectTalliesByKey,
  type TallyInsert,
  type TallyRow,
  updateRowChecks,
} from './import.queries.ts'
import type { Cell } from './read-file.ts'
import { headerKey, municipalityKey } from './values.ts'

/**
 * Monthly counts from before Lotse (decision 0027): their check, their run, and the figures they
 * add to the metric catalogue. A tally is one per month, municipality, team and domain. A month
 * for which Lotse holds records of the municipality is refused: imported history never overlaps
 * what Lotse counts itself. The same counts again are a duplicate; other counts for a tally
 * replace it, audited.
 */

const monthEnd = (month: string) => {
  const year = Number(month.slice(0, 4))
  const number = Number(month.slice(5, 7))
  const last = new Date(Date.UTC(year, number, 0)).getUTCDate()
  return `${month.slice(0, 7)}-${String(last).padStart(2, '0')}`
}

export async function countFacts(db: Kysely<DB>, districtId: string, now: Date) {
  const municipalities = new Map<string, string>()
  for (const municipality of await districtMunicipalities(db, districtId)) {
    const short = municipality.name.replace(/\s*\([^)]*\)\s*/g, ' ').trim()
    if (short !== municipality.name && !municipalities.has(municipalityKey(short)))
      municipalities.set(municipalityKey(short), municipality.id)
    municipalities.set(municipalityKey(municipality.name), municipality.id)
  }
  const teams = new Map((await districtTeams(db, districtId)).map((team) => [headerKey(team.name), team.id]))
  const time = await districtTime(db, districtId, now)
  const facts: CountFacts = { municipalities, teams, currentMonth: `${time.today.slice(0, 7)}-01` }
  return { facts, timeZone: time.timeZone }
}

/** Lotse's own figures that imported months must not overlap. */
const ownMetrics: readonly CaseWorkMetric[] = ['contacts', 'short-consultations', 'cases-new', 'cases-closed']

/**
 * The months (of those asked) in which Lotse holds records of a municipality, as `month|municipality`:
 * any contact, short consultation, opened or closed case there that month.
 */
export async function monthsWithOwnRecords(
  db: Kysely<DB>,
  districtId: string,
  timeZone: string,
  months: Iterable<string>,
  known: Map<string, Set<string>>,
): Promise<Map<string, Set<string>>> {
  for (const month of months) {
    if (known.has(month)) continue
    const scope: FigureScope = { districtId, range: { from: month, to: monthEnd(month) }, timeZone }
    const used = new Set<string>()
    for (const metric of ownMetrics) {
      const rows = await caseWorkFigure(db, metric, scope, { kind: 'attribute', dimension: 'municipality' })
      for (const row of rows) if (row.value > 0) used.add(row.key)
    }
    known.set(month, used)
  }
  return known
}

type Checked = { rowNumber: number; result: CheckedCountRow }

/**
 * Sorts checked rows into their states: invalid, duplicate in the file, refused because Lotse has
 * records of the month, the same counts imported before (duplicate), or valid (new, or replacing).
 */
function judge(
  checked: readonly Checked[],
  seen: Set<string>,
  own: ReadonlyMap<string, ReadonlySet<string>>,
  existing: ReadonlyMap<string, TallyRow>,
  mapped: ReadonlySet<string>,
) {
  return checked.map(({ rowNumber, result }) => {
    const before = result.fingerprint ? existing.get(result.fingerprint) : undefined
    // A count the file has no column for keeps the value imported before.
    const values =
      result.values && before ? withUnmapped(result.values, tallyValues(before), mapped) : result.values
    if (!values || !result.fingerprint)
      return {
        rowNumber,
        state: 'invalid' as const,
        problems: result.problems,
        values: null,
        fingerprint: null,
      }
    const fingerprint = result.fingerprint
    const row = (state: 'invalid' | 'duplicate' | 'valid', problems: ImportProblem[]) => ({
      rowNumber,
      state,
      problems,
      values,
      fingerprint,
    })
    if (seen.has(fingerprint))
      return row('duplicate', [{ column: null, field: null, code: 'duplicate-in-file' }])
    seen.add(fingerprint)
    if (own.get(values.month)?.has(values.municipalityId))
      return row('invalid', [{ column: null, field: 'month', code: 'month-has-own-records' }])
    if (before && sameCounts(tallyValues(before), values))
      return row('duplicate', [{ column: null, field: null, code: 'already-imported' }])
    if (before) return row('valid', [{ column: null, field: null, code: 'replaces-imported' }])
    return row('valid', [])
  })
}

function withUnmapped(values: CountValues, before: CountValues, mapped: ReadonlySet<string>): CountValues {
  const merged = { ...values }
  for (const field of countValueFields) if (!mapped.has(field)) merged[field] = before[field]
  return merged
}

const tallyValues = (row: TallyRow): CountValues => ({
  month: row.month,
  municipalityId: row.municipality_id,
  teamId: row.team_id,
  domain: row.domain as CountValues['domain'],
  contacts: row.contacts,
  persons: row.persons,
  shortConsultations: row.short_consultations,
  casesNew: row.cases_new,
  casesClosed: row.cases_closed,
})

const keyOf = (values: CountValues) => ({
  month: values.month,
  municipalityId: values.municipalityId,
  teamId: values.teamId,
  domain: values.domain,
})

async function existingByKey(
  db: Kysely<DB> | Transaction<DB>,
  districtId: string,
  checked: readonly Checked[],
  lock: boolean,
) {
  const keys = checked.flatMap(({ result }) => (result.values ? [keyOf(result.values)] : []))
  const rows =
    lock && db.isTransaction
      ? await lockTalliesByKey(db as Transaction<DB>, districtId, keys)
      : await selectTalliesByKey(db, districtId, keys)
  return new Map(rows.map((row) => [tallyKey(keyOf(tallyValues(row))), row]))
}

/** The check of every staged row of a counts import: the validation preview and the dry run. */
export async function checkCountRows(
  db: Kysely<DB>,
  actor: Actor,
  importId: string,
  mapping: Readonly<Record<string, AnyImportField>>,
  now: Date,
  batchSize: number,
): Promise<void> {
  const { facts, timeZone } = await countFacts(db, actor.districtId, now)
  const own = new Map<string, Set<string>>()
  const seen = new Set<string>()
  const last = await selectLastRowNumber(db, importId)
  for (let after = 0; after < last; after += batchSize) {
    const rows = await selectRowsAfter(db, importId, after, batchSize)
    if (rows.length === 0) continue
    const checked = rows.map((row) => ({
      rowNumber: row.row_number,
      result: checkCountRow(row.cells as Cell[], mapping, facts),
    }))
    await monthsWithOwnRecords(
      db,
      actor.districtId,
      timeZone,
      new Set(checked.flatMap(({ result }) => (result.values ? [result.values.month] : []))),
      own,
    )
    const existing = await existingByKey(db, actor.districtId, checked, false)
    const updates: RowCheck[] = judge(checked, seen, own, existing, new Set(Object.values(mapping))).map(
      (row) => ({
        row_number: row.rowNumber,
        state: row.state,
        problems: row.problems,
        fingerprint: row.fingerprint,
        match_person_id: null,
        match_score: null,
      }),
    )
    await updateRowChecks(db, importId, updates)
  }
}

export type CountOutcome = {
  row_number: number
  outcome: 'imported' | 'rejected' | 'duplicate'
  reason: string | null
}

/**
 * One batch of a counts run, inside the batch's transaction: every row is checked again (Lotse may
 * have records of a month by now, another import may have written a tally), new tallies are
 * inserted, changed ones replaced and audited, the rest end rejected or duplicate.
 */
export async function runCountBatch(
  trx: Transaction<DB>,
  actor: Actor,
  importId: string,
  rows: readonly { row_number: number; cells: unknown; state: string; problems: unknown }[],
  mapping: Readonly<Record<string, AnyImportField>>,
  context: { facts: CountFacts; timeZone: string; own: Map<string, Set<string>>; seen: Set<string> },
  request: RequestContext,
): Promise<CountOutcome[]> {
  const checked = rows.map((row) => ({
    rowNumber: row.row_number,
    result: checkCountRow(row.cells as Cell[], mapping, context.facts),
  }))
  await monthsWithOwnRecords(
    trx,
    actor.districtId,
    context.timeZone,
    new Set(checked.flatMap(({ result }) => (result.values ? [result.values.month] : []))),
    context.own,
  )
  const existing = await existingByKey(trx, actor.districtId, checked, true)
  // A row the check found doubled in the file stays a duplicate, also when a resumed run no longer
  // holds the rows before it in memory.
  const doubled = new Set(
    rows
      .filter((row) => (row.problems as ImportProblem[]).some((p) => p.code === 'duplicate-in-file'))
      .map((row) => row.row_number),
  )
  const judged = judge(checked, context.seen, context.own, existing, new Set(Object.values(mapping))).map(
    (row) =>
      doubled.has(row.rowNumber)
        ? {
            ...row,
            state: 'duplicate' as const,
            problems: [{ column: null, field: null, code: 'duplicate-in-file' }],
          }
        : row,
  )
  const inserts: TallyInsert[] = []
  const replaces: (TallyInsert & { id: string })[] = []
  const outcomes: CountOutcome[] = []
  const reason = (problems: readonly ImportProblem[]) => problems.map((p) => p.code).join(',') || null
  for (const row of judged) {
    if (row.state === 'invalid' || !row.values) {
      outcomes.push({ row_number: row.rowNumber, outcome: 'rejected', reason: reason(row.problems) })
      continue
    }
    if (row.state === 'duplicate') {
      outcomes.push({ row_number: row.rowNumber, outcome: 'duplicate', reason: reason(row.problems) })
      continue
    }
    const tally = { ...row.values, rowNumber: row.rowNumber }
    const before = existing.get(row.fingerprint)
    if (before) replaces.push({ ...tally, id: before.id })
    else inserts.push(tally)
    outcomes.push({ row_number: row.rowNumber, outcome: 'imported', reason: reason(row.problems) })
  }
  await insertTallies(trx, actor.districtId, importId, inserts)
  await replaceTallies(trx, actor.districtId, importId, replaces)
  // A replaced tally is audited one by one: which tally, by which import and row. Its earlier
  // counts stay in the staged row of the import that wrote them.
  await recordAuditBatch(
    trx,
    replaces.map((tally) => ({
      ...request,
      action: 'import.tally-replaced',
      subjectType: 'imported-month-tally',
      subjectId: tally.id,
      purpose: `import ${importId} row ${tally.rowNumber}`,
    })),
  )
  return outcomes
}

// ---- The figures the tallies add to the catalogue ----

const tallyColumn: Partial<Record<MetricId, keyof TallyRow>> = {
  contacts: 'contacts',
  'persons-counselled': 'persons',
  'short-consultations': 'short_consultations',
  'cases-new': 'cases_new',
  'cases-closed': 'cases_closed',
}

/** The metrics imported monthly counts feed. */
export const importedMetrics = Object.keys(tallyColumn) as MetricId[]

/**
 * What the imported tallies add to a figure, by the grouping's keys; only keys with a tally (a
 * tally of 0 included: the cell then rests on imported counts). A tally counts into a period or
 * bucket only when its whole month lies inside: a monthly count cannot be split into days. Persons
 * counselled are distinct persons: a month's count is only the count of that month, so they count
 * only where the span is exactly that month (a sum over months would count a person once a month).
 */
export async function importedFigure(
  db: Kysely<DB>,
  metric: MetricId,
  scope: FigureScope,
  grouping: Grouping,
): Promise<AggregateRow[]> {
  const column = tallyColumn[metric]
  if (!column) return []
  const { from, to } = scope.range
  const firstMonth = from.endsWith('-01') ? from : `${from.slice(0, 7)}-01`
  const tallies = (
    await selectTalliesBetween(db, scope.districtId, firstMonth, `${to.slice(0, 7)}-01`)
  ).filter((tally) => tally[column] !== null && tally.month >= from && monthEnd(tally.month) <= to)
  if (tallies.length === 0) return []
  const fits = (start: string, end: string, month: string) =>
    metric === 'persons-counselled'
      ? start === month && end === monthEnd(month)
      : month >= start && monthEnd(month) <= end
  const sums = new Map<string, number>()
  const add = (key: string, tally: TallyRow) =>
    sums.set(key, (sums.get(key) ?? 0) + Number(tally[column] ?? 0))
  for (const tally of tallies) {
    if (grouping.kind === 'total') {
      if (fits(from, to, tally.month)) add('', tally)
    } else if (grouping.kind === 'bucket') {
      for (const bucket of grouping.buckets) {
        // ISO days: the later of the bucket's first day and the period's.
        const start = [bucket.key, from].sort()[1] as string
        if (fits(start, bucket.end, tally.month)) add(bucket.key, tally)
      }
    } else if (fits(from, to, tally.month)) {
      const key =
        grouping.dimension === 'municipality'
          ? tally.municipality_id
          : grouping.dimension === 'team'
            ? (tally.team_id ?? 'none')
            : grouping.dimension === 'domain'
              ? (tally.domain ?? 'none')
              : 'none'
      add(key, tally)
    }
  }
  return [...sums].map(([key, value]) => ({ key, value, n: value }))
}
