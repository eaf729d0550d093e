import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.ts'
import { addDays, type DistrictTime } from '../../../platform/district-time.ts'
import { figureMinimumCases, type MonthlyFigure } from '../../../platform/figures.ts'
import { districtOrganisations } from '../../identity/index.ts'
import { selectReferralAnswersByMonth } from '../referrals/referral-figures.queries.ts'
import { selectChangesBetween } from '../transitions/transition.queries.ts'
import { firstJobcenterContacts } from '../transitions/transition.service.ts'

/**
 * Figures of the network for steering's indicators: shares per calendar month of the district,
 * never a person. A share is left out (null) when fewer than `figureMinimumCases` referrals or
 * changes are decided in the month. The caller has authorised the reader for the aggregates.
 */

export type NetworkFigureRange = { districtId: string; from: string; to: string; time: DistrictTime }

const share = (within: number, decided: number) =>
  decided >= figureMinimumCases ? Math.round((within / decided) * 1000) / 10 : null

/** Days from one calendar day to another. */
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)

/**
 * Of the referrals sent to the district's Jobcenters in a month, the share (percent) answered
 * (accepted or declined) within `days` days of sending. A referral still waiting and not yet
 * `days` days old is not decided yet and counts in neither part; one waiting longer counts as late.
 */
export async function jobcenterReferralAnswersByMonth(
  db: Kysely<DB>,
  range: NetworkFigureRange,
  days = 14,
): Promise<MonthlyFigure[]> {
  const jobcenters = (await districtOrganisations(db, range.districtId)).filter(
    (organisation) => organisation.kind === 'jobcenter',
  )
  const rows = await selectReferralAnswersByMonth(db, {
    districtId: range.districtId,
    organisationIds: jobcenters.map((organisation) => organisation.id),
    from: range.from,
    to: range.to,
    today: range.time.today,
    timeZone: range.time.timeZone,
    days,
  })
  return rows.map((row) => ({ month: row.month, value: share(row.within, row.decided), basis: row.decided }))
}

/**
 * Of the changes into SGB II that took effect in a month, the share (percent) with a first
 * Jobcenter contact within `days` days (the first contact as the legal-sphere figure defines it:
 * the hand-over step done, or a contact naming the Jobcenter). A change without a contact that is
 * not yet `days` days old is not decided yet and counts in neither part.
 */
export async function jobcenterContactsAfterChangeByMonth(
  db: Kysely<DB>,
  range: NetworkFigureRange,
  days = 30,
): Promise<MonthlyFigure[]> {
  const { time } = range
  const to = [range.to, time.today].sort()[0] as string
  if (to < range.from) return []
  const rows = (await selectChangesBetween(db, range.districtId, range.from, to, 1_000_000)).filter(
    (row) => row.to_sphere === 'SGB II',
  )
  const firsts = await firstJobcenterContacts(db, range.districtId, rows, time)
  const months = new Map<string, { decided: number; within: number }>()
  for (const row of rows) {
    const first = firsts.get(row.id)
    const inTime = first !== undefined && daysBetween(row.effective_on, first) <= days
    const decided = first !== undefined || addDays(row.effective_on, days) < time.today
    if (!decided) continue
    const month = row.effective_on.slice(0, 7)
    const tally = months.get(month) ?? { decided: 0, within: 0 }
    tally.decided += 1
    if (inTime) tally.within += 1
    months.set(month, tally)
  }
  return [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, tally]) => ({ month, value: share(tally.within, tally.decided), basis: tally.decided }))
}
