import type { Kysely } from 'kysely'
import {
  type ReportBlock,
  type ReportTemplate,
  type ReportTemplateInput,
  unknownPlaceholders,
} from '../../../../common/report.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { Conflict, DomainError } from '../../../platform/errors.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { recordAudit } from '../../audit/index.ts'
import { defaultTemplates } from './default-templates.ts'
import {
  countTemplates,
  insertTemplate,
  selectTemplate,
  selectTemplateByName,
  selectTemplates,
  updateTemplate,
} from './templates.queries.ts'

/**
 * A district's report templates. Every district starts with the two defaults, added the first time
 * its templates are read (a district created later gets them the same way); after that they are
 * the district's own.
 */

type TemplateRow = NonNullable<Awaited<ReturnType<typeof selectTemplate>>>

export const templateOf = (row: TemplateRow): ReportTemplate => ({
  id: row.id,
  name: row.name,
  kind: row.kind as ReportTemplate['kind'],
  title: row.title,
  blocks: row.blocks as ReportBlock[],
  version: row.version,
  updatedAt: new Date(row.updated_at).toISOString(),
})

/** Refuses a title or text naming a placeholder that does not exist; the detail names every one. */
export function checkPlaceholders(
  title: string,
  blocks: readonly { heading: string; text?: string }[],
): void {
  const unknown = unknownPlaceholders(title, blocks)
  if (unknown.length === 0) return
  throw new DomainError(
    'unknown-placeholder',
    'invalid',
    `Unknown placeholder: ${unknown.map((each) => `{{${each.placeholder}}}`).join(', ')}`,
    unknown.map((each) => ({ field: each.field, message: `unknown-placeholder:${each.placeholder}` })),
  )
}

export async function ensureDefaultTemplates(db: Kysely<DB>, districtId: string): Promise<void> {
  if ((await countTemplates(db, districtId)) > 0) return
  for (const template of defaultTemplates) {
    await insertTemplate(db, districtId, {
      name: template.name,
      kind: template.kind,
      title: template.title,
      blocks: JSON.stringify(template.blocks),
    })
  }
}

export async function listTemplates(db: Kysely<DB>, actor: Actor): Promise<ReportTemplate[]> {
  authorize(actor, 'report.read', ownDistrict(actor))
  await ensureDefaultTemplates(db, actor.districtId)
  return (await selectTemplates(db, actor.districtId)).map(templateOf)
}

/** The template a report is made from: the one named, else the district's Mitteilungsvorlage. */
export async function templateForReport(
  db: Kysely<DB>,
  districtId: string,
  templateId: string | undefined,
): Promise<ReportTemplate> {
  await ensureDefaultTemplates(db, districtId)
  const row = templateId
    ? await selectTemplate(db, districtId, templateId)
    : ((await selectTemplateByName(db, districtId, 'Mitteilungsvorlage')) ??
      (await selectTemplates(db, districtId))[0])
  if (!row)
    throw new DomainError('template-not-found', 'not-found', undefined, [
      { field: 'templateId', message: 'template-not-found' },
    ])
  return templateOf(row)
}

export async function createTemplate(
  db: Kysely<DB>,
  actor: Actor,
  input: ReportTemplateInput,
  request: RequestContext,
): Promise<ReportTemplate> {
  authorize(actor, 'report.manage', ownDistrict(actor))
  checkPlaceholders(input.title, input.blocks)
  await ensureDefaultTemplates(db, actor.districtId)
  const id = await db.transaction().execute(async (trx) => {
    const inserted = await insertTemplate(trx, actor.districtId, {
      name: input.name,
      kind: input.kind,
      title: input.title,
      blocks: JSON.stringify(input.blocks),
    })
    if (!inserted)
      throw new DomainError('template-name-taken', 'conflict', undefined, [
        { field: 'name', message: 'template-name-taken' },
      ])
    await recordAudit(trx, {
      ...request,
      action: 'report-template.create',
      subjectType: 'report-template',
      subjectId: inserted,
    })
    return inserted
  })
  return templateOf((await selectTemplate(db, actor.districtId, id)) as TemplateRow)
}

export async function putTemplate(
  db: Kysely<DB>,
  actor: Actor,
  templateId: string,
  version: number | undefined,
  input: ReportTemplateInput,
  request: RequestContext,
): Promise<ReportTemplate> {
  authorize(actor, 'report.manage', ownDistrict(actor))
  checkPlaceholders(input.title, input.blocks)
  await db.transaction().execute(async (trx) => {
    const current = await selectTemplate(trx, actor.districtId, templateId)
    if (!current) throw new DomainError('template-not-found', 'not-found')
    const sameName = await selectTemplateByName(trx, actor.districtId, input.name)
    if (sameName && sameName.id !== templateId) {
      throw new DomainError('template-name-taken', 'conflict', undefined, [
        { field: 'name', message: 'template-name-taken' },
      ])
    }
    const updated = await updateTemplate(trx, actor.districtId, templateId, version, {
      name: input.name,
      kind: input.kind,
      title: input.title,
      blocks: JSON.stringify(input.blocks),
    })
    if (updated === undefined) throw new Conflict()
    await recordAudit(trx, {
      ...request,
      action: 'report-template.update',
      subjectType: 'report-template',
      subjectId: templateId,
    })
  })
  return templateOf((await selectTemplate(db, actor.districtId, templateId)) as TemplateRow)
}
