import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../../db/schema.ts'

/** Where a concept version belongs, looked up across districts; undefined when there is none. */
export async function selectVersionDistrict(db: Kysely<DB>, versionId: string) {
  const row = await db
    .selectFrom('concept_version')
    .select('district_id')
    .where('id', '=', versionId)
    .executeTakeFirst()
  return row?.district_id
}

function versionQuery(db: Kysely<DB>) {
  return db
    .selectFrom('concept_version as v')
    .leftJoin('steering_body as b', 'b.id', 'v.adopted_body_id')
    .leftJoin('steering_decision as d', 'd.id', 'v.adopted_decision_id')
    .selectAll('v')
    .select(['b.name as adopted_body_name', 'd.number as adopted_decision_number'])
}
export type VersionRow = Awaited<ReturnType<ReturnType<typeof versionQuery>['execute']>>[number]

export function selectVersion(db: Kysely<DB>, versionId: string) {
  return versionQuery(db).where('v.id', '=', versionId).executeTakeFirst()
}

/** Every version of the district's concept, newest first. */
export function selectVersions(db: Kysely<DB>, districtId: string) {
  return versionQuery(db).where('v.district_id', '=', districtId).orderBy('v.number', 'desc').execute()
}

/** Takes the version row for the rest of the transaction, so adoption and edits do not interleave. */
export function lockVersion(trx: Transaction<DB>, versionId: string) {
  return trx
    .selectFrom('concept_version')
    .select(['id', 'status', 'number', 'version'])
    .where('id', '=', versionId)
    .forUpdate()
    .executeTakeFirst()
}

/** The district's latest version and whether a draft exists, under a lock of the district's versions. */
export async function lockLatestVersion(trx: Transaction<DB>, districtId: string) {
  const rows = await trx
    .selectFrom('concept_version')
    .select(['id', 'number', 'title', 'status'])
    .where('district_id', '=', districtId)
    .orderBy('number', 'desc')
    .forUpdate()
    .execute()
  return { latest: rows[0], draft: rows.find((row) => row.status === 'draft') }
}

/** Inserts a version; '' when another draft of the district came first (the one-draft index). */
export async function insertVersion(
  trx: Transaction<DB>,
  version: {
    district_id: string
    number: number
    title: string
    status: 'draft' | 'adopted'
    based_on_id: string | null
    created_by: string
    adopted_on?: string | null
    adopted_body_id?: string | null
    adopted_decision_id?: string | null
    adopted_reference?: string
    adopted_by?: string | null
    created_at?: string
  },
): Promise<string> {
  const row = await trx
    .insertInto('concept_version')
    .values(version)
    .onConflict((conflict) => conflict.doNothing())
    .returning('id')
    .executeTakeFirst()
  return row?.id ?? ''
}

