import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { closedCasesDue } from '../casework/index.ts'
import { activeUsersWithRole } from '../identity/index.ts'
import { insertLegalHold, selectLegalHolds } from './retention/retention.queries.ts'

/**
 * Demo data for retention: one closed case of the district under legal hold (a dispute before
 * the social court), so the retention page shows a hold and the preview a case kept back.
 * Idempotent: a district that has any hold gets none.
 */
export async function seedDemoLegalHold(db: Kysely<DB>, districtId: string): Promise<number> {
  if ((await selectLegalHolds(db, districtId)).length > 0) return 0
  const [dpo] = await activeUsersWithRole(db, districtId, 'dpo')
  const [oldest] = await closedCasesDue(db, districtId, '9999-12-31', 1)
  if (!dpo || !oldest) return 0
  await db.transaction().execute((trx) =>
    insertLegalHold(trx, {
      district_id: districtId,
      case_id: oldest.id,
      reason:
        'Klage gegen einen Bescheid vor dem Sozialgericht Köln; Akte bis zum Abschluss des Verfahrens aufbewahren.',
      set_by: dpo.id,
    }),
  )
  return 1
}
