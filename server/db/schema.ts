import type { ColumnType, Generated } from 'kysely'
import type { AccessReviewTables } from './schema.access-review.ts'
import type { CaseWorkTables } from './schema.casework.ts'
import type { GoalTables } from './schema.goals.ts'
import type { ImportTables } from './schema.import.ts'
import type { IntegrationTables } from './schema.integration.ts'
import type { JobTables } from './schema.jobs.ts'
import type { NetworkTables } from './schema.network.ts'
import type { NetworkCaseTables } from './schema.network-cases.ts'
import type { NetworkDirectoryTables } from './schema.network-directory.ts'
import type { ObstacleTables } from './schema.obstacles.ts'
import type { PrivacyRequestTables } from './schema.privacy-requests.ts'
import type { PrivacyRetentionTables } from './schema.privacy-retention.ts'
import type { ReportingTables, ReportTables } from './schema.reporting.ts'
import type { StaffingTables } from './schema.staffing.ts'
import type { SteeringTables } from './schema.steering.ts'
import type { SteeringConceptTables } from './schema.steering-concept.ts'

/** Row types of the tables, as Kysely sees them. Each module reads only its own tables. */
type Timestamp = ColumnType<string, string | undefined, string>

export interface DistrictTable {
  id: Generated<string>
  code: string
  name: string
  kind: 'kreis' | 'kreisfreie_stadt'
  state_code: string
  /** IANA zone in which the district counts its days (migration 0008). */
  time_zone: Generated<string>
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

export interface OrganisationTable {
  id: Generated<string>
  district_id: string
  name: string
  kind: string
  legal_spheres: ColumnType<string[], string[] | undefined, string[]>
  version: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface TeamTable {
  id: Generated<string>
  district_id: string
  name: string
  version: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface AppUserTable {
  id: Generated<string>
  district_id: string
  organisation_id: string | null
  username: string
  display_name: string
  password_hash: string | null
  password_changed_at: string | null
  roles: string[]
  disabled_at: string | null
  totp_secret: string | null
  totp_enabled_at: string | null
  totp_last_step: number | null
  sso_issuer: string | null
  sso_subject: string | null
  version: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface RecoveryCodeTable {
  user_id: string
  district_id: string
  code_hash: string
  used_at: string | null
}

export interface IdentityPolicyTable {
  district_id: string
  second_factor_roles: string[]
  version: Generated<number>
  updated_at: Timestamp
}

export interface UserTeamTable {
  user_id: string
  team_id: string
  district_id: string
}

export interface SessionTable {
  token_hash: string
  user_id: string
  district_id: string
  csrf_token: string
  created_at: Timestamp
  last_seen_at: Timestamp
  idle_expires_at: string
  absolute_expires_at: string
  client_pseudonym: string
  user_agent: Generated<string>
  auth_method: Generated<'password' | 'sso'>
}

export interface LoginThrottleTable {
  key: string
  failures: Generated<number>
  last_failure_at: Timestamp
  locked_until: string | null
}

export interface AuditEventTable {
  id: Generated<number>
  occurred_at: string
  district_id: string | null
  actor_id: string | null
  actor_roles: string[]
  action: string
  outcome: 'success' | 'failure' | 'denied'
  subject_type: string | null
  subject_id: string | null
  purpose: string | null
  request_id: string | null
  client_pseudonym: string | null
  previous_hash: string
  hash: string
  /** SHA-256 of the records the entry names (audit_event_record), in its hash; null when it names none (migration 0046). */
  records_sha256: string | null
}

/** A record named by an audit entry that names many (an import's batch, migration 0046, decision 0035). */
export interface AuditEventRecordTable {
  audit_event_id: number
  district_id: string | null
  subject_type: string
  subject_id: string
}

/** Key ids (never keys) that have encrypted values in this database (migration 0034, decision 0020). */
export interface EncryptionKeyTable {
  key_id: string
  first_used_at: Generated<Timestamp>
  retired_at: Timestamp | null
}

export interface InstallationSecretTable {
  name: string
  value: string
  created_at: Timestamp
}

export interface PasswordResetTable {
  token_hash: string
  user_id: string
  district_id: string
  created_by: string
  created_at: Timestamp
  expires_at: string
  used_at: string | null
}

/** One mapping from a value of the role claim to Lotse roles and teams (stored as JSON). */
export type SsoRoleMappingRow = { value: string; roles: string[]; teamIds: string[] }

export interface SsoProviderTable {
  district_id: string
  label: string
  issuer: string
  client_id: string
  client_secret: string | null
  scopes: string
  role_claim: string
  username_claim: string
  /** jsonb: read as objects, written as a JSON string. */
  role_mappings: ColumnType<SsoRoleMappingRow[], string, string>
  link_by_username: boolean
  create_users: boolean
  enabled: boolean
  version: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface SsoLoginTable {
  state_hash: string
  district_id: string
  browser_hash: string
  nonce: string
  code_verifier: string
  redirect_uri: string
  return_to: string
  created_at: Timestamp
  expires_at: string
}

export interface DB
  extends CaseWorkTables,
    NetworkDirectoryTables,
    NetworkTables,
    NetworkCaseTables,
    SteeringTables,
    StaffingTables,
    GoalTables,
    ObstacleTables,
    SteeringConceptTables,
    ReportingTables,
    ReportTables,
    PrivacyRetentionTables,
    PrivacyRequestTables,
    AccessReviewTables,
    ImportTables,
    IntegrationTables,
    JobTables {
  recovery_code: RecoveryCodeTable
  identity_policy: IdentityPolicyTable
  password_reset: PasswordResetTable
  sso_provider: SsoProviderTable
  sso_login: SsoLoginTable
  organisation: OrganisationTable
  team: TeamTable
  app_user: AppUserTable
  user_team: UserTeamTable
  session: SessionTable
  login_throttle: LoginThrottleTable
  audit_event: AuditEventTable
  audit_event_record: AuditEventRecordTable
  installation_secret: InstallationSecretTable
  encryption_key: EncryptionKeyTable
  district: DistrictTable
  municipality: MunicipalityTable
  lotse_migration: MigrationTable
}
