import type { Kysely } from 'kysely'
import { type Baustein, bausteinNumber } from '../../../../common/staffing.ts'
import type { DB } from '../../../db/schema.ts'
import { averageFte } from '../caseload/caseload.service.ts'
import { spanOf } from '../contracts/contract.service.ts'
import { positionsWithContracts } from '../positions/position.service.ts'
import { addDays, addMonths, roundFte } from '../staffing-days.ts'

/** FTE of one Baustein in one month (`YYYY-MM`): the positions planned and the contracts' average. */
export type BausteinFte = { month: string; baustein: 1 | 2 | 3; planned: number; filled: number }

const funds = (from: string | null, until: string | null, monthStart: string) => {
  const monthEnd = addDays(addMonths(monthStart, 1), -1)
  return (from === null || from <= monthEnd) && (until === null || until >= monthStart)
}

/**
 * FTE per Baustein and month for reports to the state: `planned` sums the positions funded in
 * the month, `filled` the contracts' FTE averaged over the month's days. Figures about staff
 * positions, no person named: the state's Sachbericht asks for exactly these.
 */
export async function fteByBaustein(
  db: Kysely<DB>,
  districtId: string,
  months: readonly string[],
): Promise<BausteinFte[]> {
  const entries = await positionsWithContracts(db, districtId)
  const rows: BausteinFte[] = []
  for (const month of months) {
    for (const baustein of [1, 2, 3] as const) {
      const here = entries.filter(
        ({ position }) => bausteinNumber[position.baustein as Baustein] === baustein,
      )
      const planned = here
        .filter(({ position }) => funds(position.funded_from, position.funded_until, `${month}-01`))
        .reduce((sum, { position }) => sum + position.fte, 0)
      const filled = averageFte(
        here.flatMap(({ contracts }) => contracts.map(spanOf)),
        month,
      )
      rows.push({ month, baustein, planned: roundFte(planned), filled })
    }
  }
  return rows
}
