import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import {
  type FlagPeriod,
  flagListLimit,
  selectAuditEntry,
  selectEntriesOfActions,
  selectOutsideCaseloadDays,
  selectReadsAfter,
  selectUnusualHourEntries,
} from './access-flags.queries.ts'

/**
 * What the trail says for the access review's flags. The caller (privacy's access review)
 * authorises; this only reads the trail, bounded by district, actions and period.
 */
export type FlaggedEntry = {
  auditEventId: number
  occurredAt: string
  actorId: string | null
  action: string
  subjectType: string | null
  subjectId: string | null
  purpose: string | null
}

export type { FlagPeriod }

/** The night: from 20:00 until 06:00 local time; Saturdays and Sundays count whole. */
export const unusualHours = { nightFrom: 20, nightUntil: 6 } as const

const toEntry = (row: {
  id: number
  occurred_at: string
  actor_id: string | null
  action: string
  subject_type: string | null
  subject_id: string | null
  purpose: string | null
}): FlaggedEntry => ({
  auditEventId: Number(row.id),
  occurredAt: row.occurred_at,
  actorId: row.actor_id,
  action: row.action,
  subjectType: row.subject_type,
  subjectId: row.subject_id,
  purpose: row.purpose,
})

/** A list and whether it was cut at the limit. */
const limited = <T>(rows: T[]) => ({
  items: rows.slice(0, flagListLimit),
  truncated: rows.length > flagListLimit,
})

export async function entriesOfActions(db: Kysely<DB>, period: FlagPeriod, actions: readonly string[]) {
  const { items, truncated } = limited(await selectEntriesOfActions(db, period, actions))
  return { items: items.map(toEntry), truncated }
}

export async function unusualHourEntries(db: Kysely<DB>, period: FlagPeriod, actions: readonly string[]) {
  const { items, truncated } = limited(await selectUnusualHourEntries(db, period, actions, unusualHours))
  return { items: items.map(toEntry), truncated }
}

export async function outsideCaseloadDays(
  db: Kysely<DB>,
  period: FlagPeriod,
  actions: readonly string[],
  purposes: readonly string[],
  threshold: number,
) {
  const { items, truncated } = limited(
    await selectOutsideCaseloadDays(db, period, actions, purposes, threshold),
  )
  return {
    items: items.map((row) => ({ actorId: row.actor_id, day: row.day, records: row.records })),
    truncated,
  }
}

/** How often the user read the case after each break-glass entry, until the grant ended. */
export function readsAfterGrants(
  db: Kysely<DB>,
  districtId: string,
  grants: readonly { auditEventId: number; actorId: string; caseId: string; until: string }[],
): Promise<Map<number, number>> {
  return selectReadsAfter(db, districtId, grants)
}

/** One successful entry of the district's trail, or undefined. */
export async function auditEntryOf(db: Kysely<DB>, districtId: string, id: number) {
  const row = await selectAuditEntry(db, districtId, id)
  return row ? { id: Number(row.id), action: row.action, outcome: row.outcome } : undefined
}
