import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { problemSchema } from '../../../../common/problem.ts'
import {
  reportInputSchema,
  reportListSchema,
  reportSchema,
  reportTemplateInputSchema,
  reportTemplateListSchema,
  reportTemplateSchema,
  reportTextsInputSchema,
} from '../../../../common/report.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { ifMatchVersion } from '../../../platform/http.ts'
import { problems } from '../reporting.http.ts'
import { normaliseReportBody } from './header-aliases.ts'
import {
  createReport,
  listReports,
  putReportTexts,
  readReport,
  regenerateReport,
  reportFile,
} from './reports.service.ts'
import { createTemplate, listTemplates, putTemplate } from './templates.service.ts'
import { warmReportWorker } from './worker-pool.ts'

const tags = ['Reporting']
const reportParams = z.object({ reportId: z.uuid() })
const withConflict = { ...problems, 409: problemSchema }

const contentTypes = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const

/** A failed generation is logged by its kind only: the documents hold no personal data, but stay quiet. */
const generationLog = (log: FastifyBaseLogger) => (error: unknown) =>
  log.error(
    { err: { type: (error as Error)?.name, message: (error as Error)?.message } },
    'report generation failed',
  )

/** Committee reports and their templates. */
export const reportRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database
    app.get(
      '/report-templates',
      {
        config: { access: 'report.read' },
        schema: {
          tags,
          summary: "The district's report templates",
          response: { 200: reportTemplateListSchema, ...problems },
        },
      },
      async (request) => {
        const templates = await listTemplates(db, actorOf(request))
        warmReportWorker()
        return templates
      },
    )
    app.post(
      '/report-templates',
      {
        config: { access: 'report.manage' },
        schema: {
          tags,
          summary: 'A new report template (400 naming any placeholder that does not exist)',
          body: reportTemplateInputSchema,
          response: { 201: reportTemplateSchema, ...withConflict },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await createTemplate(db, actorOf(request), request.body, requestContext(request))),
    )
    app.put(
      '/report-templates/:templateId',
      {
        config: { access: 'report.manage' },
        schema: {
          tags,
          summary: 'Change a report template; reports made from it keep their copy',
          params: z.object({ templateId: z.uuid() }),
          body: reportTemplateInputSchema,
          response: { 200: reportTemplateSchema, ...withConflict },
        },
      },
      (request) =>
        putTemplate(
          db,
          actorOf(request),
          request.params.templateId,
          ifMatchVersion(request),
          request.body,
          requestContext(request),
        ),
    )
    app.get(
      '/reports',
      {
        config: { access: 'report.read' },
        schema: {
          tags,
          summary: "The district's committee reports, newest first",
          response: { 200: reportListSchema, ...problems },
        },
      },
      async (request) => {
        const reports = await listReports(db, actorOf(request))
        warmReportWorker()
        return reports
      },
    )
    app.post(
      '/reports',
      {
        config: { access: 'report.manage' },
        // Header fields arrive flat or nested, in German or English; one shape is checked.
        preValidation: async (request) => {
          ;(request as { body: unknown }).body = normaliseReportBody(request.body)
        },
        schema: {
          tags,
          summary:
            'A committee report from a frozen evaluation and a template; its files are made in the background',
          body: reportInputSchema,
          response: { 201: reportSchema, ...problems },
        },
      },
      async (request, reply) => {
        const report = await createReport(
          db,
          actorOf(request),
          request.body,
          requestContext(request),
          generationLog(request.log),
        )
        return reply.code(201).send(report)
      },
    )
    app.get(
      '/reports/:reportId',
      {
        config: { access: 'report.read' },
        schema: {
          tags,
          summary: 'A committee report with its texts and the progress of its files',
          params: reportParams,
          response: { 200: reportSchema, ...problems },
        },
      },
      (request) => readReport(db, actorOf(request), request.params.reportId),
    )
    app.put(
      '/reports/:reportId/texts',
      {
        config: { access: 'report.manage' },
        schema: {
          tags,
          summary: 'Edit the title and text blocks; generate again to put the edit into the files',
          params: reportParams,
          body: reportTextsInputSchema,
          response: { 200: reportSchema, ...withConflict },
        },
      },
      (request) =>
        putReportTexts(
          db,
          actorOf(request),
          request.params.reportId,
          ifMatchVersion(request),
          request.body,
          requestContext(request),
        ),
    )
    app.post(
      '/reports/:reportId/generation',
      {
        config: { access: 'report.manage' },
        schema: {
          tags,
          summary:
            'Make the files again from the stored texts (the previous files stay until the new ones are stored)',
          params: reportParams,
          response: { 202: reportSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(202)
          .send(
            await regenerateReport(
              db,
              actorOf(request),
              request.params.reportId,
              requestContext(request),
              generationLog(request.log),
            ),
          ),
    )
    for (const format of ['docx', 'pdf'] as const) {
      app.get(
        `/reports/:reportId.${format}`,
        {
          config: { access: 'report.read' },
          schema: {
            tags,
            summary: `The report as ${format.toUpperCase()}, as stored (waits up to 30 s for files being made; audited)`,
            params: reportParams,
            response: { 200: z.any(), ...withConflict },
          },
        },
        async (request, reply) => {
          const file = await reportFile(
            db,
            actorOf(request),
            request.params.reportId,
            format,
            requestContext(request),
            generationLog(request.log),
          )
          return reply
            .header('content-type', contentTypes[format])
            .header(
              'content-disposition',
              `${format === 'pdf' ? 'inline' : 'attachment'}; filename="${file.fileName}"`,
            )
            .send(file.content)
        },
      )
    }
  }
