import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { erasureRequestSchema, erasureResultSchema } from '../../../../common/privacy-retention.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { problems, tags } from '../privacy.http.ts'
import { erasePersonOnRequest } from './erasure.service.ts'

/** Erasure on request (Art. 17 GDPR). */
export const erasureRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database
    app.post(
      '/persons/:personId/erasure',
      {
        config: { access: 'person.erase' },
        schema: {
          tags,
          summary:
            "Erase a person's data on request: deleted without cases, else anonymised with their cases; refused (409) under legal hold or with an open case",
          params: z.object({ personId: z.uuid() }),
          body: erasureRequestSchema,
          response: { 200: erasureResultSchema, ...problems },
        },
      },
      (request) =>
        erasePersonOnRequest(
          db,
          actorOf(request),
          request.params.personId,
          request.body.reason,
          requestContext(request),
        ),
    )
  }
