import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { timelineQuerySchema, timelineSchema } from '../../../../common/staffing.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { problems } from '../staffing.http.ts'
import { staffingTimeline } from './timeline.service.ts'

/** The positions over the coming months, with their contracts and gaps. */
export const timelineRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database
    app.get(
      '/staffing/timeline',
      {
        config: { access: 'staffing.read' },
        schema: {
          tags: ['Staffing: timeline'],
          summary:
            'Every position from today over the coming months (default 24), in stretches of equal coverage',
          querystring: timelineQuerySchema,
          response: { 200: timelineSchema, ...problems },
        },
      },
      (request) => staffingTimeline(db, actorOf(request), request.query.months, requestContext(request)),
    )
  }
