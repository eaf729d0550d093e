import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { type Kysely, sql } from 'kysely'
import { type Database, openDatabase } from '../server/db/database.ts'
import { migrate } from '../server/db/migrate.ts'
import type { DB } from '../server/db/schema.ts'
import { personDisclosure } from '../server/modules/privacy/disclosure/disclosure.service.ts'
import { disclosurePdf } from '../server/modules/privacy/disclosure/disclosure-document.ts'
import type { RequestContext } from '../server/platform/access.ts'
import type { Actor } from '../server/platform/policy.ts'
import { runWithTenantStore, setTenantDistrict } from '../server/platform/tenant-context.ts'
import { removeDir, tempDir } from '../server/test/lotse-process.ts'
import { districtScale, generateCasework } from './casework-data.ts'
import { type BenchmarkResult, formatNumber, machineDescription, type Stats, summarize } from './harness.ts'

const warmup = 2
const runs = 30
/** Audit entries about persons (10 each) and cases (8 each), as a district collects them over a few years of reads. */
const auditEvents = districtScale.persons * 10 + districtScale.cases * 8
const log = (message: string) => console.log(message)

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now()
  await run()
  return performance.now() - started
}

/** The same rows in plain SQL, without names, presentation or an audit entry: the floor. */
async function rawDisclosure(db: Kysely<DB>, personId: string) {
  const cases = await sql<{
    case_id: string
  }>`SELECT case_id FROM case_person WHERE person_id = ${personId}`.execute(db)
  const ids = cases.rows.map((row) => row.case_id)
  const any = sql`ANY(${ids}::uuid[])`
  await Promise.all([
    sql`SELECT * FROM person WHERE id = ${personId}`.execute(db),
    sql`SELECT * FROM client_case WHERE id = ${any}`.execute(db),
    sql`SELECT * FROM contact WHERE case_id = ${any}`.execute(db),
    sql`SELECT * FROM goal WHERE case_id = ${any}`.execute(db),
    sql`SELECT * FROM measure WHERE case_id = ${any}`.execute(db),
    sql`SELECT * FROM task WHERE case_id = ${any} OR person_id = ${personId}`.execute(db),
    sql`SELECT * FROM audit_event WHERE subject_type IN ('person', 'case') AND subject_id IN (${personId}, ${sql.join(ids.length > 0 ? ids : [personId])})`.execute(
      db,
    ),
  ])
}

