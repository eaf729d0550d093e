import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { warningListSchema, warningsQuerySchema } from '../../../../common/staffing.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { registerListExport } from '../../../platform/list-export.ts'
import { problems } from '../staffing.http.ts'
import { exportWarnings } from './warning.export.ts'
import { listWarnings } from './warning.service.ts'

/** Early warnings: contracts ending, vacant or mis-assigned positions, funding ending. */
export const warningRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database
    app.get(
      '/staffing/warnings',
      {
        config: { access: 'staffing.read' },
        schema: {
          tags: ['Staffing: warnings'],
          summary: "Warnings from today (the district's) to the horizon, sorted by date",
          querystring: warningsQuerySchema,
          response: { 200: warningListSchema, ...problems },
        },
      },
      (request) => listWarnings(db, actorOf(request), request.query.horizonMonths, requestContext(request)),
    )
    registerListExport(app, db, {
      path: '/staffing/warnings/export',
      access: 'staffing.read',
      tags: ['Staffing: warnings'],
      summary: 'The early warnings up to the chosen horizon, as listed',
      querystring: warningsQuerySchema,
      stem: 'fruehwarnungen',
      build: (request, query, format) => exportWarnings(db, request, query.horizonMonths, format),
    })
  }
