import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { breakGlassGrantSchema, breakGlassInputSchema } from '../../../../common/access-review.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { caseParams, problems, tags } from '../casework.http.ts'
import { breakGlass } from './break-glass.service.ts'

/** Break-glass: opening a case outside one's caseload with a stated reason (decision 0021). */
export const breakGlassRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.post(
      '/cases/:caseId/break-glass',
      {
        config: { access: 'case.break-glass' },
        schema: {
          tags,
          summary: 'Open a case outside my caseload, stating a reason (audited, flagged for review)',
          description:
            "For case managers only. Grants reading the case until the end of the district's day; refused with 403 for a case already in the caseload.",
          params: caseParams,
          body: breakGlassInputSchema,
          response: { 201: breakGlassGrantSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await breakGlass(
              db,
              actorOf(request),
              request.params.caseId,
              request.body,
              requestContext(request),
            ),
          ),
    )
  }