/** Access reports at district scale on PGlite: JSON and PDF, against the raw SQL of the same rows. */
export async function runDisclosureDistrictBenchmark(): Promise<BenchmarkResult> {
  const started = performance.now()
  const dir = tempDir('disclosure-district')
  const database: Database = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'pgdata') })
  try {
    await migrate(database)
    const data = await generateCasework(database, districtScale, log)
    const owner = database.ownerDb
    const districtId = data.districtId
    const dpo = await sql<{ id: string }>`
      INSERT INTO app_user (district_id, username, display_name, roles)
      VALUES (${districtId}, 'bench.dpo', 'Bench DPO', ARRAY['dpo']) RETURNING id`.execute(owner)
    const dpoId = dpo.rows[0]?.id as string
    log(`disclosure: ${auditEvents.toLocaleString('en-US')} audit entries`)
    // Outside the hash chain (the bench never verifies it): reads of random persons and cases.
    // Ten reads of every person and eight of every case, spread over three years.
    for (const [table, kind, times] of [
      ['person', 'person', 10],
      ['client_case', 'case', 8],
    ] as const) {
      await sql`
        INSERT INTO audit_event (occurred_at, district_id, actor_id, actor_roles, action, outcome, subject_type,
          subject_id, previous_hash, hash)
        SELECT now() - ((g * 97 + length(r.id::text)) % 1000) * interval '1 day', ${districtId}, ${dpoId},
          ARRAY['case_manager'], ${`${kind}.read`}, 'success', ${kind}, r.id::text, 'bench',
          ${`bench-${kind}-`} || r.id || '-' || g
        FROM ${sql.table(table)} AS r, generate_series(1, ${times}) AS g`.execute(owner)
    }
    await sql`ANALYZE audit_event`.execute(owner)
    const actor: Actor = { userId: dpoId, districtId, organisationId: null, roles: ['dpo'], teamIds: [] }
    const persons = [
      data.personIds[0] as string,
      ...data.personIds.filter((_, index) => index % 2_503 === 7),
    ].slice(0, runs + warmup)
    const detailPerson = await sql<{ person_id: string }>`
      SELECT person_id FROM case_person WHERE case_id = ${data.detailCase.id} LIMIT 1`.execute(owner)
    const request = (iteration: number): RequestContext => ({
      actorId: dpoId,
      actorRoles: ['dpo'],
      districtId,
      requestId: `bench-${iteration}`,
      clientPseudonym: 'bench',
      now: new Date(),
    })
    return await runWithTenantStore(async () => {
      setTenantDistrict(districtId)
      const db = database.db
      const json: number[] = []
      const pdf: number[] = []
      const raw: number[] = []
      for (let iteration = 0; iteration < warmup + runs; iteration++) {
        const personId = persons[iteration % persons.length] as string
        const a = await timed(() => personDisclosure(db, actor, personId, request(iteration)))
        const b = await timed(async () =>
          disclosurePdf(await personDisclosure(db, actor, personId, request(iteration)), 'Europe/Berlin'),
        )
        const c = await timed(() => rawDisclosure(db, personId))
        if (iteration < warmup) continue
        json.push(a)
        pdf.push(b)
        raw.push(c)
      }
      const heavyId = detailPerson.rows[0]?.person_id as string
      const heavy = await personDisclosure(db, actor, heavyId, request(0))
      const heavyPdf = summarize(
        await Promise.all([0, 1, 2].map(() => Promise.resolve(0))).then(async () => {
          const samples: number[] = []
          for (let index = 0; index < 5; index++)
            samples.push(
              await timed(async () =>
                disclosurePdf(await personDisclosure(db, actor, heavyId, request(index)), 'Europe/Berlin'),
              ),
            )
          return samples
        }),
      )
      const heavyRaw = summarize(
        await (async () => {
          const samples: number[] = []
          for (let index = 0; index < 5; index++) samples.push(await timed(() => rawDisclosure(db, heavyId)))
          return samples
        })(),
      )
      const rawStats: Stats = summarize(raw)
      log(
        `disclosure: JSON median ${formatNumber(summarize(json).median)} ms, PDF median ${formatNumber(summarize(pdf).median)} ms, heavy PDF median ${formatNumber(heavyPdf.median)} ms`,
      )
      return {
        name: 'disclosure-district',
        title: 'Access report (Art. 15) at district scale: JSON and PDF',
        description:
          `Machine: ${machineDescription()}. Database: PGlite in the bench process, fresh temporary data directory. ` +
          `District scale (${districtScale.persons.toLocaleString('en-US')} persons, ${districtScale.cases.toLocaleString('en-US')} cases, ` +
          `${districtScale.contacts.toLocaleString('en-US')} contacts) from \`generateCasework\`, plus ` +
          `${auditEvents.toLocaleString('en-US')} audit entries about persons and cases. \`personDisclosure\` as the data ` +
          "protection officer, as the route calls it (authorisation, every module's export, audit lookup, the audit entry " +
          `of the disclosure), ${warmup} warm-up and ${runs} measured persons; the PDF row adds the Typst typesetting. ` +
          'The baseline is the raw SQL of the main rows (person, cases, contacts, plan, tasks, audit) without names.',
        baselineLabel: 'raw SQL',
        rows: [
          {
            label: 'disclosure.json (typical person)',
            unit: 'ms',
            value: summarize(json),
            baseline: rawStats,
          },
          { label: 'disclosure.pdf (typical person)', unit: 'ms', value: summarize(pdf), baseline: rawStats },
          {
            label: `disclosure.pdf (person of the busiest case, ${heavy.contacts.length} contacts, ${heavy.accesses.length} audit entries)`,
            unit: 'ms',
            value: heavyPdf,
            baseline: heavyRaw,
          },
        ],
        notes: [`Generation: ${data.totalSeconds.toFixed(0)} s.`],
        measuredAt: new Date(),
        durationMs: performance.now() - started,
      } satisfies BenchmarkResult
    })
  } finally {
    await database.close()
    removeDir(dir)
  }
}
