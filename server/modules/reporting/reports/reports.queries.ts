import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.ts'

const summaryColumns = [
  'report.id',
  'report.title',
  'report.document_title',
  'report.kind',
  'report.language',
  'report.evaluation_id',
  'evaluation.name as evaluation_name',
  'report.header',
  'report.status',
  'report.step',
  'report.created_at',
  'report.generated_at',
] as const

const detailColumns = [
  ...summaryColumns,
  'report.template_id',
  'report.template_name',
  'evaluation.period_from',
  'evaluation.period_to',
  'report.blocks',
  'report.texts_version',
  'report.files_texts_version',
  'report.version',
] as const

const withEvaluation = (db: Kysely<DB>) =>
  db.selectFrom('report').innerJoin('evaluation', 'evaluation.id', 'report.evaluation_id')

export function selectReports(db: Kysely<DB>, districtId: string) {
  return withEvaluation(db)
    .select(summaryColumns)
    .where('report.district_id', '=', districtId)
    .orderBy('report.created_at', 'desc')
    .orderBy('report.id')
    .execute()
}

export function selectReport(db: Kysely<DB>, districtId: string, reportId: string) {
  return withEvaluation(db)
    .select(detailColumns)
    .where('report.district_id', '=', districtId)
    .where('report.id', '=', reportId)
    .executeTakeFirst()
}

export function selectReportFile(
  db: Kysely<DB>,
  districtId: string,
  reportId: string,
  format: 'docx' | 'pdf',
) {
  return db
    .selectFrom('report')
    .select(['status', 'generated_at', format === 'docx' ? 'docx as content' : 'pdf as content'])
    .where('district_id', '=', districtId)
    .where('id', '=', reportId)
    .executeTakeFirst()
}

export async function insertReport(
  db: Kysely<DB>,
  row: {
    district_id: string
    evaluation_id: string
    template_id: string
    template_name: string
    kind: string
    language: string
    title: string
    document_title: string
    header: string
    blocks: string
    created_by: string
  },
): Promise<string> {
  const inserted = await db.insertInto('report').values(row).returning('id').executeTakeFirstOrThrow()
  return inserted.id
}

export async function updateReportStep(
  db: Kysely<DB>,
  districtId: string,
  reportId: string,
  status: 'generating' | 'failed',
  step: string,
): Promise<void> {
  await db
    .updateTable('report')
    .set({ status, step, updated_at: new Date().toISOString() })
    .where('district_id', '=', districtId)
    .where('id', '=', reportId)
    .execute()
}

export async function storeReportFiles(
  db: Kysely<DB>,
  districtId: string,
  reportId: string,
  files: { docx: Buffer; pdf: Buffer; textsVersion: number },
): Promise<void> {
  const now = new Date().toISOString()
  await db
    .updateTable('report')
    .set({
      status: 'ready',
      step: 'stored',
      docx: files.docx,
      pdf: files.pdf,
      files_texts_version: files.textsVersion,
      generated_at: now,
      updated_at: now,
    })
    .where('district_id', '=', districtId)
    .where('id', '=', reportId)
    .execute()
}

/** Replaces the texts when the report still has `version`; the new version, or undefined. */
export async function updateReportTexts(
  db: Kysely<DB>,
  districtId: string,
  reportId: string,
  version: number | undefined,
  values: { title: string; document_title: string; blocks: string },
): Promise<number | undefined> {
  let query = db
    .updateTable('report')
    .set((eb) => ({
      ...values,
      version: eb('version', '+', 1),
      texts_version: eb('texts_version', '+', 1),
      updated_at: new Date().toISOString(),
    }))
    .where('district_id', '=', districtId)
    .where('id', '=', reportId)
  if (version !== undefined) query = query.where('version', '=', version)
  const row = await query.returning('version').executeTakeFirst()
  return row?.version
}
