import type { Transaction } from 'kysely'
import type { DB } from '../../../db/schema.ts'
import {
  blankNetworkText,
  deleteConsentForms,
  deletePersonRecords,
  networkTextTables,
  selectPersonsWithReferrals,
} from './erasure.queries.ts'

/**
 * What the network offers retention and erasure (the privacy module): its records about cases and
 * persons anonymised or deleted in the caller's transaction. Which columns are free text comes from
 * the caller's classification; the network runs the SQL on its own tables. Dates, statuses and
 * organisations stay, so the referral figures of past periods do not change.
 */
export async function anonymiseNetworkRecords(
  trx: Transaction<DB>,
  districtId: string,
  scope: { caseIds: readonly string[]; personIds: readonly string[] },
  freeText: Readonly<Record<string, readonly string[]>>,
): Promise<void> {
  if (scope.caseIds.length === 0 && scope.personIds.length === 0) return
  for (const table of networkTextTables)
    await blankNetworkText(trx, districtId, table, freeText[table] ?? [], scope)
  await deleteConsentForms(trx, districtId, scope.personIds)
}

/** Persons a referral names: kept (anonymised) so the referral figures stay. */
export const personsWithReferrals = selectPersonsWithReferrals

/** For persons deleted outright (no case, no referral): their consents and legal-sphere changes. */
export const deleteNetworkPersonRecords = deletePersonRecords
