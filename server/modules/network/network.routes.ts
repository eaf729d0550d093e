import type { FastifyPluginAsync } from 'fastify'
import type { AppDeps } from '../../platform/deps.ts'
import { directoryRoutes } from './directory/directory.routes.ts'
import { serviceRoutes } from './services/service.routes.ts'
import { transitionRoutes } from './transitions/transition.routes.ts'

/** Every route of the network, one plugin per feature folder. */
export const networkRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (app) => {
    await app.register(transitionRoutes(deps))
    await app.register(directoryRoutes(deps))
    await app.register(serviceRoutes(deps))
  }
