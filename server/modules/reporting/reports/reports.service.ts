import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type {
  GenerationStep,
  Report,
  ReportBlock,
  ReportHeader,
  ReportLanguage,
  ReportStatus,
  ReportSummary,
  ReportTextsInput,
  TemplateKind,
} from '../../../../common/report.ts'
import { reportHeaderSchema, type reportInputSchema } from '../../../../common/report.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { Conflict, DomainError, NotFound } from '../../../platform/errors.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { recordAudit, recordAuditAlone } from '../../audit/index.ts'
import { readEvaluation } from '../evaluations/evaluations.service.ts'
import { reportTitle } from './document.ts'
import { generationOf, startGeneration, waitForGeneration } from './generation.ts'
import {
  insertReport,
  selectReport,
  selectReportFile,
  selectReports,
  updateReportTexts,
} from './reports.queries.ts'
import { checkPlaceholders, templateForReport } from './templates.service.ts'

/**
 * Committee reports: made from a frozen evaluation and a template (whose blocks are copied, so a
 * later template edit changes no report), edited by coordination, and typeset into DOCX and PDF
 * off the event loop. The files are stored; a download hands out exactly what was made.
 */

type ReportInput = z.infer<typeof reportInputSchema>
type SummaryRow = Awaited<ReturnType<typeof selectReports>>[number]
type DetailRow = NonNullable<Awaited<ReturnType<typeof selectReport>>>

const iso = (value: string | Date | null) => (value === null ? null : new Date(value).toISOString())

const summaryOf = (row: SummaryRow): ReportSummary => ({
  id: row.id,
  title: row.title,
  documentTitle: row.document_title,
  kind: row.kind as TemplateKind,
  evaluationId: row.evaluation_id,
  evaluationName: row.evaluation_name,
  header: reportHeaderSchema.parse(row.header),
  language: row.language as ReportLanguage,
  status: row.status as ReportStatus,
  step: row.step as GenerationStep,
  createdAt: new Date(row.created_at).toISOString(),
  generatedAt: iso(row.generated_at),
})

const reportOf = (row: DetailRow): Report => ({
  ...summaryOf(row),
  templateId: row.template_id,
  templateName: row.template_name,
  from: row.period_from,
  to: row.period_to,
  blocks: row.blocks as ReportBlock[],
  textsChangedSinceFiles: row.files_texts_version !== null && row.files_texts_version < row.texts_version,
  version: row.version,
})

type Log = (error: unknown) => void

async function readReportRow(db: Kysely<DB>, actor: Actor, reportId: string): Promise<DetailRow> {
  const row = await selectReport(db, actor.districtId, reportId)
  if (!row) throw new NotFound()
  return row
}

export async function createReport(
  db: Kysely<DB>,
  actor: Actor,
  input: ReportInput,
  request: RequestContext,
  log: Log,
): Promise<Report> {
  authorize(actor, 'report.manage', ownDistrict(actor))
  // Another district's evaluation reads as missing: nobody learns that it exists.
  const evaluation = await readEvaluation(db, actor, input.evaluationId).catch((error: unknown) => {
    if (error instanceof NotFound) {
      throw new DomainError('evaluation-not-found', 'not-found', undefined, [
        { field: 'evaluationId', message: 'evaluation-not-found' },
      ])
    }
    throw error
  })
  const template = await templateForReport(db, actor.districtId, input.templateId)
  checkPlaceholders(template.title, template.blocks)
  const header: ReportHeader = input.header
  const id = await db.transaction().execute(async (trx) => {
    const inserted = await insertReport(trx, {
      district_id: actor.districtId,
      evaluation_id: evaluation.id,
      template_id: template.id,
      template_name: template.name,
      kind: template.kind,
      language: input.language,
      title: template.title,
      document_title: reportTitle(template.title, evaluation, header, input.language),
      header: JSON.stringify(header),
      blocks: JSON.stringify(template.blocks),
      created_by: actor.userId,
    })
    await recordAudit(trx, {
      ...request,
      action: 'report.create',
      subjectType: 'report',
      subjectId: inserted,
    })
    return inserted
  })
  void startGeneration(db, actor, id, log)
  return reportOf(await readReportRow(db, actor, id))
}

