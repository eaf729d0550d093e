import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { districtMunicipalities } from '../districts/index.ts'
import { activeUsersWithRole } from '../identity/index.ts'
import { tallyKey } from './counts.ts'
import {
  addToTotals,
  insertImport,
  insertRows,
  insertTallies,
  selectTalliesBetween,
  type TallyInsert,
  updateImport,
  updateRowChecks,
  updateRowOutcomes,
} from './import.queries.ts'

/** The demo's counselling statistics before Lotse, so that the dashboard shows imported months. */
const places = ['Sankt Augustin', 'Siegburg', 'Troisdorf', 'Königswinter'] as const
const header = [
  'Monat',
  'Kommune',
  'Beratungskontakte',
  'Beratene Personen',
  'Kurzberatungen',
  'Neue Fälle',
  'Abgeschlossene Fälle',
]

/**
 * A year of monthly counts for four municipalities of the demo district (two years before the
 * current one: the demo's own records reach back about 13 months), stored as one completed
 * import of kind `counts`, as if a coordinator had imported the office's spreadsheet.
 * Answers how many tallies it wrote (none when the district has them already).
 */
export async function seedDemoImportedHistory(db: Kysely<DB>, districtId: string, now = new Date()) {
  const year = now.getUTCFullYear() - 2
  if ((await selectTalliesBetween(db, districtId, `${year}-01-01`, `${year}-12-01`)).length > 0) return 0
  const [coordinator] = await activeUsersWithRole(db, districtId, 'coordinator')
  if (!coordinator) return 0
  const municipalities = await districtMunicipalities(db, districtId)
  const ids = places.flatMap((name) => {
    const found = municipalities.find((municipality) => municipality.name === name)
    return found ? [{ name, id: found.id }] : []
  })
  if (ids.length === 0) return 0
  const tallies: (TallyInsert & { cells: string[] })[] = []
  for (let month = 1; month <= 12; month += 1) {
    ids.forEach((place, index) => {
      // A steady office: more in winter and spring, a summer dip; larger towns count more.
      const season = [1.1, 1.05, 1.1, 1, 0.95, 0.9, 0.7, 0.65, 0.95, 1.05, 1.1, 0.85][month - 1] as number
      const size = [1.4, 1.1, 1.3, 0.6][index] as number
      const contacts = Math.round(38 * size * season + ((month * 7 + index * 3) % 6))
      const persons = Math.round(contacts / 2.6)
      const short = Math.round(9 * size * season)
      const casesNew = Math.max(2, Math.round(5 * size * season) - (month % 2))
      const casesClosed = Math.max(1, Math.round(4 * size * season) - ((month + index) % 3))
      const monthDay = `${year}-${String(month).padStart(2, '0')}-01`
      tallies.push({
        month: monthDay,
        municipalityId: place.id,
        teamId: null,
        domain: null,
        contacts,
        persons,
        shortConsultations: short,
        casesNew,
        casesClosed,
        rowNumber: tallies.length + 2,
        cells: [
          `${String(month).padStart(2, '0')}.${year}`,
          place.name,
          ...[contacts, persons, short, casesNew, casesClosed].map(String),
        ],
      })
    })
  }
  const content = Buffer.from(
    `${[header, ...tallies.map((tally) => tally.cells)].map((row) => row.join(';')).join('\r\n')}\r\n`,
  )
  await db.transaction().execute(async (trx) => {
    const importId = await insertImport(trx, {
      district_id: districtId,
      file_name: `Beratungsstatistik-${year}.csv`,
      format: 'csv',
      encoding: 'utf-8',
      delimiter: ';',
      size_bytes: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
      content,
      header_row: 1,
      headers: header,
      created_by: coordinator.id,
      kind: 'counts',
    })
    await insertRows(
      trx,
      districtId,
      importId,
      tallies.map((tally) => ({ rowNumber: tally.rowNumber, cells: tally.cells })),
    )
    await updateRowChecks(
      trx,
      importId,
      tallies.map((tally) => ({
        row_number: tally.rowNumber,
        state: 'valid',
        problems: [],
        fingerprint: tallyKey(tally),
        match_person_id: null,
        match_score: null,
      })),
    )
    await updateRowOutcomes(
      trx,
      importId,
      tallies.map((tally) => ({
        row_number: tally.rowNumber,
        outcome: 'imported',
        reason: null,
        batch: 1,
        person_id: null,
        case_id: null,
      })),
    )
    await insertTallies(trx, districtId, importId, tallies)
    await updateImport(trx, importId, {
      status: 'completed',
      mapping: Object.fromEntries(
        ['month', 'municipality', 'contacts', 'persons', 'shortConsultations', 'casesNew', 'casesClosed'].map(
          (field, index) => [String(index), field],
        ),
      ),
      row_count: tallies.length,
    })
    await addToTotals(trx, importId, { imported: tallies.length, rejected: 0, duplicates: 0 })
  })
  return tallies.length
}
