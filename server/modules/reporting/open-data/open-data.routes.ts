import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  type OpenData,
  openDataParamsSchema,
  openDataSchema,
  openDataSettingInputSchema,
  openDataSettingSchema,
} from '../../../../common/open-data.ts'
import { problemSchema } from '../../../../common/problem.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import { toSpreadsheetCsv } from '../../../platform/csv.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { problems } from '../reporting.http.ts'
import { getOpenDataSetting, openData, putOpenDataSetting } from './open-data.service.ts'
import { fixedWindowLimiter } from './rate-limit.ts'

const tags = ['Reporting: open data']
const publicProblems = { 400: problemSchema, 404: problemSchema, 429: problemSchema }

export function openDataCsv(data: OpenData): string {
  const cell = (value: number | null) => (value === null ? '' : value)
  return toSpreadsheetCsv(
    ['Monat', 'Gemeinde', 'Beratungskontakte', 'Beratene Personen', 'Neue Fälle'],
    data.rows.map((row) => [
      row.month,
      row.municipality ?? 'Kreis insgesamt',
      cell(row.contacts),
      cell(row.personsCounselled),
      cell(row.casesNew),
    ]),
  )
}

/** The public endpoint (unauthenticated, off by default) and the district's switch for it. */
export const openDataRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database
    const limit = fixedWindowLimiter(60, 60_000)
    const publicHeaders = (reply: FastifyReply) =>
      reply
        .header('cache-control', 'public, max-age=3600')
        .header('access-control-allow-origin', '*')
        .header('x-robots-tag', 'noindex')
    const load = (request: FastifyRequest<{ Params: { district: string } }>) => {
      const context = requestContext(request)
      limit(context.clientPseudonym, context.now.getTime())
      return openData(db, request.params.district, context.now)
    }
    app.get(
      '/open-data/:district/monthly.json',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary:
            'Monthly aggregates per municipality of the complete past months, small cells null (404 unless the district publishes)',
          params: openDataParamsSchema,
          response: { 200: openDataSchema, ...publicProblems },
        },
      },
      async (request, reply) => {
        const data = await load(request)
        publicHeaders(reply)
        return data
      },
    )
    app.get(
      '/open-data/:district/monthly.csv',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'The same as CSV (semicolons, UTF-8 with BOM); a withheld cell is empty',
          params: openDataParamsSchema,
          response: { 200: z.any(), ...publicProblems },
        },
      },
      async (request, reply) => {
        const data = await load(request)
        return publicHeaders(reply)
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `inline; filename="${request.params.district}-monatlich.csv"`)
          .send(openDataCsv(data))
      },
    )
    app.get(
      '/open-data-setting',
      {
        config: { access: 'reporting-settings.manage' },
        schema: {
          tags,
          summary: 'Whether the district publishes open data, and where',
          response: { 200: openDataSettingSchema, ...problems },
        },
      },
      (request) => getOpenDataSetting(db, actorOf(request)),
    )
    app.put(
      '/open-data-setting',
      {
        config: { access: 'reporting-settings.manage' },
        schema: {
          tags,
          summary: 'Turn open data on or off',
          body: openDataSettingInputSchema,
          response: { 200: openDataSettingSchema, ...problems },
        },
      },
      (request) => putOpenDataSetting(db, actorOf(request), request.body.enabled, requestContext(request)),
    )
  }
