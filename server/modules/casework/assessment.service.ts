import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { Assessment, assessmentInputSchema, LifeDomain } from '../../../common/casework.ts'
import type { DB } from '../../db/schema.ts'
import type { RequestContext } from '../../platform/access.ts'
import type { Actor } from '../../platform/policy.ts'
import { recordAudit } from '../audit/index.ts'
import { authorizeCaseRead, authorizeCaseWork } from './case.service.ts'
import { ruleViolation, today } from './casework.access.ts'

export async function listAssessments(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  request: RequestContext,
): Promise<Assessment[]> {
  await authorizeCaseRead(db, actor, caseId)
  const [assessments, entries] = await Promise.all([
    db
      .selectFrom('assessment')
      .innerJoin('app_user', 'app_user.id', 'assessment.created_by')
      .select(['assessment.id', 'assessment.assessed_on', 'app_user.display_name'])
      .where('assessment.case_id', '=', caseId)
      .orderBy('assessment.assessed_on')
      .orderBy('assessment.created_at')
      .execute(),
    db
      .selectFrom('assessment_entry')
      .innerJoin('assessment', 'assessment.id', 'assessment_entry.assessment_id')
      .selectAll('assessment_entry')
      .where('assessment.case_id', '=', caseId)
      .execute(),
  ])
  await recordAudit(db, {
    ...request,
    action: 'case.read',
    subjectType: 'case',
    subjectId: caseId,
    purpose: 'assessments',
  })
  return assessments.map((assessment) => ({
    id: assessment.id,
    assessedOn: assessment.assessed_on,
    createdBy: assessment.display_name,
    entries: entries
      .filter((entry) => entry.assessment_id === assessment.id)
      .map((entry) => ({
        domain: entry.domain as LifeDomain,
        needLevel: entry.need_level,
        resources: entry.resources,
        note: entry.note,
      })),
  }))
}

export async function addAssessment(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  input: z.output<typeof assessmentInputSchema>,
  request: RequestContext,
): Promise<Assessment[]> {
  await authorizeCaseWork(db, actor, caseId)
  if (input.assessedOn > today()) throw ruleViolation('date-in-future', 'body.assessedOn', 400)
  const domains = input.entries.map((entry) => entry.domain)
  if (new Set(domains).size !== domains.length) throw ruleViolation('invalid-input', 'body.entries', 400)
  await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('assessment')
      .values({
        district_id: actor.districtId,
        case_id: caseId,
        assessed_on: input.assessedOn,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('assessment_entry')
      .values(
        input.entries.map((entry) => ({
          assessment_id: id,
          district_id: actor.districtId,
          domain: entry.domain,
          need_level: entry.needLevel,
          resources: entry.resources,
          note: entry.note,
        })),
      )
      .execute()
    await recordAudit(trx, {
      ...request,
      action: 'assessment.create',
      subjectType: 'case',
      subjectId: caseId,
    })
  })
  return listAssessments(db, actor, caseId, request)
}
