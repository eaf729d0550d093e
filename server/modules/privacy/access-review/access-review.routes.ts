import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  accessFlagsQuerySchema,
  accessFlagsSchema,
  accessReviewInputSchema,
} from '../../../../common/access-review.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { privacyProblems } from '../disclosure/requests.http.ts'
import { accessFlags, markReviewed } from './access-review.service.ts'

const tags = ['Access review']

/** The data protection officer's review of accesses: flags and marking them reviewed (decision 0021). */
export const accessReviewRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.get(
      '/access-review/flags',
      {
        config: { access: 'access-review.read' },
        schema: {
          tags,
          summary: 'Flagged accesses of a period: break-glass, outside the caseload, unusual hours, exports',
          description:
            "Days and hours are the district's; unusual hours are 20:00 to 06:00 and weekends. At most 92 days at once; each list at most 500 entries.",
          querystring: accessFlagsQuerySchema,
          response: { 200: accessFlagsSchema, ...privacyProblems },
        },
      },
      (request) => accessFlags(db, actorOf(request), request.query, requestContext(request)),
    )

    app.post(
      '/access-review/reviews',
      {
        config: { access: 'access-review.decide' },
        schema: {
          tags,
          summary: 'Mark a flagged access reviewed, with a comment (audited; once per entry)',
          body: accessReviewInputSchema,
          response: { 204: z.null(), ...privacyProblems },
        },
      },
      async (request, reply) => {
        await markReviewed(db, actorOf(request), request.body, requestContext(request))
        return reply.code(204).send(null)
      },
    )
  }
