import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { Assessment, assessmentInputSchema, LifeDomain } from '../../../../common/casework.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { districtTime } from '../../../platform/district-time.ts'
import type { Actor } from '../../../platform/policy.ts'
import { recordAudit, recordAuditAlone } from '../../audit/index.ts'
import { displayNames } from '../../identity/index.ts'
import { authorizeCaseRead, authorizeCaseWork } from '../cases/case.service.ts'
import { ruleViolation } from '../casework.access.ts'
import { insertAssessment, selectAssessments } from './assessment.queries.ts'

export async function listAssessments(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  request: RequestContext,
): Promise<Assessment[]> {
  await authorizeCaseRead(db, actor, caseId)
  const [assessments, entries] = await selectAssessments(db, caseId)
  const names = await displayNames(
    db,
    actor.districtId,
    assessments.map((assessment) => assessment.created_by),
  )
  await recordAuditAlone(db, {
    ...request,
    action: 'case.read',
    subjectType: 'case',
    subjectId: caseId,
    purpose: 'assessments',
  })
  return assessments.map((assessment) => ({
    id: assessment.id,
    assessedOn: assessment.assessed_on,
    createdBy: names.get(assessment.created_by) ?? '',
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
  const { today } = await districtTime(db, actor.districtId, request.now)
  if (input.assessedOn > today) throw ruleViolation('date-in-future', 'assessedOn', 'invalid')
  const domains = input.entries.map((entry) => entry.domain)
  if (new Set(domains).size !== domains.length) throw ruleViolation('invalid-input', 'entries', 'invalid')
  await db.transaction().execute(async (trx) => {
    await insertAssessment(
      trx,
      {
        district_id: actor.districtId,
        case_id: caseId,
        assessed_on: input.assessedOn,
        created_by: actor.userId,
      },
      input.entries.map((entry) => ({
        domain: entry.domain,
        need_level: entry.needLevel,
        resources: entry.resources,
        note: entry.note,
      })),
    )
    await recordAudit(trx, {
      ...request,
      action: 'assessment.create',
      subjectType: 'case',
      subjectId: caseId,
    })
  })
  return listAssessments(db, actor, caseId, request)
}
