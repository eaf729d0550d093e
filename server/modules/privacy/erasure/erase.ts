import type { Transaction } from 'kysely'
import type { DB } from '../../../db/schema.ts'
import {
  anonymiseCases,
  anonymisePersons,
  deletePersons,
  type FreeTextColumns,
  recordIdsByHash,
} from '../../casework/index.ts'
import {
  anonymiseNetworkRecords,
  deleteNetworkPersonRecords,
  personsWithReferrals,
} from '../../network/index.ts'
import { clientTables, personalColumns } from '../classification/classification.ts'
import { eraseRestrictionHistory } from '../restriction/restriction.queries.ts'
import { insertLedgerEntries, selectLedger } from '../retention/retention.queries.ts'
import { idHash } from './ledger.ts'

/** What one erasure does: which cases and persons are anonymised, which persons deleted. */
export type ErasurePlan = {
  anonymiseCaseIds: readonly string[]
  anonymisePersonIds: readonly string[]
  deletePersonIds: readonly string[]
}

export type ErasureRule = 'closed-case' | 'unattached-person' | 'request'

/** The client free text of every table, from the classification: what anonymisation blanks. */
const freeText: FreeTextColumns = Object.fromEntries(
  clientTables().map((table) => [
    table,
    personalColumns(table, { subject: 'client', categories: ['free-text'] }),
  ]),
)

export type ErasureCounts = { casesAnonymised: number; personsAnonymised: number; personsDeleted: number }

/**
 * Carries out a plan through the owning modules (case work, network) in the caller's transaction
 * and, unless it is a replay, writes the ledger. A person a referral names is anonymised instead
 * of deleted: the referral stays for the figures.
 */
export async function applyErasure(
  trx: Transaction<DB>,
  districtId: string,
  plan: ErasurePlan,
  options: { rule: ErasureRule; today: string; at: string; ledger: boolean },
): Promise<ErasureCounts> {
  const referred = new Set(await personsWithReferrals(trx, districtId, plan.deletePersonIds))
  const deleteIds = plan.deletePersonIds.filter((id) => !referred.has(id))
  const anonymiseIds = [...new Set([...plan.anonymisePersonIds, ...referred])]

  await anonymiseNetworkRecords(
    trx,
    districtId,
    { caseIds: plan.anonymiseCaseIds, personIds: anonymiseIds },
    freeText,
  )
  await anonymiseCases(trx, districtId, plan.anonymiseCaseIds, freeText, options.at)
  await anonymisePersons(trx, districtId, anonymiseIds, options.at)
  await deleteNetworkPersonRecords(trx, districtId, deleteIds)
  await eraseRestrictionHistory(trx, districtId, { deleteIds, anonymiseIds })
  const removed = await deletePersons(trx, districtId, deleteIds, options.at)
  anonymiseIds.push(...removed.anonymised)
  deleteIds.splice(0, deleteIds.length, ...removed.deleted)

  if (options.ledger) {
    const entry = (kind: 'person' | 'case', id: string, action: 'anonymise' | 'delete') => ({
      district_id: districtId,
      record_kind: kind,
      id_hash: idHash(kind, id),
      action,
      rule: options.rule,
      erased_on: options.today,
    })
    await insertLedgerEntries(trx, [
      ...plan.anonymiseCaseIds.map((id) => entry('case', id, 'anonymise')),
      ...anonymiseIds.map((id) => entry('person', id, 'anonymise')),
      ...deleteIds.map((id) => entry('person', id, 'delete')),
    ])
  }
  return {
    casesAnonymised: plan.anonymiseCaseIds.length,
    personsAnonymised: anonymiseIds.length,
    personsDeleted: deleteIds.length,
  }
}

/**
 * Applies the ledger again to the given districts: after a restore from a backup made before
 * some erasures, the records they erased are found by their hashes and erased again.
 */
export async function replayLedger(
  trx: Transaction<DB>,
  districtIds: readonly string[],
  at: string,
): Promise<ErasureCounts> {
  const total: ErasureCounts = { casesAnonymised: 0, personsAnonymised: 0, personsDeleted: 0 }
  const entries = await selectLedger(trx, districtIds)
  for (const districtId of districtIds) {
    const mine = entries.filter((entry) => entry.district_id === districtId)
    const hashes = (kind: string, action: string) =>
      mine
        .filter((entry) => entry.record_kind === kind && entry.action === action)
        .map((entry) => entry.id_hash)
    const plan: ErasurePlan = {
      anonymiseCaseIds: await recordIdsByHash(trx, districtId, 'case', hashes('case', 'anonymise')),
      anonymisePersonIds: await recordIdsByHash(trx, districtId, 'person', hashes('person', 'anonymise')),
      deletePersonIds: await recordIdsByHash(trx, districtId, 'person', hashes('person', 'delete')),
    }
    const counts = await applyErasure(trx, districtId, plan, {
      rule: 'request',
      today: at.slice(0, 10),
      at,
      ledger: false,
    })
    total.casesAnonymised += counts.casesAnonymised
    total.personsAnonymised += counts.personsAnonymised
    total.personsDeleted += counts.personsDeleted
  }
  return total
}
