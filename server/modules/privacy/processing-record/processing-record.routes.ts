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
    app.get(
      '/processing-record.docx',
      {
        config: { access: 'processing-record.read' },
        schema: {
          tags,
          summary: 'The record as a Word document (current version, or `version`)',
          querystring: versionQuery,
          response: { 200: z.any(), ...problems },
        },
      },
      async (request, reply) => {
        const { version, districtName } = await processingRecordForExport(
          db,
          actorOf(request),
          request.query.version,
          'docx',
          requestContext(request),
        )
        const content = await processingRecordDocx(processingRecordDocument(version, districtName))
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
          .header(
            'content-disposition',
            `attachment; filename="verarbeitungsverzeichnis-fassung-${version.number}.docx"`,
          )
          .send(content)
      },
    )
    app.get(
      '/processing-record.pdf',
      {
        config: { access: 'processing-record.read' },
        schema: {
          tags,
          summary: 'The record as a PDF (current version, or `version`)',
          querystring: versionQuery,
          response: { 200: z.any(), ...problems },
        },
      },
      async (request, reply) => {
        const { version, districtName } = await processingRecordForExport(
          db,
          actorOf(request),
          request.query.version,
          'pdf',
          requestContext(request),
        )
        const content = await processingRecordPdf(processingRecordDocument(version, districtName))
        return reply
          .header('content-type', 'application/pdf')
          .header(
            'content-disposition',
            `attachment; filename="verarbeitungsverzeichnis-fassung-${version.number}.pdf"`,
          )
          .send(Buffer.from(content))
      },
    )
  }
