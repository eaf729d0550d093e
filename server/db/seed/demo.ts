import { seedDemoBreakGlass, seedDemoCaseWork } from '../../modules/casework/index.ts'
import { listDistricts, seedDistricts } from '../../modules/districts/index.ts'
import { type DemoIdentitiesResult, seedDemoIdentities } from '../../modules/identity/index.ts'
import { seedDemoImportedHistory } from '../../modules/import/index.ts'
import {
  seedDemoConsentsAndReferrals,
  seedDemoHandovers,
  seedDemoNetwork,
} from '../../modules/network/index.ts'
import { seedDemoLegalHold } from '../../modules/privacy/index.ts'
import { seedDemoStaffing } from '../../modules/staffing/index.ts'
import { seedDemoSteering } from '../../modules/steering/index.ts'
import type { Database } from '../database.ts'
import { demoDistricts } from './districts.ts'

export type DemoSeedResult = {
  districtsCreated: number
  identities: DemoIdentitiesResult
  personsCreated: number
  servicesCreated: number
  bodiesCreated: number
  positionsCreated: number
}

/** Seeds the demo data. Idempotent: what exists already is not created again. */
export async function seedDemo(
  database: Database,
  options: { password?: string | undefined; caseWork?: boolean } = {},
): Promise<DemoSeedResult> {
  const districtsCreated = await seedDistricts(database.db, demoDistricts)
  const districts = await listDistricts(database.db, { limit: 200, offset: 0 })
  const idsByCode = new Map(districts.items.map((district) => [district.code, district.id]))
  const identities = await seedDemoIdentities(database.db, idsByCode, options.password)
  const rheinSieg = idsByCode.get('05382')
  const personsCreated =
    rheinSieg && options.caseWork !== false ? await seedDemoCaseWork(database.db, rheinSieg) : 0
  const servicesCreated = rheinSieg ? await seedDemoNetwork(database.db, rheinSieg) : 0
  // Consents and referrals on the demo cases (issue 10).
  if (rheinSieg && options.caseWork !== false) await seedDemoConsentsAndReferrals(database.db, rheinSieg)
  // Legal-sphere changes and a conference hang off the demo cases too.
  if (rheinSieg && options.caseWork !== false) await seedDemoHandovers(database.db, rheinSieg)
  // A closed case under legal hold, for the retention page (issue 14).
  if (rheinSieg && options.caseWork !== false) await seedDemoLegalHold(database.db, rheinSieg)
  // A break-glass access open for review, for the access review page (issue 14).
  if (rheinSieg && options.caseWork !== false) await seedDemoBreakGlass(database.db, rheinSieg)
  // Monthly counts from before Lotse, imported (issue 15, item 3): the dashboard shows them marked.
  if (rheinSieg && options.caseWork !== false) await seedDemoImportedHistory(database.db, rheinSieg)
  const bodiesCreated = rheinSieg ? await seedDemoSteering(database.db, rheinSieg) : 0
  const positionsCreated = rheinSieg ? await seedDemoStaffing(database.db, rheinSieg) : 0
  return { districtsCreated, identities, personsCreated, servicesCreated, bodiesCreated, positionsCreated }
}
