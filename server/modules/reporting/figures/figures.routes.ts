import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { type FiguresQuery, figuresQuerySchema, figuresSchema } from '../../../../common/reporting.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { preferredLanguage } from '../../../platform/language.ts'
import { authorize, ownDistrict } from '../../../platform/policy.ts'
import { problems } from '../reporting.http.ts'
import { figures } from './figures.service.ts'

export const figureRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database
    app.get(
      '/figures',
      {
        config: { access: 'figures.read' },
        // Whoever may not read figures learns that before anything about their query.
        preValidation: async (request) => {
          const actor = actorOf(request)
          authorize(actor, 'figures.read', ownDistrict(actor))
        },
        schema: {
          tags: ['Reporting'],
          summary:
            'One metric over a period, by a dimension, with its total and its comparisons; small cells withheld',
          querystring: figuresQuerySchema,
          response: { 200: figuresSchema, ...problems },
        },
      },
      (request) =>
        figures(
          db,
          actorOf(request),
          request.query as FiguresQuery,
          preferredLanguage(request),
          requestContext(request).now,
        ),
    )
  }
