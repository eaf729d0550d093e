import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  processingRecordSaveSchema,
  processingRecordVersionSchema,
  processingRecordVersionSummarySchema,
} from '../../../../common/processing-record.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { privacyProblems as problems } from '../disclosure/requests.http.ts'
import {
  listProcessingRecordVersions,
  processingRecordForExport,
  readProcessingRecord,
  saveProcessingRecord,
} from './processing-record.service.ts'
import {
  processingRecordDocument,
  processingRecordDocx,
  processingRecordPdf,
} from './processing-record-document.ts'

type ProcessingRecordDocument = ReturnType<typeof processingRecordDocument>

const tags = ['Record of processing']
const versionQuery = z.object({ version: z.coerce.number().int().min(1).max(1_000_000).optional() })

/** The record of processing activities (Art. 30 GDPR): versions, a new version, DOCX and PDF. */
export const processingRecordRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.get(
      '/processing-record',
      {
        config: { access: 'processing-record.read' },
        schema: {
          tags,
          summary: 'The record of processing activities: the current version, or `version`',
          querystring: versionQuery,
          response: { 200: processingRecordVersionSchema, ...problems },
        },
      },
      (request) => readProcessingRecord(db, actorOf(request), request.query.version),
    )
    app.put(
      '/processing-record',
      {
        config: { access: 'processing-record.manage' },
        schema: {
          tags,
          summary: 'Save a new version (409 when another was saved since `basedOn`)',
          body: processingRecordSaveSchema,
          response: { 200: processingRecordVersionSchema, ...problems },
        },
      },
      (request) => saveProcessingRecord(db, actorOf(request), request.body, requestContext(request)),
    )
    app.get(
      '/processing-record/versions',
      {
        config: { access: 'processing-record.read' },
        schema: {
          tags,
          summary: 'Every saved version, newest first',
          response: { 200: z.array(processingRecordVersionSummarySchema), ...problems },
        },
      },
      (request) => listProcessingRecordVersions(db, actorOf(request)),
    )
    // One route per format: the same version, audited by format, typeset by its writer.
    const formats = [
      {
        extension: 'docx',
        summary: 'The record as a Word document (current version, or `version`)',
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        write: async (document: ProcessingRecordDocument) => processingRecordDocx(document),
      },
      {
        extension: 'pdf',
        summary: 'The record as a PDF (current version, or `version`)',
        contentType: 'application/pdf',
        write: async (document: ProcessingRecordDocument) => Buffer.from(await processingRecordPdf(document)),
      },
    ] as const
    for (const format of formats) {
      app.get(
        `/processing-record.${format.extension}`,
        {
          config: { access: 'processing-record.read' },
          schema: {
            tags,
            summary: format.summary,
            querystring: versionQuery,
            response: { 200: z.any(), ...problems },
          },
        },
        async (request, reply) => {
          const { version, districtName } = await processingRecordForExport(
            db,
            actorOf(request),
            request.query.version,
            format.extension,
            requestContext(request),
          )
          const content = await format.write(processingRecordDocument(version, districtName))
          return reply
            .header('content-type', format.contentType)
            .header(
              'content-disposition',
              `attachment; filename="verarbeitungsverzeichnis-fassung-${version.number}.${format.extension}"`,
            )
            .send(content)
        },
      )
    }
  }
