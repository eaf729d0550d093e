import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { seedDemoConference } from './conferences/conference.seed.ts'
import { seedDemoTransitions } from './transitions/transition.seed.ts'

/** The network's demo data on demo cases beside consents and referrals: legal-sphere changes and a case conference. */
export async function seedDemoHandovers(db: Kysely<DB>, districtId: string, now = new Date()) {
  return {
    legalSphereChanges: await seedDemoTransitions(db, districtId, now),
    conferences: await seedDemoConference(db, districtId, now),
  }
}
