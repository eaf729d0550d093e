// The one-word case search before and after migration 0042, on kept bench databases.
//   node --import tsx bench/one-word.bench.ts generate district pglite /tmp/one-word/district
//   node --import tsx bench/one-word.bench.ts generate district pg lotse_bench_one_word_district
//   LOTSE_BENCH_ONE_WORD=/tmp/one-word/district.json,… node --import tsx bench/run.ts one-word
// `generate` makes the data of casework-district/-state (generateCasework) in a database that is
// kept, and writes beside it the 20 words of the casework bench's scenario (f) as JSON.
import { writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { type Kysely, sql } from 'kysely'
import pg from 'pg'
import { type Database, openDatabase } from '../server/db/database.ts'
import { migrate } from '../server/db/migrate.ts'
import type { DB } from '../server/db/schema.ts'
import { listCases } from '../server/modules/casework/cases/case.service.ts'
import { wordCodes } from '../server/modules/casework/matching/index.ts'
import { scoredCandidates } from '../server/modules/casework/persons/person.service.ts'
import type { Actor } from '../server/platform/policy.ts'
import { runWithTenantStore, setTenantDistrict } from '../server/platform/tenant-context.ts'
import { installTestKeyring } from '../server/test/encryption-key.ts'
import { deriveSyntheticQueries } from '../server/testdata/names/index.ts'
import { districtScale, generateCasework, stateScale } from './casework-data.ts'
import { type BenchmarkResult, machineDescription, type ResultRow, summarize } from './harness.ts'

type Kept = {
  kind: 'pglite' | 'pg'
  target: string
  scale: string
  districtId: string
  teamId: string
  leadId: string
  words: string[]
}

const serverUrl = (database: string) => `postgresql://postgres@127.0.0.1:5432/${database}`
const open = (kept: Pick<Kept, 'kind' | 'target'>): Promise<Database> =>
  kept.kind === 'pg'
    ? openDatabase({ kind: 'postgresql', url: serverUrl(kept.target) })
    : openDatabase({ kind: 'pglite', dataDir: kept.target })

async function generate(scaleName: string, kind: 'pglite' | 'pg', target: string) {
  const scale = scaleName === 'state' ? stateScale : districtScale
  if (kind === 'pg') {
    const admin = new pg.Client({ connectionString: serverUrl('postgres') })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${target}`)
    await admin.end()
  }
  const database = await open({ kind, target })
  await migrate(database)
  const data = await generateCasework(database, scale, console.log)
  const team = data.teams[0] as (typeof data.teams)[number]
  // The words of casework's scenario (f): the family names of full names in another spelling of
  // persons with a case in the team, for which the matcher finds someone.
  const indexOfId = new Map(data.personIds.map((id, index) => [id, index]))
  const teamPersons = new Set<number>()
  const rows = await sql<{ person_id: string }>`SELECT DISTINCT cp.person_id FROM case_person cp
    JOIN client_case c ON c.id = cp.case_id WHERE c.team_id = ${team.id}`.execute(database.ownerDb)
  for (const row of rows.rows) {
    const index = indexOfId.get(row.person_id)
    if (index !== undefined) teamPersons.add(index)
  }
  const words: string[] = []
  await runWithTenantStore(async () => {
    setTenantDistrict(data.districtId)
    for (const candidate of deriveSyntheticQueries(data.persons, 20_000, 7)) {
      if (words.length === 20) break
      if (!teamPersons.has(candidate.personIndex)) continue
      const tokens = `${candidate.query.givenNames} ${candidate.query.familyName}`
        .split(/\s+/)
        .filter(Boolean)
      if (tokens.length < 2) continue
      const query = {
        familyName: tokens.at(-1) as string,
        givenNames: tokens.slice(0, -1).join(' '),
        birthDate: null,
      }
      if ((await scoredCandidates(database.db, data.districtId, query, 0.5)).length > 0)
        words.push(query.familyName)
    }
  })
  const kept: Kept = {
    kind,
    target,
    scale: scale.name,
    districtId: data.districtId,
    teamId: team.id,
    leadId: team.leadId,
    words,
  }
  writeFileSync(`${kind === 'pg' ? `/tmp/${target}` : target}.json`, JSON.stringify(kept, null, 1))
  await database.close()
}

const pageOf = (db: Kysely<DB>, kept: Kept, word: string, after: boolean) => {
  const codes = wordCodes(word)
  const byWord = after
    ? sql`c.id IN (SELECT n.case_id FROM case_name_code n WHERE n.district_id = ${kept.districtId}
        AND n.code = ANY (${codes}::text[]) AND n.team_id = ${kept.teamId})`
    : sql`c.name_codes && ${codes}::text[]`
  return sql<{ id: string; total: number }>`SELECT * FROM (
      SELECT c.id, c.last_contact_at, c.reference, count(*) OVER () AS total FROM client_case c
      WHERE c.district_id = ${kept.districtId} AND c.team_id = ${kept.teamId} AND ${byWord}) c
    ORDER BY c.last_contact_at DESC NULLS LAST, c.reference DESC LIMIT 50`.execute(db)
}

const warmup = 5
const runs = 200

export async function runOneWordBenchmark(): Promise<BenchmarkResult | null> {
  const files = process.env.LOTSE_BENCH_ONE_WORD?.split(',').filter(Boolean) ?? []
  if (files.length === 0) {
    console.log(
      'one-word: skipped, LOTSE_BENCH_ONE_WORD names no kept database (see bench/one-word.bench.ts)',
    )
    return null
  }
  installTestKeyring()
  const started = performance.now()
  const rows: ResultRow[] = []
  const notes: string[] = []
  for (const file of files) {
    const kept = JSON.parse(await readFile(file, 'utf8')) as Kept
    const database = await open(kept)
    const where = `${kept.scale}, ${kept.kind === 'pg' ? 'PostgreSQL' : 'PGlite'}`
    try {
      await migrate(database)
      const lead: Actor = {
        userId: kept.leadId,
        districtId: kept.districtId,
        organisationId: null,
        roles: ['team_lead'],
        teamIds: [kept.teamId],
      }
      const request = (iteration: number) => ({
        actorId: kept.leadId,
        actorRoles: lead.roles,
        districtId: kept.districtId,
        requestId: `bench-one-word-${iteration}`,
        now: new Date(),
        clientPseudonym: 'bench',
      })
      const query = (word: string) => ({
        limit: 50,
        offset: 0,
        sort: 'last-contact' as const,
        direction: 'desc' as const,
        q: word,
      })
      await runWithTenantStore(async () => {
        setTenantDistrict(kept.districtId)
        const totals: number[] = []
        for (const word of kept.words) {
          const [before, after, service] = [
            (await pageOf(database.db, kept, word, false)).rows,
            (await pageOf(database.db, kept, word, true)).rows,
            await listCases(database.db, lead, query(word), request(0)),
          ]
          const ids = JSON.stringify(before)
          if (
            ids !== JSON.stringify(after) ||
            JSON.stringify(service.items.map((item) => item.id)) !==
              JSON.stringify(before.map((row) => row.id))
          )
            throw new Error(`one-word: "${word}" answers another page after migration 0042`)
          totals.push(Number(before[0]?.total ?? 0))
        }
        const samples = { before: [] as number[], after: [] as number[], service: [] as number[] }
        for (let iteration = 0; iteration < warmup + runs; iteration++) {
          const word = kept.words[iteration % kept.words.length] as string
          const steps: [keyof typeof samples, () => Promise<unknown>][] = [
            ['before', () => pageOf(database.db, kept, word, false)],
            ['after', () => pageOf(database.db, kept, word, true)],
            ['service', () => listCases(database.db, lead, query(word), request(iteration))],
          ]
          if (iteration % 2 === 1) steps.reverse()
          for (const [key, run] of steps) {
            const at = performance.now()
            await run()
            if (iteration >= warmup) samples[key].push(performance.now() - at)
          }
        }
        const before = summarize(samples.before)
        rows.push({
          label: `(f) page statement, ${where}: case_name_code vs. name_codes &&`,
          unit: 'ms',
          value: summarize(samples.after),
          baseline: before,
        })
        rows.push({
          label: `(f) listCases (after) vs. the former page statement alone, ${where}`,
          unit: 'ms',
          value: summarize(samples.service),
          baseline: before,
        })
        notes.push(
          `${where}: ${kept.words.length} words (${kept.words.join(', ')}), ${totals.join(', ')} cases of the team each; ` +
            'every word answered the same page and total in both shapes and through listCases.',
        )
      })
    } finally {
      await database.close()
    }
  }
  return {
    name: 'one-word',
    title: 'One-word case search before and after migration 0042',
    description:
      `Machine: ${machineDescription()}. Databases kept from \`node --import tsx bench/one-word.bench.ts generate …\` ` +
      '(the data of casework-district and casework-state, `generateCasework`), then migrated. As the team lead of ' +
      'the first team, the application role with the district set for row-level security: the page statement of ' +
      'scenario (f) in the former shape (`client_case.name_codes && codes`, which under row-level security cannot ' +
      'use its GIN index because the array overlap is not leakproof) and in the new one (case_name_code, btree on ' +
      `district, code, team, case), alternating, and \`listCases\` as the route calls it (audit entry included), ${warmup} ` +
      `warm-up and ${runs} measured calls each, the order flipping every iteration. The baseline is the former statement.`,
    baselineLabel: 'former statement',
    rows,
    notes,
    measuredAt: new Date(),
    durationMs: performance.now() - started,
  }
}

if (process.argv[2] === 'generate') {
  installTestKeyring()
  await generate(process.argv[3] as string, process.argv[4] as 'pglite' | 'pg', process.argv[5] as string)
}