export async function updateVersionTitleIfVersion(
  trx: Transaction<DB>,
  versionId: string,
  expectedVersion: number,
  title: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('concept_version')
    .set({ title, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', versionId)
    .where('version', '=', expectedVersion)
    .where('status', '=', 'draft')
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export async function adoptVersionIfVersion(
  trx: Transaction<DB>,
  versionId: string,
  expectedVersion: number,
  adoption: {
    adopted_on: string
    adopted_body_id: string | null
    adopted_decision_id: string | null
    adopted_reference: string
    adopted_by: string
  },
): Promise<boolean> {
  const result = await trx
    .updateTable('concept_version')
    .set({ ...adoption, status: 'adopted', version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', versionId)
    .where('version', '=', expectedVersion)
    .where('status', '=', 'draft')
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** Marks the version as changed (its content), so lists show when it was last worked on. */
export async function touchVersion(trx: Transaction<DB>, versionId: string) {
  await trx
    .updateTable('concept_version')
    .set({ updated_at: sql`now()` })
    .where('id', '=', versionId)
    .execute()
}

export function selectSections(db: Kysely<DB>, versionId: string) {
  return db
    .selectFrom('concept_section')
    .selectAll()
    .where('version_id', '=', versionId)
    .orderBy('position')
    .orderBy('id')
    .execute()
}
export type SectionRow = Awaited<ReturnType<typeof selectSections>>[number]

export async function insertSections(
  trx: Transaction<DB>,
  sections: {
    district_id: string
    version_id: string
    section_key?: string
    position: number
    kind: string
    domain: string | null
    title: string
    body: string
  }[],
) {
  if (sections.length > 0) await trx.insertInto('concept_section').values(sections).execute()
}

export async function insertSection(
  trx: Transaction<DB>,
  section: { district_id: string; version_id: string; title: string; body: string },
): Promise<string> {
  const row = await trx
    .insertInto('concept_section')
    .values((eb) => ({
      ...section,
      kind: 'other',
      domain: null,
      position: eb
        .selectFrom('concept_section')
        .select(sql<number>`coalesce(max(position), 0) + 1`.as('next'))
        .where('version_id', '=', section.version_id),
    }))
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export function selectSection(db: Kysely<DB>, versionId: string, sectionId: string) {
  return db
    .selectFrom('concept_section')
    .selectAll()
    .where('version_id', '=', versionId)
    .where('id', '=', sectionId)
    .executeTakeFirst()
}

export async function updateSectionIfVersion(
  trx: Transaction<DB>,
  sectionId: string,
  expectedVersion: number,
  changes: { title: string; body: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('concept_section')
    .set({ ...changes, version: sql`version + 1` })
    .where('id', '=', sectionId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export async function deleteSection(trx: Transaction<DB>, sectionId: string) {
  await trx.deleteFrom('concept_section').where('id', '=', sectionId).execute()
}

export function selectGridCells(db: Kysely<DB>, versionId: string) {
  return db
    .selectFrom('concept_grid_cell')
    .select(['domain', 'organisation_id', 'role'])
    .where('version_id', '=', versionId)
    .orderBy('domain')
    .orderBy('organisation_id')
    .execute()
}

/** Replaces the grid of a version with the cells given (those with a role). */
export async function replaceGridCells(
  trx: Transaction<DB>,
  districtId: string,
  versionId: string,
  cells: { domain: string; organisation_id: string; role: string }[],
) {
  await trx.deleteFrom('concept_grid_cell').where('version_id', '=', versionId).execute()
  if (cells.length > 0)
    await trx
      .insertInto('concept_grid_cell')
      .values(cells.map((cell) => ({ ...cell, district_id: districtId, version_id: versionId })))
      .execute()
}

export function selectInterfaces(db: Kysely<DB>, versionId: string) {
  return db
    .selectFrom('concept_interface')
    .selectAll()
    .where('version_id', '=', versionId)
    .orderBy('position')
    .orderBy('id')
    .execute()
}
export type InterfaceRow = Awaited<ReturnType<typeof selectInterfaces>>[number]

type InterfaceValues = {
  organisation_a_id: string
  organisation_b_id: string
  domain: string | null
  process: string
  problem: string
  solution: string
  status: string
}

export async function insertInterfaces(
  trx: Transaction<DB>,
  rows: (InterfaceValues & {
    district_id: string
    version_id: string
    position: number
    interface_key?: string
  })[],
) {
  if (rows.length > 0) await trx.insertInto('concept_interface').values(rows).execute()
}

export async function insertInterface(
  trx: Transaction<DB>,
  row: InterfaceValues & { district_id: string; version_id: string },
): Promise<string> {
  const inserted = await trx
    .insertInto('concept_interface')
    .values((eb) => ({
      ...row,
      position: eb
        .selectFrom('concept_interface')
        .select(sql<number>`coalesce(max(position), 0) + 1`.as('next'))
        .where('version_id', '=', row.version_id),
    }))
    .returning('id')
    .executeTakeFirstOrThrow()
  return inserted.id
}

/** Changes an interface of the version; false when the version has no such interface. */
export async function updateInterface(
  trx: Transaction<DB>,
  versionId: string,
  interfaceId: string,
  changes: InterfaceValues,
): Promise<boolean> {
  const result = await trx
    .updateTable('concept_interface')
    .set(changes)
    .where('version_id', '=', versionId)
    .where('id', '=', interfaceId)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export async function deleteInterface(
  trx: Transaction<DB>,
  versionId: string,
  interfaceId: string,
): Promise<boolean> {
  const result = await trx
    .deleteFrom('concept_interface')
    .where('version_id', '=', versionId)
    .where('id', '=', interfaceId)
    .executeTakeFirst()
  return result.numDeletedRows > 0n
}

function consultationQuery(db: Kysely<DB>) {
  return db
    .selectFrom('concept_consultation as c')
    .innerJoin('steering_body as b', 'b.id', 'c.body_id')
    .innerJoin('concept_version as v', 'v.id', 'c.version_id')
    .selectAll('c')
    .select(['b.name as body_name', 'v.number as version_number'])
}
export type ConsultationRow = Awaited<ReturnType<ReturnType<typeof consultationQuery>['execute']>>[number]

/** Consultations of one version, or of every version of the district, newest first. */
export function selectConsultations(db: Kysely<DB>, filter: { districtId: string; versionId?: string }) {
  let query = consultationQuery(db).where('c.district_id', '=', filter.districtId)
  if (filter.versionId) query = query.where('c.version_id', '=', filter.versionId)
  return query.orderBy('c.held_on', 'desc').orderBy('c.created_at', 'desc').execute()
}

export async function insertConsultation(
  trx: Transaction<DB>,
  row: {
    district_id: string
    version_id: string
    body_id: string
    held_on: string
    feedback: string
    created_by: string
  },
): Promise<string> {
  const inserted = await trx
    .insertInto('concept_consultation')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow()
  return inserted.id
}

/** The body a decision of the district was taken in, for checking an adoption. */
export async function selectDecisionBody(db: Kysely<DB>, districtId: string, decisionId: string) {
  const row = await db
    .selectFrom('steering_decision')
    .select('body_id')
    .where('district_id', '=', districtId)
    .where('id', '=', decisionId)
    .executeTakeFirst()
  return row?.body_id
}
