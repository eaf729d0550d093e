import { seedDistricts } from '../../modules/districts/index.ts'
import type { Database } from '../database.ts'
import { demoDistricts } from './districts.ts'

export type DemoSeedResult = { districtsCreated: number }

/** Seeds the demo data. Idempotent: what exists already is not created again. */
export async function seedDemo(database: Database): Promise<DemoSeedResult> {
  const districtsCreated = await seedDistricts(database.db, demoDistricts)
  return { districtsCreated }
}
