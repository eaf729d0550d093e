import { parentPort } from 'node:worker_threads'
import type { ReportDocument } from './document.ts'
import { renderReport } from './render.ts'

/**
 * The worker thread that typesets reports: charts, DOCX and PDF are CPU-bound (the Typst compile
 * most of all), so they run here and the server's event loop stays free for everybody else.
 */
export type WorkerRequest = { jobId: number; doc: ReportDocument }
export type WorkerMessage =
  | { jobId: number; step: 'charts' | 'docx' | 'pdf' }
  | { jobId: number; done: { docx: Uint8Array; pdf: Uint8Array } }
  | { jobId: number; failed: string }

const port = parentPort
if (port) {
  port.on('message', async ({ jobId, doc }: WorkerRequest) => {
    const send = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer)
    try {
      const done = await renderReport(doc, (step) => send({ jobId, step }))
      send({ jobId, done }, [done.docx.buffer as ArrayBuffer, done.pdf.buffer as ArrayBuffer])
    } catch (error) {
      send({ jobId, failed: error instanceof Error ? error.message : String(error) })
    }
  })
}
