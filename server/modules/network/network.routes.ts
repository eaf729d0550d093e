import type { FastifyPluginAsync } from 'fastify'
import type { AppDeps } from '../../platform/deps.ts'
import { conferenceRoutes } from './conferences/conference.routes.ts'
import { consentRoutes } from './consents/consent.routes.ts'
import { validConsentFor } from './consents/consent.service.ts'
import { directoryRoutes } from './directory/directory.routes.ts'
import { referralRoutes } from './referrals/referral.routes.ts'
import { serviceRoutes } from './services/service.routes.ts'
import { transitionRoutes } from './transitions/transition.routes.ts'

/** Every route of the network, one plugin per feature folder. */
export const networkRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    await app.register(transitionRoutes(deps))
    await app.register(directoryRoutes(deps))
    await app.register(serviceRoutes(deps))
    await app.register(consentRoutes(deps))
    await app.register(referralRoutes(deps))
    // Conferences ask the consent ledger the same question referrals ask.
    await app.register(conferenceRoutes(deps, validConsentFor))
  }
