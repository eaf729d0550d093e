import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { steeringOverviewSchema } from '../../../../common/steering.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { problems } from '../steering.http.ts'
import { steeringOverview } from './overview.service.ts'

/** The summary the coordinator's start page reads. */
export const overviewRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database
    app.get(
      '/steering/overview',
      {
        config: { access: 'steering.read' },
        schema: {
          tags: ['Steering: overview'],
          summary:
            "My district's open action items of all meetings, soonest due first, with the overdue count, and its goal agreements by status",
          response: { 200: steeringOverviewSchema, ...problems },
        },
      },
      (request) => steeringOverview(db, actorOf(request), requestContext(request).now),
    )
  }
