import type { FastifyPluginAsync } from 'fastify'
import type { AppDeps } from '../../platform/deps.ts'
import { consentRoutes } from './consents/consent.routes.ts'
import { directoryRoutes } from './directory/directory.routes.ts'
import { referralRoutes } from './referrals/referral.routes.ts'
import { serviceRoutes } from './services/service.routes.ts'

/** Every route of the network, one plugin per feature folder. */
export const networkRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    await app.register(directoryRoutes(deps))
    await app.register(serviceRoutes(deps))
    await app.register(consentRoutes(deps))
    await app.register(referralRoutes(deps))
  }
