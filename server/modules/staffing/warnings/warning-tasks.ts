import type { Kysely } from 'kysely'
import type { StaffingWarning, WarningKind } from '../../../../common/staffing.ts'
import type { DB } from '../../../db/schema.ts'
import { districtTime, districtTodays } from '../../../platform/district-time.ts'
import {
  staffingWarningTasks,
  syncStaffingWarningTasks,
  type WarningTaskState,
} from '../../casework/index.ts'
import { activeUsersWithRole } from '../../identity/index.ts'
import { addDays, addMonths } from '../staffing-days.ts'
import { warningPositions } from './warning.service.ts'
import { staffingWarnings } from './warning-maths.ts'

/**
 * Staffing's early warnings as case work's reminders for the district's coordination (decision
 * 0013): one task per warning, ever; an open task whose warning has gone is marked done.
 */

/** The tasks look as far ahead as the warnings list does by default. */
export const warningTaskHorizonMonths = 6

const titles: Record<WarningKind, string> = {
  'contract-ending': 'Vertrag endet',
  'funding-ending': 'Förderung endet',
  'position-vacant': 'Stelle unbesetzt ab',
  'position-under-assigned': 'Stelle unterbesetzt ab',
  'position-over-assigned': 'Stelle überbesetzt ab',
}

const germanDay = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`

/** Task titles are stored text in the district's language; they name the position, not the person. */
export function warningTaskTitle(warning: StaffingWarning): string {
  const what = warning.plannedDeparture ? 'Geplanter Weggang' : titles[warning.kind]
  return `${what} ${germanDay(warning.date)}: ${warning.positionTitle}`.slice(0, 200)
}

const coverageKinds = new Set<WarningKind>([
  'position-vacant',
  'position-under-assigned',
  'position-over-assigned',
])

/**
 * What a warning is about, stable from day to day. A run of vacant (or under-, over-assigned) days
 * that began before today is dated today by the warnings, a day later each day: it keeps the key
 * of the task made when the run was first seen (the latest of its kind and position dated by today).
 */
export function warningTaskKey(
  warning: StaffingWarning,
  today: string,
  existing: readonly WarningTaskState[],
) {
  const subject = warning.kind === 'contract-ending' ? warning.contractId : warning.positionId
  const prefix = `staffing:${warning.kind}:${subject}:`
  if (coverageKinds.has(warning.kind) && warning.date === today) {
    const earlier = existing
      .filter((task) => task.sourceKey.startsWith(prefix) && task.dueOn <= today)
      .sort((a, b) => b.dueOn.localeCompare(a.dueOn))[0]
    if (earlier) return earlier.sourceKey
  }
  return `${prefix}${warning.date}`
}

/** Brings one district's warning tasks in step with its warnings of `today`. Idempotent. */
export async function refreshDistrictWarningTasks(db: Kysely<DB>, districtId: string, today: string) {
  const until = addDays(addMonths(today, warningTaskHorizonMonths), -1)
  const warnings = staffingWarnings(await warningPositions(db, districtId), today, until)
  const existing = await staffingWarningTasks(db, districtId)
  const [coordinator] = await activeUsersWithRole(db, districtId, 'coordinator')
  const byKey = new Map<string, { title: string; dueOn: string; sourceKey: string }>()
  for (const warning of warnings) {
    const sourceKey = warningTaskKey(warning, today, existing)
    if (!byKey.has(sourceKey))
      byKey.set(sourceKey, { title: warningTaskTitle(warning), dueOn: warning.date, sourceKey })
  }
  return syncStaffingWarningTasks(db, {
    districtId,
    assigneeId: coordinator?.id ?? null,
    warnings: [...byKey.values()],
  })
}

/** Every district (or the one named), for the daily job. Answers how many tasks were made and closed. */
export async function refreshWarningTasks(db: Kysely<DB>, districtId: string | null, now: Date) {
  let created = 0
  let closed = 0
  for (const { districtId: id, today } of await districtTodays(db, districtId, now)) {
    const result = await db.transaction().execute((trx) => refreshDistrictWarningTasks(trx, id, today))
    created += result.created.length
    closed += result.closed.length
  }
  return { created, closed }
}

/** After a change of contracts or positions, in its transaction, so the tasks follow at once. */
export async function refreshWarningTasksNow(db: Kysely<DB>, districtId: string, now: Date) {
  const { today } = await districtTime(db, districtId, now)
  await refreshDistrictWarningTasks(db, districtId, today)
}
