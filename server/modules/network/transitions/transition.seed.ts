import type { Kysely } from 'kysely'
import type { LegalSphere } from '../../../../common/casework.ts'
import type { HandoverStep, LegalSphereChangeReason } from '../../../../common/legal-sphere.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { addDays, districtTime } from '../../../platform/district-time.ts'
import type { Actor } from '../../../platform/policy.ts'
import { recordAudit } from '../../audit/index.ts'
import { createTasksFor, demoCasesForNetwork, markTaskDone, setLegalSphere } from '../../casework/index.ts'
import { insertChange, insertSteps, markApplied, selectChangesBetween } from './transition.queries.ts'
import { stepTitles } from './transition.service.ts'

type DemoChange = {
  from: LegalSphere
  to: LegalSphere
  /** Days from today; ahead when positive. */
  day: number
  reason: LegalSphereChangeReason
  note: string
  /** Each step with its due day and, when done, the day it happened (days from the change). */
  steps: { step: HandoverStep; due: number; done?: number }[]
}

/**
 * Several legal-sphere changes for the demo: recognitions into SGB II with their hand-overs at
 * different stages (the Jobcenter appointment 3, 9 and 16 days after, one still waiting), one
 * recognition ahead, and one move into SGB XII. The figure then shows a median of 9 days.
 */
const demoChanges: DemoChange[] = [
  {
    from: 'AsylbLG',
    to: 'SGB II',
    day: -60,
    reason: 'recognition',
    note: 'Flüchtlingseigenschaft zuerkannt, Bescheid liegt vor.',
    steps: [
      { step: 'jobcenter-appointment', due: 7, done: 3 },
      { step: 'benefit-application', due: 7, done: 5 },
      { step: 'health-insurance', due: 14, done: 10 },
      { step: 'housing', due: 30, done: 28 },
      { step: 'language-course', due: 45 },
    ],
  },
  {
    from: 'AsylbLG',
    to: 'SGB II',
    day: -35,
    reason: 'recognition',
    note: 'Subsidiärer Schutz.',
    steps: [
      { step: 'jobcenter-appointment', due: 7, done: 9 },
      { step: 'benefit-application', due: 10, done: 9 },
      { step: 'health-insurance', due: 14 },
    ],
  },
  {
    from: 'AsylbLG',
    to: 'SGB II',
    day: -21,
    reason: 'recognition',
    note: '',
    steps: [
      { step: 'jobcenter-appointment', due: 10, done: 16 },
      { step: 'benefit-application', due: 10, done: 12 },
      { step: 'housing', due: 30 },
    ],
  },
  {
    from: 'AsylbLG',
    to: 'SGB II',
    day: -6,
    reason: 'recognition',
    note: 'Termin beim Jobcenter angefragt, noch keine Antwort.',
    steps: [
      { step: 'jobcenter-appointment', due: 8 },
      { step: 'benefit-application', due: 8 },
      { step: 'health-insurance', due: 14 },
    ],
  },
  {
    from: 'AsylbLG',
    to: 'SGB II',
    day: 12,
    reason: 'recognition',
    note: 'Anerkennungsbescheid angekündigt; Übergabe vorbereiten.',
    steps: [
      { step: 'jobcenter-appointment', due: -2 },
      { step: 'benefit-application', due: 0 },
    ],
  },
  {
    from: 'SGB II',
    to: 'SGB XII',
    day: -14,
    reason: 'incapacity-or-age',
    note: 'Volle Erwerbsminderung festgestellt.',
    steps: [{ step: 'benefit-application', due: 7, done: 4 }],
  },
]

/** Seeds the demo changes once (skipped when the district has any); answers how many were made. */
export async function seedDemoTransitions(
  db: Kysely<DB>,
  districtId: string,
  now = new Date(),
): Promise<number> {
  const time = await districtTime(db, districtId, now)
  if ((await selectChangesBetween(db, districtId, '1900-01-01', '9999-12-31', 1)).length > 0) return 0
  const cases = await demoCasesForNetwork(db, districtId, demoChanges.length)
  if (cases.length < demoChanges.length) return 0
  await db.transaction().execute(async (trx) => {
    for (const [index, demo] of demoChanges.entries()) {
      const kase = cases[index] as (typeof cases)[number]
      const request: RequestContext = {
        actorId: kase.managerId,
        actorRoles: ['case_manager'],
        districtId,
        requestId: 'seed:legal-sphere-changes',
        clientPseudonym: '',
        now,
      }
      const actor: Actor = {
        userId: kase.managerId,
        districtId,
        organisationId: null,
        roles: ['case_manager'],
        teamIds: [],
      }
      const effectiveOn = time.daysFromToday(demo.day)
      // The person was in the sphere the change starts from.
      await setLegalSphere(trx, kase.personId, demo.from, request)
      const id = await insertChange(trx, {
        district_id: districtId,
        person_id: kase.personId,
        case_id: kase.caseId,
        from_sphere: demo.from,
        to_sphere: demo.to,
        effective_on: effectiveOn,
        reason: demo.reason,
        note: demo.note,
        recorded_by: kase.managerId,
      })
      const taskIds = await createTasksFor(
        trx,
        actor,
        'legal-sphere-handover',
        demo.steps.map((step) => ({
          title: `${stepTitles[step.step]} (${demo.from} → ${demo.to})`,
          dueOn: addDays(effectiveOn, step.due),
          assigneeId: kase.managerId,
          caseId: kase.caseId,
          personId: kase.personId,
        })),
        request,
      )
      await insertSteps(
        trx,
        demo.steps.map((step, position) => ({
          district_id: districtId,
          change_id: id,
          step: step.step,
          task_id: taskIds[position] as string,
          due_on: addDays(effectiveOn, step.due),
          done_on: step.done === undefined ? null : addDays(effectiveOn, step.done),
        })),
      )
      for (const [position, step] of demo.steps.entries())
        if (step.done !== undefined) await markTaskDone(trx, taskIds[position] as string, true, request)
      if (demo.day <= 0) {
        await setLegalSphere(trx, kase.personId, demo.to, request)
        await markApplied(trx, id)
      }
      await recordAudit(trx, {
        ...request,
        action: 'legal-sphere-change.create',
        subjectType: 'legal-sphere-change',
        subjectId: id,
      })
    }
  })
  return demoChanges.length
}
