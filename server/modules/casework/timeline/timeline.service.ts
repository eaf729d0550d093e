import type { Kysely } from 'kysely'
import type { TimelineEntry } from '../../../../common/casework.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import type { Actor } from '../../../platform/policy.ts'
import { recordAuditAlone } from '../../audit/index.ts'
import { displayNames } from '../../identity/index.ts'
import { authorizeCaseRead } from '../cases/case.service.ts'
import { selectCaseHistory, selectCasePersonIds } from './timeline.queries.ts'

/**
 * Entries another module keeps about a case or its persons (consents, referrals, legal-sphere
 * changes, conferences). Case work knows only this shape, so the dependency points from those
 * modules to case work and never back. Called after `case.read` was authorised.
 */
export type CaseTimelineSource = (
  db: Kysely<DB>,
  subject: { districtId: string; caseId: string; personIds: string[] },
) => Promise<TimelineEntry[]>

/** Everything that happened in a case, newest first; each kind carries only what the list shows. */
export async function readTimeline(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  request: RequestContext,
  sources: readonly CaseTimelineSource[] = [],
): Promise<TimelineEntry[]> {
  await authorizeCaseRead(db, actor, caseId)
  const [contacts, phases, assessments, goals, measures, tasks, documents] = await selectCaseHistory(
    db,
    caseId,
  )
  const personIds = sources.length > 0 ? await selectCasePersonIds(db, caseId) : []
  const contributed = await Promise.all(
    sources.map((source) => source(db, { districtId: actor.districtId, caseId, personIds })),
  )
  // Only the names of who acted in this case, not every user of the district.
  const actorIds = [
    ...new Set([
      ...contacts.map((row) => row.created_by),
      ...phases.map((row) => row.changed_by),
      ...assessments.map((row) => row.created_by),
      ...goals.map((row) => row.created_by),
      ...measures.map((row) => row.created_by),
      ...tasks.flatMap((row) => (row.created_by ? [row.created_by] : [])),
      ...documents.map((row) => row.uploaded_by),
    ]),
  ]
  const names = await displayNames(db, actor.districtId, actorIds)
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? null) : null)
  const entries: TimelineEntry[] = [
    ...contacts.map((row) => ({
      kind: 'contact' as const,
      id: row.id,
      at: row.occurred_at,
      actorName: nameOf(row.created_by),
      summary: { channel: row.channel, durationMinutes: row.duration_minutes, domains: row.domains },
    })),
    ...phases.map((row) => ({
      kind: row.from_phase === null ? ('case-opened' as const) : ('phase-change' as const),
      id: row.id,
      at: row.changed_at,
      actorName: nameOf(row.changed_by),
      // The note written with the change (on closing: the closing note), so that it is read somewhere.
      summary: { from: row.from_phase, to: row.to_phase, reason: row.reason, note: row.note || null },
    })),
    ...assessments.map((row) => ({
      kind: 'assessment' as const,
      id: row.id,
      at: row.created_at,
      actorName: nameOf(row.created_by),
      summary: { assessedOn: row.assessed_on },
    })),
    ...goals.map((row) => ({
      kind: 'goal' as const,
      id: row.id,
      at: row.created_at,
      actorName: nameOf(row.created_by),
      summary: { domain: row.domain, statement: row.statement, status: row.status, outcome: row.outcome },
    })),
    ...measures.map((row) => ({
      kind: 'measure' as const,
      id: row.id,
      at: row.created_at,
      actorName: nameOf(row.created_by),
      summary: { description: row.description, status: row.status, dueOn: row.due_on },
    })),
    ...tasks.map((row) => ({
      kind: 'task' as const,
      id: row.id,
      at: row.created_at,
      actorName: nameOf(row.created_by),
      summary: { title: row.title, dueOn: row.due_on, done: row.done_at !== null },
    })),
    ...documents.map((row) => ({
      kind: 'document' as const,
      id: row.id,
      at: row.uploaded_at,
      actorName: nameOf(row.uploaded_by),
      summary: { fileName: row.file_name, mediaType: row.media_type },
    })),
    ...contributed.flat(),
  ]
  await recordAuditAlone(db, {
    ...request,
    action: 'case.read',
    subjectType: 'case',
    subjectId: caseId,
    purpose: 'timeline',
  })
  return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
}
