import path from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import type { FastifyInstance } from 'fastify'
import type { Report } from '../common/report.ts'
import type { Evaluation } from '../common/reporting.ts'
import { buildApp } from '../server/app.ts'
import { openDatabase } from '../server/db/database.ts'
import { migrate } from '../server/db/migrate.ts'
import { seedDemo } from '../server/db/seed/demo.ts'
import { reportDocument } from '../server/modules/reporting/reports/document.ts'
import { fixtureSource } from '../server/modules/reporting/reports/fixtures.ts'
import { renderReport } from '../server/modules/reporting/reports/render.ts'
import { stopReportWorker } from '../server/modules/reporting/reports/worker-pool.ts'
import { loadConfig } from '../server/platform/config.ts'
import { removeDir, tempDir } from '../server/test/lotse-process.ts'
import { type BenchmarkResult, machineDescription, type ResultRow, summarize } from './harness.ts'

/**
 * The committee report on the demo district (Rhein-Sieg, March–April 2026): from `POST /api/reports`
 * until the PDF download answers (the download waits for the files), through the API in the bench
 * process. Beside it, the same typesetting called directly on the main thread. While each runs, a
 * timer measures how long the event loop is held up: the worker thread is there to keep it free.
 */

const warmup = 1
const runs = Number(process.env.LOTSE_BENCH_REPORT_RUNS ?? 10)
const password = 'bench horse battery staple'

async function signIn(app: FastifyInstance) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'koordination', password },
  })
  const cookie = response.cookies.map((c) => `${c.name}=${c.value}`).join('; ')
  const csrf = (response.json() as { csrfToken: string }).csrfToken
  return (method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, payload, headers: { cookie, 'x-csrf-token': csrf } })
}

type Sample = { ms: number; busyMs: number; loopMaxMs: number }

/** Runs `work` while watching the event loop: the time, how long the main thread was busy, its longest stall. */
async function timed(work: () => Promise<void>): Promise<Sample> {
  const histogram = monitorEventLoopDelay({ resolution: 10 })
  histogram.enable()
  const utilisation = performance.eventLoopUtilization()
  const started = performance.now()
  await work()
  const ms = performance.now() - started
  // A loop held up to the end reports its delay only when the sampling timer fires again.
  const busyMs = performance.eventLoopUtilization(utilisation).active
  await new Promise((resolve) => setTimeout(resolve, 50))
  histogram.disable()
  return { ms, busyMs, loopMaxMs: histogram.max / 1e6 }
}

export async function runReportBenchmark(): Promise<BenchmarkResult> {
  const measuredAt = new Date()
  const started = performance.now()
  const dir = tempDir('report-bench')
  const database = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'pgdata') })
  let app: FastifyInstance | undefined
  try {
    await migrate(database)
    await seedDemo(database, { password, caseWork: true })
    app = await buildApp(
      {
        config: loadConfig({ LOTSE_LOG_LEVEL: 'silent', NODE_ENV: 'test' }, process.cwd()),
        database,
        version: 'bench',
      },
      { serveWeb: false },
    )
    await app.ready()
    const request = await signIn(app)
    const evaluation = (
      await request('POST', '/api/evaluations', { name: 'Bench', from: '2026-03-01', to: '2026-04-30' })
    ).json() as Evaluation
    const header = { committee: 'Ausschuss für Soziales und Integration', sessionDate: '2026-05-20' }

    const throughApi: Sample[] = []
    let firstMs = 0
    for (let iteration = 0; iteration < warmup + runs; iteration++) {
      const sample = await timed(async () => {
        const report = (
          await request('POST', '/api/reports', { evaluationId: evaluation.id, header })
        ).json() as Report
        const pdf = await request('GET', `/api/reports/${report.id}.pdf`)
        if (pdf.statusCode !== 200) throw new Error(`PDF answered ${pdf.statusCode}`)
      })
      if (iteration === 0) firstMs = sample.ms
      if (iteration >= warmup) throughApi.push(sample)
      console.log(
        `report via API ${iteration + 1}: ${sample.ms.toFixed(0)} ms, busy ${sample.busyMs.toFixed(0)} ms, stall ${sample.loopMaxMs.toFixed(0)} ms`,
      )
    }
    const doc = reportDocument(fixtureSource())
    const direct: Sample[] = []
    for (let iteration = 0; iteration < warmup + runs; iteration++) {
      const sample = await timed(async () => {
        await renderReport(doc)
      })
      if (iteration >= warmup) direct.push(sample)
    }
    const rows: ResultRow[] = [
      {
        label: 'POST /api/reports until the PDF is served',
        unit: 'ms',
        value: summarize(throughApi.map((sample) => sample.ms)),
        baseline: summarize(direct.map((sample) => sample.ms)),
      },
      {
        label: 'main thread busy meanwhile',
        unit: 'ms',
        value: summarize(throughApi.map((sample) => sample.busyMs)),
        baseline: summarize(direct.map((sample) => sample.busyMs)),
      },
      {
        label: 'longest event-loop stall meanwhile',
        unit: 'ms',
        value: summarize(throughApi.map((sample) => sample.loopMaxMs)),
        baseline: summarize(direct.map((sample) => sample.loopMaxMs)),
      },
    ]
    return {
      name: 'report',
      title: 'Committee report generation (`report`)',
      description:
        'In the bench process on PGlite with the demo data (Rhein-Sieg, demo case work): the March–April 2026 evaluation is frozen once; ' +
        'each iteration posts a report (Mitteilungsvorlage, three charts) and downloads its PDF, which waits for the worker thread to ' +
        'store both files (charts as SVG and PNG, DOCX, PDF through Typst). The baseline typesets a report of the same shape directly ' +
        'on the main thread without database or API. The second row is how long the main thread was busy meanwhile ' +
        '(`performance.eventLoopUtilization`): with the worker only the database work (PGlite runs on the main thread) ' +
        'and the API stay there. The third is the longest stall of the event loop (`monitorEventLoopDelay`, 10 ms ' +
        'resolution); Typst yields between steps, so even on the main thread no single stall is long, but the total is.',
      baselineLabel: 'same typesetting on the main thread',
      rows,
      notes: [
        `First report right after the evaluation was made (which starts the worker and typesets a small document to load ` +
          `the fonts and the Typst compiler; discarded as warm-up): ${firstMs.toFixed(0)} ms.`,
        `${machineDescription()}; target: under 3 s.`,
      ],
      measuredAt,
      durationMs: performance.now() - started,
    }
  } finally {
    await app?.close()
    await stopReportWorker()
    await database.close()
    removeDir(dir)
  }
}
