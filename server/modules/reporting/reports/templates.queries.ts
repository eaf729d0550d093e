import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.ts'

const columns = ['id', 'name', 'kind', 'title', 'blocks', 'version', 'updated_at'] as const

export function selectTemplates(db: Kysely<DB>, districtId: string) {
  return db
    .selectFrom('report_template')
    .select(columns)
    .where('district_id', '=', districtId)
    .orderBy('name')
    .execute()
}

export function selectTemplate(db: Kysely<DB>, districtId: string, templateId: string) {
  return db
    .selectFrom('report_template')
    .select(columns)
    .where('district_id', '=', districtId)
    .where('id', '=', templateId)
    .executeTakeFirst()
}

export function selectTemplateByName(db: Kysely<DB>, districtId: string, name: string) {
  return db
    .selectFrom('report_template')
    .select(columns)
    .where('district_id', '=', districtId)
    .where('name', '=', name)
    .executeTakeFirst()
}

type TemplateValues = { name: string; kind: string; title: string; blocks: string }

/** Inserts unless the district has a template of that name; returns the id, or undefined when taken. */
export async function insertTemplate(
  db: Kysely<DB>,
  districtId: string,
  values: TemplateValues,
): Promise<string | undefined> {
  const row = await db
    .insertInto('report_template')
    .values({ district_id: districtId, ...values })
    .onConflict((conflict) => conflict.columns(['district_id', 'name']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return row?.id
}

export async function countTemplates(db: Kysely<DB>, districtId: string): Promise<number> {
  const row = await db
    .selectFrom('report_template')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('district_id', '=', districtId)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** Changes the template when it still has `version` (any version when undefined); the new version, or undefined. */
export async function updateTemplate(
  db: Kysely<DB>,
  districtId: string,
  templateId: string,
  version: number | undefined,
  values: TemplateValues,
): Promise<number | undefined> {
  let query = db
    .updateTable('report_template')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date().toISOString() }))
    .where('district_id', '=', districtId)
    .where('id', '=', templateId)
  if (version !== undefined) query = query.where('version', '=', version)
  const row = await query.returning('version').executeTakeFirst()
  return row?.version
}
