import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { openNullableText, sealText } from '../../platform/encryption.ts'

// Second factor

/** The user's second factor; the secret decrypted (decision 0020). */
export async function selectTotpState(db: Kysely<DB>, userId: string) {
  const row = await db
    .selectFrom('app_user')
    .select(['totp_secret', 'totp_enabled_at', 'totp_last_step'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow()
  return { ...row, totp_secret: openNullableText(row.totp_secret) }
}

export async function storePendingTotpSecret(db: Kysely<DB>, userId: string, secret: string): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ totp_secret: sealText(secret), totp_enabled_at: null })
    .where('id', '=', userId)
    .execute()
}

/** Records an accepted step; answers false when that step (or a later one) was used already. */
export async function acceptTotpStep(db: Kysely<DB>, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('app_user')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function enableTotp(db: Kysely<DB>, userId: string): Promise<void> {
  await db.updateTable('app_user').set({ totp_enabled_at: sql`now()` }).where('id', '=', userId).execute()
}

export async function disableTotp(db: Kysely<DB>, userId: string): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null })
    .where('id', '=', userId)
    .execute()
  await db.deleteFrom('recovery_code').where('user_id', '=', userId).execute()
}

export async function replaceRecoveryCodes(
  db: Kysely<DB>,
  userId: string,
  districtId: string,
  hashes: string[],
) {
  await db.deleteFrom('recovery_code').where('user_id', '=', userId).execute()
  await db
    .insertInto('recovery_code')
    .values(hashes.map((code_hash) => ({ user_id: userId, district_id: districtId, code_hash })))
    .execute()
}

/** Uses up a recovery code; answers whether it was valid and unused. */
export async function consumeRecoveryCode(
  db: Kysely<DB>,
  userId: string,
  codeHash: string,
): Promise<boolean> {
  const result = await db
    .updateTable('recovery_code')
    .set({ used_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function countUnusedRecoveryCodes(db: Kysely<DB>, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_code')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function selectSecondFactorRoles(
  db: Kysely<DB>,
  districtId: string,
): Promise<string[] | undefined> {
  const row = await db
    .selectFrom('identity_policy')
    .select('second_factor_roles')
    .where('district_id', '=', districtId)
    .executeTakeFirst()
  return row?.second_factor_roles
}

export async function upsertSecondFactorRoles(
  db: Kysely<DB>,
  districtId: string,
  roles: string[],
): Promise<void> {
  await db
    .insertInto('identity_policy')
    .values({ district_id: districtId, second_factor_roles: roles })
    .onConflict((oc) =>
      oc.column('district_id').doUpdateSet({
        second_factor_roles: roles,
        version: sql`identity_policy.version + 1`,
        updated_at: sql`now()`,
      }),
    )
    .execute()
}
