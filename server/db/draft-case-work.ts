import { matchKeys, nameCodes } from '../modules/casework/index.ts'
import type { Database } from './database.ts'
import {
  addFinalCaseWorkParts,
  lockMigrations,
  recordChecksum,
  recordedChecksum,
  refreshAllCaseSortNames,
  replacePersonMatchKeys,
  selectPersonNames,
  updatePersonNameCodes,
} from './draft-case-work.queries.ts'
import { draftCommitOf, MIGRATION_LOCK_KEY, MigrationError, readMigrations } from './migrate.ts'

const caseWork = 7

/**
 * Brings a database made while 0007_case_work.sql was still being written (25 November 2026)
 * to what the final migration makes: the drafts lacked only additions (two derived columns and
 * three indexes), so they are added and filled from the data; the duplicate matcher's keys are
 * written anew, as its rules changed in those hours too; and the final checksum is recorded. One transaction: it either completes or leaves the database as it was. Refuses any
 * database whose 0007 is not one of the known drafts, since only for those is the difference known.
 */
export async function finishDraftCaseWork(
  database: Database,
  migrations = readMigrations(),
): Promise<{ draftCommit: string; persons: number; cases: number }> {
  const final = migrations.find((migration) => migration.version === caseWork)
  if (!final) throw new MigrationError('Migration 7 (case_work) is missing from this Lotse')
  return database.ownerDb.transaction().execute(async (trx) => {
    await lockMigrations(trx, MIGRATION_LOCK_KEY)
    const recorded = await recordedChecksum(trx, caseWork)
    const draftCommit = recorded === undefined ? undefined : draftCommitOf(caseWork, recorded)
    if (!draftCommit) {
      throw new MigrationError(
        recorded === final.checksum
          ? 'Migration 7 (case_work) ist bereits in der endgültigen Fassung angewandt; nichts zu tun. / ' +
              'Migration 7 (case_work) is already applied in its final form; nothing to do.'
          : 'Diese Datenbank stammt nicht aus einem bekannten Entwicklungsstand von Migration 7; sie wird ' +
              'nicht verändert. / This database does not come from a known draft of migration 7; it is left unchanged.',
      )
    }
    await addFinalCaseWorkParts(trx)
    const persons = await selectPersonNames(trx)
    for (const person of persons) {
      const name = {
        familyName: person.family_name,
        givenNames: person.given_names,
        // As case work stores them: the birth name counts as one more spelling.
        otherSpellings: [...person.other_spellings, ...(person.birth_name ? [person.birth_name] : [])],
      }
      await updatePersonNameCodes(trx, person.id, nameCodes(name))
      // The matcher changed while 0007 was a draft, so keys written then may not be found now.
      await replacePersonMatchKeys(trx, person, person.merged_into === null ? matchKeys(name) : [])
    }
    const cases = await refreshAllCaseSortNames(trx)
    await recordChecksum(trx, caseWork, final.checksum)
    return { draftCommit, persons: persons.length, cases }
  })
}