export async function listReports(db: Kysely<DB>, actor: Actor): Promise<ReportSummary[]> {
  authorize(actor, 'report.read', ownDistrict(actor))
  return (await selectReports(db, actor.districtId)).map(summaryOf)
}

export async function readReport(db: Kysely<DB>, actor: Actor, reportId: string): Promise<Report> {
  authorize(actor, 'report.read', ownDistrict(actor))
  return reportOf(await readReportRow(db, actor, reportId))
}

/** The coordinator's edit of the title and the text blocks; generated blocks keep their place. */
export async function putReportTexts(
  db: Kysely<DB>,
  actor: Actor,
  reportId: string,
  version: number | undefined,
  input: ReportTextsInput,
  request: RequestContext,
): Promise<Report> {
  authorize(actor, 'report.manage', ownDistrict(actor))
  checkPlaceholders(input.title, input.blocks)
  await db.transaction().execute(async (trx) => {
    const row = await readReportRow(trx, actor, reportId)
    const edits = new Map(input.blocks.map((block) => [block.id, block]))
    const blocks = (row.blocks as ReportBlock[]).map((block): ReportBlock => {
      const edit = edits.get(block.id)
      if (!edit) return block
      edits.delete(block.id)
      if (block.type !== 'text') {
        throw new DomainError('invalid-input', 'invalid', 'Only text blocks take a text', [
          { field: 'blocks', message: 'not-a-text-block' },
        ])
      }
      return { ...block, heading: edit.heading, text: edit.text }
    })
    if (edits.size > 0) {
      throw new DomainError('invalid-input', 'invalid', `Unknown block: ${[...edits.keys()].join(', ')}`, [
        { field: 'blocks', message: 'unknown-block' },
      ])
    }
    const evaluation = await readEvaluation(trx, actor, row.evaluation_id)
    const header = reportHeaderSchema.parse(row.header)
    const updated = await updateReportTexts(trx, actor.districtId, reportId, version, {
      title: input.title,
      document_title: reportTitle(input.title, evaluation, header, row.language as ReportLanguage),
      blocks: JSON.stringify(blocks),
    })
    if (updated === undefined) throw new Conflict()
    await recordAudit(trx, { ...request, action: 'report.edit', subjectType: 'report', subjectId: reportId })
  })
  return readReport(db, actor, reportId)
}

/** Makes the files again from the stored texts (after an edit); the previous files stay until then. */
export async function regenerateReport(
  db: Kysely<DB>,
  actor: Actor,
  reportId: string,
  request: RequestContext,
  log: Log,
): Promise<Report> {
  authorize(actor, 'report.manage', ownDistrict(actor))
  await readReportRow(db, actor, reportId)
  if (!generationOf(reportId)) {
    await recordAuditAlone(db, {
      ...request,
      action: 'report.generate',
      subjectType: 'report',
      subjectId: reportId,
    })
    void startGeneration(db, actor, reportId, log)
  }
  return readReport(db, actor, reportId)
}

/** How long a download waits for files still being made before it answers 409. */
export const fileWaitMs = 30_000

/** A stored file of the report, waiting for a generation under way; downloads are audited. */
export async function reportFile(
  db: Kysely<DB>,
  actor: Actor,
  reportId: string,
  format: 'docx' | 'pdf',
  request: RequestContext,
  log: Log,
): Promise<{ content: Buffer; fileName: string }> {
  authorize(actor, 'report.read', ownDistrict(actor))
  let row = await selectReportFile(db, actor.districtId, reportId, format)
  if (!row) throw new NotFound()
  if (row.status === 'generating' && !generationOf(reportId)) {
    // A generation cut short by a restart: start it again rather than wait for nothing.
    void startGeneration(db, actor, reportId, log)
  }
  if (generationOf(reportId)) {
    await waitForGeneration(reportId, fileWaitMs)
    row = await selectReportFile(db, actor.districtId, reportId, format)
    if (!row) throw new NotFound()
  }
  if (!row.content) throw new DomainError('report-not-ready', 'conflict')
  await recordAuditAlone(db, {
    ...request,
    action: `report.download-${format}`,
    subjectType: 'report',
    subjectId: reportId,
  })
  const day = (row.generated_at ? new Date(row.generated_at) : new Date()).toISOString().slice(0, 10)
  return { content: row.content, fileName: `bericht-${day}.${format}` }
}
