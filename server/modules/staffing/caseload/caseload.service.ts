import type { Kysely } from 'kysely'
import type { Caseload, CaseloadRow } from '../../../../common/staffing.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { districtTime } from '../../../platform/district-time.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { type CaseloadFigure, caseloadAggregates, caseloadMinimumCount } from '../../casework/index.ts'
import { municipalityNames } from '../../districts/index.ts'
import { activeUsersWithRole, teamNames } from '../../identity/index.ts'
import { spanOf } from '../contracts/contract.service.ts'
import { positionsWithContracts } from '../positions/position.service.ts'
import { addDays, addMonths, assignedOn, daysInMonth, type Span } from '../staffing-days.ts'

/** The last `count` months up to the one of `today`, oldest first, as `YYYY-MM`. */
export function monthsUpTo(today: string, count: number): string[] {
  const current = `${today.slice(0, 7)}-01`
  return Array.from({ length: count }, (_, index) => addMonths(current, index - count + 1).slice(0, 7))
}

/** The FTE of spans on average over a month (a month's FTE-months). */
export function averageFte(spans: readonly Span[], month: string): number {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number]
  const days = daysInMonth(year, monthNumber)
  let sum = 0
  for (let day = `${month}-01`, index = 0; index < days; day = addDays(day, 1), index += 1) {
    sum += assignedOn(spans, day)
  }
  return Math.round((sum / days) * 1000) / 1000
}

const perFte = (count: number | null, fte: number) =>
  count === null || fte === 0 ? null : Math.round((count / fte) * 10) / 10

type Group = { id: string; name: string | null; spans: Span[] }

/** One row of a month for the district, a municipality or a team. */
function caseloadRow(
  month: string,
  by: CaseloadRow['by'],
  group: Pick<Group, 'id' | 'name'> | null,
  figure: CaseloadFigure | undefined,
  fte: number,
): CaseloadRow {
  const activeCases = figure?.activeCases ?? null
  const contacts = figure?.contacts ?? null
  return {
    month,
    by,
    municipalityId: by === 'municipality' ? (group?.id ?? null) : null,
    municipalityName: by === 'municipality' ? (group?.name ?? null) : null,
    teamId: by === 'team' ? (group?.id ?? null) : null,
    teamName: by === 'team' ? (group?.name ?? null) : null,
    activeCases,
    contacts,
    fte,
    casesPerFte: perFte(activeCases, fte),
    contactsPerFte: perFte(contacts, fte),
  }
}

/**
 * The case-management FTE of each team: the contracts of case managers (staff members linked to a
 * user) who belong to the team; a case manager in several teams counts for each by equal parts.
 * Contracts of people without an account count for the district and their municipality only.
 */
async function teamGroups(
  db: Kysely<DB>,
  districtId: string,
  caseManagement: Awaited<ReturnType<typeof positionsWithContracts>>,
  figureTeamIds: readonly string[],
): Promise<Group[]> {
  const users = await activeUsersWithRole(db, districtId, 'case_manager')
  const teamsOfUser = new Map(users.map((user) => [user.id, user.teamIds]))
  const spans = new Map<string, Span[]>()
  for (const { contracts } of caseManagement) {
    for (const contract of contracts) {
      const teamIds = contract.user_id ? (teamsOfUser.get(contract.user_id) ?? []) : []
      for (const teamId of teamIds) {
        const span = spanOf(contract)
        spans.set(teamId, [...(spans.get(teamId) ?? []), { ...span, fte: span.fte / teamIds.length }])
      }
    }
  }
  const ids = [...new Set([...figureTeamIds, ...spans.keys()])]
  const names = await teamNames(db, districtId, ids)
  return ids
    .map((id) => ({ id, name: names.get(id) ?? null, spans: spans.get(id) ?? [] }))
    .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'de'))
}

/**
 * Active cases and counselling contacts per month per case-management FTE, for the district, per
 * municipality (the positions' assigned municipality) and per team (the case's team; the teams of
 * the case managers holding the contracts). Case work hands over aggregates only; small counts come
 * withheld.
 */
export async function caseload(
  db: Kysely<DB>,
  actor: Actor,
  monthCount: number,
  request: RequestContext,
): Promise<Caseload> {
  authorize(actor, 'staffing.read', ownDistrict(actor))
  const { today, timeZone } = await districtTime(db, actor.districtId, request.now)
  const months = monthsUpTo(today, monthCount)
  const [byMunicipality, byTeam, entries] = await Promise.all([
    caseloadAggregates(db, actor.districtId, months, timeZone, 'per-municipality'),
    caseloadAggregates(db, actor.districtId, months, timeZone, 'per-team'),
    positionsWithContracts(db, actor.districtId),
  ])
  const caseManagement = entries.filter(({ position }) => position.baustein === 'case-management')
  const spansOf = (municipalityId: string | null) =>
    caseManagement
      .filter(({ position }) => municipalityId === null || position.municipality_id === municipalityId)
      .flatMap(({ contracts }) => contracts.map(spanOf))
  const municipalityIds = [
    ...new Set([
      ...byMunicipality.flatMap((figure) => (figure.groupId ? [figure.groupId] : [])),
      ...caseManagement.flatMap(({ position }) =>
        position.municipality_id ? [position.municipality_id] : [],
      ),
    ]),
  ]
  const [names, teams] = await Promise.all([
    municipalityNames(db, actor.districtId, municipalityIds),
    teamGroups(
      db,
      actor.districtId,
      caseManagement,
      byTeam.flatMap((figure) => (figure.groupId ? [figure.groupId] : [])),
    ),
  ])
  const rows: CaseloadRow[] = []
  for (const month of months) {
    const find = (figures: readonly CaseloadFigure[], groupId: string | null) =>
      figures.find((figure) => figure.month === month && figure.groupId === groupId)
    rows.push(
      caseloadRow(month, 'district', null, find(byMunicipality, null), averageFte(spansOf(null), month)),
    )
    for (const municipalityId of municipalityIds) {
      const figure = find(byMunicipality, municipalityId)
      const fte = averageFte(spansOf(municipalityId), month)
      if (!figure && fte === 0) continue
      const group = { id: municipalityId, name: names.get(municipalityId) ?? null }
      rows.push(caseloadRow(month, 'municipality', group, figure, fte))
    }
    for (const team of teams) {
      const figure = find(byTeam, team.id)
      const fte = averageFte(team.spans, month)
      if (!figure && fte === 0) continue
      rows.push(caseloadRow(month, 'team', team, figure, fte))
    }
  }
  return { months, minimumCount: caseloadMinimumCount, rows }
}
