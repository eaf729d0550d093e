import type { FastifyPluginAsync } from 'fastify'
import type { AppDeps } from '../../platform/deps.ts'
import { accessReviewRoutes } from './access-review/access-review.routes.ts'
import { erasureRoutes } from './erasure/erasure.routes.ts'
import { retentionRoutes } from './retention/retention.routes.ts'

/** Every route of the privacy module, one plugin per feature folder. */
export const privacyRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    await app.register(retentionRoutes(deps))
    await app.register(erasureRoutes(deps))
    await app.register(accessReviewRoutes(deps))
  }
