import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../../db/schema.ts'
import { openText, sealText } from '../../../platform/encryption.ts'

/** A case's assessments, oldest first, and all their entries. */
export async function selectAssessments(db: Kysely<DB>, caseId: string) {
  const [assessments, entries] = await Promise.all([
    db
      .selectFrom('assessment')
      .select(['id', 'assessed_on', 'created_by'])
      .where('case_id', '=', caseId)
      .orderBy('assessed_on')
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('assessment_entry')
      .innerJoin('assessment', 'assessment.id', 'assessment_entry.assessment_id')
      .selectAll('assessment_entry')
      .where('assessment.case_id', '=', caseId)
      .execute(),
  ])
  // The free texts are encrypted (decision 0020).
  return [
    assessments,
    entries.map((entry) => ({ ...entry, resources: openText(entry.resources), note: openText(entry.note) })),
  ] as const
}

export async function insertAssessment(
  db: Transaction<DB>,
  assessment: { district_id: string; case_id: string; assessed_on: string; created_by: string },
  entries: { domain: string; need_level: number; resources: string; note: string }[],
): Promise<string> {
  const { id } = await db
    .insertInto('assessment')
    .values(assessment)
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('assessment_entry')
    .values(
      entries.map((entry) => ({
        ...entry,
        resources: sealText(entry.resources),
        note: sealText(entry.note),
        assessment_id: id,
        district_id: assessment.district_id,
      })),
    )
    .execute()
  return id
}
