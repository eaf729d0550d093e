import type { Kysely } from 'kysely'
import type { ReportBlock, ReportHeader, ReportLanguage, TemplateKind } from '../../../../common/report.ts'
import type { DB } from '../../../db/schema.ts'
import type { Actor } from '../../../platform/policy.ts'
import { getDistrictName } from '../../districts/index.ts'
import { readEvaluation } from '../evaluations/evaluations.service.ts'
import { reportDocument } from './document.ts'
import { selectReport, storeReportFiles, updateReportStep } from './reports.queries.ts'
import { renderInWorker } from './worker-pool.ts'

/**
 * Making a report's files: the document is built from the frozen evaluation here, typeset in the
 * worker thread, and both files are stored, so the report can be handed out again as it was. Runs
 * after the request that started it answered; its progress is the report's `step`.
 */

const running = new Map<string, Promise<void>>()

async function generate(db: Kysely<DB>, actor: Actor, reportId: string): Promise<void> {
  const { districtId } = actor
  try {
    await updateReportStep(db, districtId, reportId, 'generating', 'figures')
    const row = await selectReport(db, districtId, reportId)
    if (!row) return
    const [evaluation, districtName] = await Promise.all([
      readEvaluation(db, actor, row.evaluation_id),
      getDistrictName(db, districtId),
    ])
    const doc = reportDocument(
      {
        title: row.title,
        kind: row.kind as TemplateKind,
        header: row.header as ReportHeader,
        blocks: row.blocks as ReportBlock[],
        districtName,
        evaluation,
      },
      row.language as ReportLanguage,
    )
    // Steps are written one after the other, so a slow write never lands after a later step.
    let progress = Promise.resolve()
    const files = await renderInWorker(doc, (step) => {
      progress = progress.then(() => updateReportStep(db, districtId, reportId, 'generating', step))
    })
    await progress
    await storeReportFiles(db, districtId, reportId, {
      docx: Buffer.from(files.docx),
      pdf: Buffer.from(files.pdf),
      textsVersion: row.texts_version,
    })
  } catch (error) {
    await updateReportStep(db, districtId, reportId, 'failed', 'queued').catch(() => {})
    throw error
  }
}

/** Starts making the files unless they are being made already; the promise settles when they are stored. */
export function startGeneration(
  db: Kysely<DB>,
  actor: Actor,
  reportId: string,
  log: (error: unknown) => void,
): Promise<void> {
  const current = running.get(reportId)
  if (current) return current
  const job = generate(db, actor, reportId)
    .catch(log)
    .finally(() => running.delete(reportId))
  running.set(reportId, job)
  return job
}

/** The generation under way in this process, if any. */
export const generationOf = (reportId: string): Promise<void> | undefined => running.get(reportId)

/** Waits for a running generation at most `ms`; true when it finished in time. */
export async function waitForGeneration(reportId: string, ms: number): Promise<boolean> {
  const job = running.get(reportId)
  if (!job) return true
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms)
  })
  try {
    return await Promise.race([job.then(() => true as const), timeout])
  } finally {
    clearTimeout(timer)
  }
}
