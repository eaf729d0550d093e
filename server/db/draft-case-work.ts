import type { Database } from './database.ts'
import {
  addFinalCaseWorkParts,
  lockMigrations,
  recordChecksum,
  recordedChecksum,
  refreshAllCaseSortNames,
} from './draft-case-work.queries.ts'
import { draftCommitOf, MIGRATION_LOCK_KEY, MigrationError, readMigrations } from './migrate.ts'

const caseWork = 7

/**
 * Brings a database made while 0007_case_work.sql was still being written (25 November 2026)
 * to what the final migration makes: the drafts lacked only additions (two derived columns and
 * three indexes), so they are added, the cases' sort names are filled from the data, and the
 * final checksum is recorded. One transaction: it either completes or leaves the database as it
 * was. The name codes and the duplicate matcher's keys (whose rules changed in those hours too)
 * are not computed here: 0009_matching_keys.sql, which runs right after on such a database,
 * records their version as unknown, so the next start computes them all anew
 * (refreshStaleMatchKeys). Refuses any database whose 0007 is not one of the known drafts,
 * since only for those is the difference known.
 */
export async function finishDraftCaseWork(
  database: Database,
  migrations = readMigrations(),
): Promise<{ draftCommit: string; cases: number }> {
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
    const cases = await refreshAllCaseSortNames(trx)
    await recordChecksum(trx, caseWork, final.checksum)
    return { draftCommit, cases }
  })
}
