import type { Kysely } from 'kysely'
import type { SteeringOverview } from '../../../../common/steering.ts'
import type { DB } from '../../../db/schema.ts'
import { districtTime } from '../../../platform/district-time.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { tasksBySourceKey } from '../../casework/index.ts'
import { displayNames } from '../../identity/index.ts'
import { goalAgreementCounts } from '../goals/goal.service.ts'
import { actionItemSourceKey } from '../meetings/meeting.service.ts'
import { obstacleCounts } from '../obstacles/obstacle.service.ts'
import { selectDistrictActionItems } from './overview.queries.ts'

/** How many open action items the overview lists; the counts cover all of them. */
export const overviewItemLimit = 5

/**
 * The coordinator's Monday morning: the district's open action items (whose task is not done),
 * soonest due first, with how many are overdue by the district's today.
 */
export async function steeringOverview(db: Kysely<DB>, actor: Actor, now: Date): Promise<SteeringOverview> {
  authorize(actor, 'steering.read', ownDistrict(actor))
  const { districtId } = actor
  const [time, items, goalAgreements, obstacles] = await Promise.all([
    districtTime(db, districtId, now),
    selectDistrictActionItems(db, districtId),
    goalAgreementCounts(db, districtId, now),
    obstacleCounts(db, districtId),
  ])
  const tasks = await tasksBySourceKey(
    db,
    districtId,
    items.map((item) => actionItemSourceKey(item.id)),
  )
  const open = items.filter((item) => tasks.get(actionItemSourceKey(item.id))?.doneAt == null)
  const shown = open.slice(0, overviewItemLimit)
  const names = await displayNames(
    db,
    districtId,
    shown.map((item) => item.owner_id),
  )
  return {
    today: time.today,
    openActionItems: {
      total: open.length,
      overdue: open.filter((item) => item.due_on < time.today).length,
      items: shown.map((item) => ({
        id: item.id,
        title: item.title,
        ownerName: names.get(item.owner_id) ?? '',
        dueOn: item.due_on,
        overdue: item.due_on < time.today,
        meetingId: item.meeting_id,
        meetingTitle: item.meeting_title,
      })),
    },
    goalAgreements,
    obstacles,
  }
}
