import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { useDemoData } from '../../../test/auth.ts'
import { databaseKinds, useTestDatabase } from '../../../test/database.ts'
import { matchKeys, matchKeyVersion, nameCodes } from '../matching/index.ts'
import { refreshStaleMatchKeys } from './person.service.ts'

describe.each(databaseKinds)('refreshing stored match keys on %s', (kind) => {
  const ctx = useTestDatabase(kind)
  useDemoData(ctx, { caseWork: true })
  let persons = 0

  beforeAll(async () => {
    const row = await sql<{ n: number }>`SELECT count(*)::int AS n FROM person`.execute(ctx.database.ownerDb)
    persons = row.rows[0]?.n ?? 0
  })

  const storedVersion = async () =>
    (
      await ctx.database.ownerDb
        .selectFrom('matching_key_version')
        .select('version')
        .executeTakeFirstOrThrow()
    ).version

  const expectKeysCurrent = async () => {
    const rows = await ctx.database.ownerDb.selectFrom('person').selectAll().execute()
    const keys = await ctx.database.ownerDb.selectFrom('person_match_key').selectAll().execute()
    const byPerson = new Map<string, string[]>()
    for (const key of keys) byPerson.set(key.person_id, [...(byPerson.get(key.person_id) ?? []), key.key])
    for (const row of rows) {
      const name = {
        familyName: row.family_name,
        givenNames: row.given_names,
        otherSpellings: [...row.other_spellings, ...(row.birth_name ? [row.birth_name] : [])],
      }
      expect([...row.name_codes].sort()).toEqual(nameCodes(name))
      expect((byPerson.get(row.id) ?? []).sort()).toEqual(row.merged_into ? [] : matchKeys(name))
    }
    // Each case carries the codes of all its persons, which the one-word search reads.
    const codesOfPerson = new Map(rows.map((row) => [row.id, row.name_codes]))
    const links = await ctx.database.ownerDb.selectFrom('case_person').selectAll().execute()
    const cases = await ctx.database.ownerDb.selectFrom('client_case').select(['id', 'name_codes']).execute()
    expect(cases.length).toBeGreaterThan(10)
    for (const kase of cases) {
      const expected = new Set(
        links
          .filter((link) => link.case_id === kase.id)
          .flatMap((link) => codesOfPerson.get(link.person_id) ?? []),
      )
      expect([...kase.name_codes].sort()).toEqual([...expected].sort())
    }
  }

  it('recomputes every person of every district when the keys come from older rules', async () => {
    expect(persons).toBeGreaterThan(100)
    await ctx.database.ownerDb.updateTable('matching_key_version').set({ version: 1 }).execute()
    await ctx.database.ownerDb.deleteFrom('person_match_key').execute()
    await ctx.database.ownerDb.updateTable('person').set({ name_codes: [] }).execute()
    await ctx.database.ownerDb.updateTable('client_case').set({ name_codes: [] }).execute()
    expect(await refreshStaleMatchKeys(ctx.database.ownerDb)).toBe(persons)
    expect(await storedVersion()).toBe(matchKeyVersion)
    await expectKeysCurrent()
  })

  it('leaves current keys alone', async () => {
    const one = await ctx.database.ownerDb
      .selectFrom('person_match_key')
      .selectAll()
      .executeTakeFirstOrThrow()
    await ctx.database.ownerDb
      .deleteFrom('person_match_key')
      .where('person_id', '=', one.person_id)
      .where('key', '=', one.key)
      .execute()
    expect(await refreshStaleMatchKeys(ctx.database.ownerDb)).toBe(0)
    const left = await ctx.database.ownerDb
      .selectFrom('person_match_key')
      .select('key')
      .where('person_id', '=', one.person_id)
      .where('key', '=', one.key)
      .execute()
    expect(left).toEqual([])
  })

  it('recomputes once when several servers start together', async () => {
    await ctx.database.ownerDb.updateTable('matching_key_version').set({ version: 0 }).execute()
    const counts = await Promise.all([
      refreshStaleMatchKeys(ctx.database.ownerDb),
      refreshStaleMatchKeys(ctx.database.ownerDb),
    ])
    expect(counts.sort((a, b) => a - b)).toEqual([0, persons])
    await expectKeysCurrent()
  })
})
