import type { FastifyPluginAsync } from 'fastify'
import type { AppDeps } from '../../platform/deps.ts'
import { accountRoutes } from './account.routes.ts'
import { apiTokenRoutes } from './api-token.routes.ts'
import { authRoutes } from './auth.routes.ts'
import { organisationRoutes } from './organisation.routes.ts'
import type { IdentityContext } from './session.service.ts'
import { ssoRoutes } from './sso.routes.ts'
import { userRoutes } from './user.routes.ts'

export { sessionCookieName } from './identity.http.ts'

/** Every route of the identity module. */
export const identityRoutes =
  (deps: AppDeps, identity: IdentityContext): FastifyPluginAsync =>
  async (instance) => {
    await instance.register(authRoutes(deps, identity))
    await instance.register(accountRoutes(deps, identity))
    await instance.register(userRoutes(deps))
    await instance.register(organisationRoutes(deps))
    await instance.register(ssoRoutes(deps, identity))
    await instance.register(apiTokenRoutes(deps))
  }
