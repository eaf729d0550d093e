import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { caseloadQuerySchema, caseloadSchema } from '../../../../common/staffing.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { problems } from '../staffing.http.ts'
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
  }
