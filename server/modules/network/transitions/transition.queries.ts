import { type Insertable, type Kysely, sql, type Transaction } from 'kysely'
import type { LegalSphereChangeTable } from '../../../db/schema.network-cases.ts'
import type { DB } from '../../../db/schema.ts'
import { acrossDistricts } from '../../../platform/tenant-context.ts'

export async function insertChange(
  trx: Transaction<DB>,
  change: Insertable<LegalSphereChangeTable>,
): Promise<string> {
  const { id } = await trx
    .insertInto('legal_sphere_change')
    .values(change)
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function insertSteps(
  trx: Transaction<DB>,
  steps: readonly {
    district_id: string
    change_id: string
    step: string
    task_id: string
    due_on: string
    done_on?: string | null
  }[],
): Promise<void> {
  if (steps.length === 0) return
  await trx
    .insertInto('legal_sphere_handover_step')
    .values([...steps])
    .execute()
}

/** The latest change of a person that took effect after the given day (it then decides the current sphere). */
export function selectLaterAppliedChange(db: Kysely<DB>, personId: string, day: string) {
  return db
    .selectFrom('legal_sphere_change')
    .select('id')
    .where('person_id', '=', personId)
    .where('applied_at', 'is not', null)
    .where('effective_on', '>', day)
    .executeTakeFirst()
}

export function markApplied(trx: Transaction<DB>, changeId: string) {
  return trx
    .updateTable('legal_sphere_change')
    .set({ applied_at: sql`now()` })
    .where('id', '=', changeId)
    .execute()
}

/** Changes that have reached their day and were not applied yet, oldest first, per district's today. */
export function selectDueChanges(db: Kysely<DB>, days: readonly { districtId: string; today: string }[]) {
  if (days.length === 0) return Promise.resolve([])
  return db
    .selectFrom('legal_sphere_change')
    .select(['id', 'district_id', 'person_id', 'to_sphere', 'effective_on'])
    .where('applied_at', 'is', null)
    .where((eb) =>
      eb.or(
        days.map((day) =>
          eb.and([eb('district_id', '=', day.districtId), eb('effective_on', '<=', day.today)]),
        ),
      ),
    )
    .orderBy('effective_on')
    .execute()
}

export function selectChanges(db: Kysely<DB>, filter: { personIds: readonly string[] } | { id: string }) {
  let query = db.selectFrom('legal_sphere_change').selectAll()
  if ('id' in filter) query = query.where('id', '=', filter.id)
  else if (filter.personIds.length === 0) return Promise.resolve([])
  else query = query.where('person_id', 'in', [...filter.personIds])
  return query.orderBy('effective_on', 'desc').orderBy('created_at', 'desc').execute()
}
export type ChangeRow = Awaited<ReturnType<typeof selectChanges>>[number]

/** The district's changes whose day lies in a range (upcoming and recent ones, or a figure's period). */
export function selectChangesBetween(
  db: Kysely<DB>,
  districtId: string,
  from: string,
  to: string,
  limit = 500,
) {
  return db
    .selectFrom('legal_sphere_change')
    .selectAll()
    .where('district_id', '=', districtId)
    .where('effective_on', '>=', from)
    .where('effective_on', '<=', to)
    .orderBy('effective_on', 'desc')
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute()
}

export function selectSteps(db: Kysely<DB>, changeIds: readonly string[]) {
  if (changeIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('legal_sphere_handover_step')
    .selectAll()
    .where('change_id', 'in', [...changeIds])
    .execute()
}

export function selectStep(db: Kysely<DB>, stepId: string) {
  return db
    .selectFrom('legal_sphere_handover_step')
    .innerJoin('legal_sphere_change', 'legal_sphere_change.id', 'legal_sphere_handover_step.change_id')
    .select([
      'legal_sphere_handover_step.id',
      'legal_sphere_handover_step.change_id',
      'legal_sphere_handover_step.task_id',
      'legal_sphere_handover_step.version',
      'legal_sphere_change.person_id',
      'legal_sphere_change.case_id',
    ])
    .where('legal_sphere_handover_step.id', '=', stepId)
    .executeTakeFirst()
}

/** Sets or clears the day a step happened, when the version still matches. */
export async function updateStepIfVersion(
  trx: Transaction<DB>,
  stepId: string,
  expectedVersion: number,
  doneOn: string | null,
): Promise<boolean> {
  const result = await trx
    .updateTable('legal_sphere_handover_step')
    .set({ done_on: doneOn, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', stepId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Changes of the persons for the case timeline. */
export function selectChangesOfPersons(db: Kysely<DB>, personIds: readonly string[]) {
  return selectChanges(db, { personIds })
}

/** The district of a hand-over step, looked up across districts (another district's answers like a missing one). */
export async function selectDistrictOfStep(db: Kysely<DB>, stepId: string): Promise<string | undefined> {
  const row = await acrossDistricts(() =>
    db
      .selectFrom('legal_sphere_handover_step')
      .select('district_id')
      .where('id', '=', stepId)
      .executeTakeFirst(),
  )
  return row?.district_id
}
