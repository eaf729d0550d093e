import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { ReportDocument } from './document.ts'
import type { RenderedReport, RenderStep } from './render.ts'
import type { WorkerMessage } from './worker.ts'

/**
 * One long-lived worker thread for report files, started on first use: the fonts and the Typst
 * compiler are loaded once, and reports are typeset one after the other (a committee report is
 * made now and then, not in bursts). The thread does not keep the process alive.
 */

const require = createRequire(import.meta.url)
const tsxApi = pathToFileURL(
  join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs'),
).href
// The sources are TypeScript run through tsx (decision 0001); a worker thread starts without the
// parent's loader, so it registers tsx before importing the worker module.
const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => {
  tsx.register()
  return import(${JSON.stringify(new URL('./worker.ts', import.meta.url).href)})
})`

type Job = {
  resolve: (files: RenderedReport) => void
  reject: (error: Error) => void
  onStep: (step: RenderStep) => void
}

let worker: Worker | undefined
let nextJobId = 1
const jobs = new Map<number, Job>()

function failAll(error: Error): void {
  for (const job of jobs.values()) job.reject(error)
  jobs.clear()
  worker = undefined
}

function started(): Worker {
  if (worker) return worker
  const thread = new Worker(bootstrap, { eval: true })
  thread.unref()
  thread.on('message', (message: WorkerMessage) => {
    const job = jobs.get(message.jobId)
    if (!job) return
    if ('step' in message) job.onStep(message.step)
    else {
      jobs.delete(message.jobId)
      if ('done' in message) job.resolve(message.done)
      else job.reject(new Error(message.failed))
    }
  })
  thread.on('error', (error) => failAll(error))
  thread.on('exit', (code) => failAll(new Error(`report worker stopped (${code})`)))
  worker = thread
  return thread
}

/** Typesets the report in the worker thread; `onStep` follows its progress. */
export function renderInWorker(
  doc: ReportDocument,
  onStep: (step: RenderStep) => void,
): Promise<RenderedReport> {
  const thread = started()
  const jobId = nextJobId++
  return new Promise((resolve, reject) => {
    jobs.set(jobId, { resolve, reject, onStep })
    thread.postMessage({ jobId, doc })
  })
}

/** Ends the worker thread (tests, shutdown); the next report starts a new one. */
export async function stopReportWorker(): Promise<void> {
  const thread = worker
  worker = undefined
  if (thread) await thread.terminate()
}

/** A document with one small chart: typesetting it loads every library and font the worker needs. */
const warmUpDocument: ReportDocument = {
  language: 'de',
  kindLabel: '',
  title: 'Lotse',
  districtName: '',
  headerRows: [],
  notes: [],
  blocks: [
    {
      heading: '',
      paragraphs: ['Lotse'],
      chart: { kind: 'bar', title: '', seriesName: '', categories: ['a'], values: [1], language: 'de' },
    },
  ],
}

/**
 * Starts the worker and lets it typeset a tiny document, so that the first report a committee
 * waits for does not also pay for loading the fonts and the Typst compiler (several seconds).
 * Called where a report is likely to follow: an evaluation made, the reports or templates opened.
 */
export function warmReportWorker(): void {
  if (worker) return
  renderInWorker(warmUpDocument, () => {}).catch(() => {
    // A failed warm-up leaves the real report to start the worker again and report its error.
  })
}
