import type { ColumnType, Generated } from 'kysely'

/** Row types of the tables, as Kysely sees them. Each module reads only its own tables. */
type Timestamp = ColumnType<string, string | undefined, string>

export interface DistrictTable {
  id: Generated<string>
  code: string
  name: string
  kind: 'kreis' | 'kreisfreie_stadt'
  state_code: string
  version: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface MunicipalityTable {
  id: Generated<string>
  district_id: string
  code: string
  name: string
  version: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface MigrationTable {
  version: number
  name: string
  checksum: string
  applied_at: Timestamp
}

export interface DB {
  district: DistrictTable
  municipality: MunicipalityTable
  lotse_migration: MigrationTable
}
