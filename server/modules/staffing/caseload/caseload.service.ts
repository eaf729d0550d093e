import type { Kysely } from 'kysely'
import type { Caseload, CaseloadRow } from '../../../../common/staffing.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { districtTime } from '../../../platform/district-time.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { caseloadAggregates, caseloadMinimumCount } from '../../casework/index.ts'
import { municipalityNames } from '../../districts/index.ts'
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

/**
 * Active cases and counselling contacts per month per case-management FTE, per municipality (the
 * positions' assigned municipality) and for the district. Case work hands over aggregates only;
 * small counts come withheld.
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
  const [figures, entries] = await Promise.all([
    caseloadAggregates(db, actor.districtId, months, timeZone),
    positionsWithContracts(db, actor.districtId),
  ])
  const caseManagement = entries.filter(({ position }) => position.baustein === 'case-management')
  const spansOf = (municipalityId: string | null) =>
    caseManagement
      .filter(({ position }) => municipalityId === null || position.municipality_id === municipalityId)
      .flatMap(({ contracts }) => contracts.map(spanOf))
  const municipalityIds = [
    ...new Set([
      ...figures.flatMap((figure) => (figure.municipalityId ? [figure.municipalityId] : [])),
      ...caseManagement.flatMap(({ position }) =>
        position.municipality_id ? [position.municipality_id] : [],
      ),
    ]),
  ]
  const names = await municipalityNames(db, actor.districtId, municipalityIds)
  const rows: CaseloadRow[] = []
  for (const month of months) {
    const ofMonth = figures.filter((figure) => figure.month === month)
    const district = ofMonth.find((figure) => figure.municipalityId === null)
    const districtFte = averageFte(spansOf(null), month)
    const activeCases = district?.activeCases ?? null
    const contacts = district?.contacts ?? null
    rows.push({
      month,
      municipalityId: null,
      municipalityName: null,
      activeCases,
      contacts,
      fte: districtFte,
      casesPerFte: perFte(activeCases, districtFte),
      contactsPerFte: perFte(contacts, districtFte),
    })
    for (const municipalityId of municipalityIds) {
      const figure = ofMonth.find((each) => each.municipalityId === municipalityId)
      const fte = averageFte(spansOf(municipalityId), month)
      if (!figure && fte === 0) continue
      rows.push({
        month,
        municipalityId,
        municipalityName: names.get(municipalityId) ?? null,
        activeCases: figure?.activeCases ?? null,
        contacts: figure?.contacts ?? null,
        fte,
        casesPerFte: perFte(figure?.activeCases ?? null, fte),
        contactsPerFte: perFte(figure?.contacts ?? null, fte),
      })
    }
  }
  return { months, minimumCount: caseloadMinimumCount, rows }
}
