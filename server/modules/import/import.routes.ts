import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  dryRunSchema,
  importCreateQuerySchema,
  importMappingInputSchema,
  importRowPageSchema,
  importRowsQuerySchema,
  importSchema,
  matchDecisionSchema,
} from '../../../common/import.ts'
import { problemSchema } from '../../../common/problem.ts'
import { actorOf, requestContext } from '../../platform/access.ts'
import type { AppDeps } from '../../platform/deps.ts'
import { preferredLanguage } from '../../platform/language.ts'
import { readUploadedFile, registerUploads } from '../../platform/uploads.ts'
import {
  authorizeImport,
  createImport,
  decideMatch,
  discardImport,
  dryRun,
  errorReport,
  listRows,
  readImport,
  runImport,
  saveMapping,
} from './import.service.ts'

const tags = ['Import']
const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  413: problemSchema,
  415: problemSchema,
  422: problemSchema,
}
const importParams = z.object({ importId: z.uuid() })
const rowParams = importParams.extend({ rowNumber: z.coerce.number().int().min(1).max(10_000_000) })

/** Import of case lists: upload, mapping, preview, dry run, run in batches, error report. */
export const importRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database
    await registerUploads(app, deps, { fileSize: deps.config.importLimitBytes })

    app.post(
      '/imports',
      {
        config: { access: 'import.manage' },
        // Authorised before the body is read: a refused caller never gets the server to take the file.
        preHandler: async (request, reply) => {
          try {
            authorizeImport(actorOf(request))
          } catch (error) {
            reply.header('connection', 'close')
            throw error
          }
        },
        schema: {
          tags,
          summary:
            'Upload a case list or monthly counts (?kind=counts) (multipart/form-data, field "file"; XLSX or CSV)',
          consumes: ['multipart/form-data'],
          querystring: importCreateQuerySchema,
          response: { 201: importSchema, ...problems },
        },
      },
      async (request, reply) => {
        const file = await readUploadedFile(request)
        return reply
          .code(201)
          .send(await createImport(db, actorOf(request), file, requestContext(request), request.query.kind))
      },
    )
    app.get(
      '/imports/:importId',
      {
        config: { access: 'import.manage' },
        schema: {
          tags,
          summary: 'An import: status, totals, headers and mapping',
          params: importParams,
          response: { 200: importSchema, ...problems },
        },
      },
      (request) => readImport(db, actorOf(request), request.params.importId),
    )
    app.delete(
      '/imports/:importId',
      {
        config: { access: 'import.manage' },
        schema: {
          tags,
          summary: 'Discard an import that has not run: its file and staged rows are deleted',
          params: importParams,
          response: { 204: z.null(), ...problems },
        },
      },
      async (request, reply) => {
        await discardImport(db, actorOf(request), request.params.importId, requestContext(request))
        return reply.code(204).send(null)
      },
    )
    app.put(
      '/imports/:importId/mapping',
      {
        config: { access: 'import.manage' },
        schema: {
          tags,
          summary: 'Map columns to fields (and confirm the encoding); checks every row',
          params: importParams,
          body: importMappingInputSchema,
          response: { 200: importSchema, ...problems },
        },
      },
      (request) =>
        saveMapping(db, actorOf(request), request.params.importId, request.body, requestContext(request)),
    )
    app.get(
      '/imports/:importId/rows',
      {
        config: { access: 'import.manage' },
        schema: {
          tags,
          summary: 'The rows with their problems (the preview)',
          params: importParams,
          querystring: importRowsQuerySchema,
          response: { 200: importRowPageSchema, ...problems },
        },
      },
      (request) =>
        listRows(db, actorOf(request), request.params.importId, request.query, requestContext(request)),
    )
    app.put(
      '/imports/:importId/rows/:rowNumber/match',
      {
        config: { access: 'import.manage' },
        schema: {
          tags,
          summary: 'Confirm (same) or reject (other) the suggested existing person of a row',
          params: rowParams,
          body: matchDecisionSchema,
          response: { 200: importSchema, ...problems },
        },
      },
      (request) =>
        decideMatch(
          db,
          actorOf(request),
          request.params.importId,
          request.params.rowNumber,
          request.body.decision,
          requestContext(request),
        ),
    )
    app.post(
      '/imports/:importId/dry-run',
      {
        config: { access: 'import.manage' },
        schema: {
          tags,
          summary: 'What a run would do with every row; stores nothing but the check',
          params: importParams,
          response: { 200: dryRunSchema, ...problems },
        },
      },
      (request) => dryRun(db, actorOf(request), request.params.importId, requestContext(request)),
    )
    app.post(
      '/imports/:importId/run',
      {
        config: { access: 'import.manage' },
        schema: {
          tags,
          summary: 'Run the import in batches; answers with the progress, a second call continues',
          params: importParams,
          response: { 200: importSchema, ...problems },
        },
      },
      (request) => runImport(db, actorOf(request), request.params.importId, requestContext(request)),
    )
    app.get(
      '/imports/:importId/errors.csv',
      {
        config: { access: 'import.manage' },
        schema: {
          tags,
          summary: 'Every row not imported, with its reason (CSV for Excel)',
          params: importParams,
          response: { 200: z.string(), ...problems },
        },
      },
      async (request, reply) => {
        const report = await errorReport(
          db,
          actorOf(request),
          request.params.importId,
          preferredLanguage(request),
          requestContext(request),
        )
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="${report.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(report.fileName)}`,
          )
          .header('cache-control', 'no-store')
          .send(report.content)
      },
    )
  }
