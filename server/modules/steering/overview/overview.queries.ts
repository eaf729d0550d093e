import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.ts'

/** Every action item of the district with its meeting's title, soonest due first. */
export function selectDistrictActionItems(db: Kysely<DB>, districtId: string) {
  return db
    .selectFrom('action_item')
    .innerJoin('meeting', 'meeting.id', 'action_item.meeting_id')
    .select([
      'action_item.id',
      'action_item.title',
      'action_item.owner_id',
      'action_item.due_on',
      'action_item.meeting_id',
      'meeting.title as meeting_title',
    ])
    .where('action_item.district_id', '=', districtId)
    .orderBy('action_item.due_on')
    .orderBy('action_item.id')
    .execute()
}
