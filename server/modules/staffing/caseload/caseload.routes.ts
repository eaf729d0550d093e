import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { caseloadQuerySchema, caseloadSchema } from '../../../../common/staffing.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { registerListExport } from '../../../platform/list-export.ts'
import { problems } from '../staffing.http.ts'
import { exportCaseload } from './caseload.export.ts'
import { caseload } from './caseload.service.ts'

/** Active cases and contacts per month per case-management FTE, per municipality: aggregates only. */
export const caseloadRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database
    app.get(
      '/staffing/caseload',
      {
        config: { access: 'staffing.read' },
        schema: {
          tags: ['Staffing: caseload'],
          summary: 'Active cases and contacts per case-management FTE, per month and municipality',
          querystring: caseloadQuerySchema,
          response: { 200: caseloadSchema, ...problems },
        },
      },
      (request) => caseload(db, actorOf(request), request.query.months, requestContext(request)),
    )
    registerListExport(app, db, {
      path: '/staffing/caseload/export',
      access: 'staffing.read',
      tags: ['Staffing: caseload'],
      summary: 'The caseload of the last months, by municipality and by team, small counts withheld',
      querystring: caseloadQuerySchema,
      stem: 'fallbelastung',
      build: (request, query, format) => exportCaseload(db, request, query.months, format),
    })
  }
