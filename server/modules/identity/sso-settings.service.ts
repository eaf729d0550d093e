import type { Kysely } from 'kysely'
import type { SsoProvider, SsoProviderChange, SsoSettings } from '../../../common/sso.ts'
import type { DB } from '../../db/schema.ts'
import type { RequestContext } from '../../platform/access.ts'
import { Conflict, type FieldProblem, Invalid, PreconditionRequired } from '../../platform/errors.ts'
import { type Actor, authorize, ownDistrict } from '../../platform/policy.ts'
import { recordAudit } from '../audit/index.ts'
import {
  insertProvider,
  type ProviderChanges,
  type ProviderRow,
  selectProvider,
  selectTeamIdsInDistrict,
  updateProviderIfVersion,
} from './sso.queries.ts'

/** The provider as administrators see it: everything but the secret, of which only its presence shows. */
function present(row: ProviderRow): SsoProvider {
  return {
    label: row.label,
    issuer: row.issuer,
    clientId: row.client_id,
    clientSecretSet: row.client_secret !== null,
    scopes: row.scopes,
    roleClaim: row.role_claim,
    usernameClaim: row.username_claim,
    roleMappings: row.role_mappings.map((mapping) => ({
      value: mapping.value,
      roles: mapping.roles as SsoProvider['roleMappings'][number]['roles'],
      teamIds: mapping.teamIds ?? [],
    })),
    linkByUsername: row.link_by_username,
    createUsers: row.create_users,
    enabled: row.enabled,
    version: row.version,
    updatedAt: row.updated_at,
  }
}

/** The district's single sign-on settings and the redirect URI to register at the provider. */
export async function getSsoSettings(
  db: Kysely<DB>,
  actor: Actor,
  callbackUrl: string,
): Promise<SsoSettings> {
  authorize(actor, 'identity-policy.manage', ownDistrict(actor))
  const row = await selectProvider(db, actor.districtId)
  return { callbackUrl, provider: row ? present(row) : null }
}

async function assertTeams(db: Kysely<DB>, districtId: string, input: SsoProviderChange) {
  const problems: FieldProblem[] = []
  for (const [index, mapping] of input.roleMappings.entries()) {
    const wanted = [...new Set(mapping.teamIds)]
    const found = await selectTeamIdsInDistrict(db, districtId, wanted)
    if (found.length !== wanted.length)
      problems.push({ field: `roleMappings.${index}.teamIds`, message: 'unknown' })
  }
  if (problems.length > 0) throw new Invalid('unknown team', problems)
}

/**
 * Creates the district's provider, or changes it when the administrator saw the current version
 * (If-Match; without one 428, stale 409). The secret is only replaced when one is sent.
 */
export async function saveSsoProvider(
  db: Kysely<DB>,
  actor: Actor,
  expectedVersion: number | undefined,
  input: SsoProviderChange,
  callbackUrl: string,
  request: RequestContext,
): Promise<SsoSettings> {
  authorize(actor, 'identity-policy.manage', ownDistrict(actor))
  await assertTeams(db, actor.districtId, input)
  const changes: ProviderChanges = {
    label: input.label,
    issuer: input.issuer,
    client_id: input.clientId,
    scopes: input.scopes,
    role_claim: input.roleClaim,
    username_claim: input.usernameClaim,
    role_mappings: input.roleMappings.map((mapping) => ({
      value: mapping.value,
      roles: [...new Set(mapping.roles)],
      teamIds: [...new Set(mapping.teamIds)],
    })),
    link_by_username: input.linkByUsername,
    create_users: input.createUsers,
    enabled: input.enabled,
    ...(input.clientSecret !== undefined ? { client_secret: input.clientSecret } : {}),
  }
  await db.transaction().execute(async (trx) => {
    const existing = await selectProvider(trx, actor.districtId)
    if (existing) {
      if (expectedVersion === undefined) throw new PreconditionRequired()
      if (!(await updateProviderIfVersion(trx, actor.districtId, expectedVersion, changes)))
        throw new Conflict()
    } else {
      await insertProvider(trx, actor.districtId, changes)
    }
    await recordAudit(trx, {
      ...request,
      action: existing ? 'identity-policy.sso.update' : 'identity-policy.sso.create',
      subjectType: 'district',
      subjectId: actor.districtId,
      // Which kind of change, never the secret itself.
      ...(input.clientSecret !== undefined ? { purpose: 'client secret changed' } : {}),
    })
  })
  return getSsoSettings(db, actor, callbackUrl)
}
