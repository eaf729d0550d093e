import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { stateReportParamsSchema, stateReportSchema } from '../../../../common/state-reports.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import { csvDownloadHeaders } from '../../../platform/csv.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { authorize, ownDistrict } from '../../../platform/policy.ts'
import { getDistrictName } from '../../districts/index.ts'
import { problems } from '../reporting.http.ts'
import { stateReport } from './state-report.service.ts'
import { renderStateReportCsv, renderStateReportXlsx } from './state-report-files.ts'

const tags = ['Reporting: state']

/** The year's report to the state as figures, XLSX and CSV. */
export const stateReportRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database
    const config = { access: 'state-report.export' as const }
    // Whoever may not export learns that before anything about the year asked for.
    const preValidation = async (request: Parameters<typeof actorOf>[0]) => {
      const actor = actorOf(request)
      authorize(actor, 'state-report.export', ownDistrict(actor))
    }
    app.get(
      '/state-reports/:year',
      {
        config,
        preValidation,
        schema: {
          tags,
          summary:
            "A year's figures for the state (KIM monitoring, Sachbericht): complete months, quarters, the year",
          params: stateReportParamsSchema,
          response: { 200: stateReportSchema, ...problems },
        },
      },
      (request) => stateReport(db, actorOf(request), request.params.year, requestContext(request), 'json'),
    )
    app.get(
      '/state-reports/:year.xlsx',
      {
        config,
        preValidation,
        schema: {
          tags,
          summary: 'The same as an XLSX workbook, one sheet per section',
          params: stateReportParamsSchema,
          response: { 200: z.any(), ...problems },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request)
        const report = await stateReport(db, actor, request.params.year, requestContext(request), 'xlsx')
        const workbook = await renderStateReportXlsx(report, await getDistrictName(db, actor.districtId))
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="landesbericht-${report.year}.xlsx"`)
          .header('cache-control', 'no-store')
          .send(workbook)
      },
    )
    app.get(
      '/state-reports/:year.csv',
      {
        config,
        preValidation,
        schema: {
          tags,
          summary: 'The same as CSV (semicolons, UTF-8 with BOM), one line per figure',
          params: stateReportParamsSchema,
          response: { 200: z.any(), ...problems },
        },
      },
      async (request, reply) => {
        const report = await stateReport(
          db,
          actorOf(request),
          request.params.year,
          requestContext(request),
          'csv',
        )
        return reply
          .headers(csvDownloadHeaders('landesbericht', String(report.year)))
          .header('cache-control', 'no-store')
          .send(renderStateReportCsv(report))
      },
    )
  }
