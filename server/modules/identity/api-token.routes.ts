import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { apiTokenInputSchema, apiTokenSchema, createdApiTokenSchema } from '../../../common/integration.ts'
import { actorOf, requestContext } from '../../platform/access.ts'
import type { AppDeps } from '../../platform/deps.ts'
import { createApiToken, listApiTokens, revokeToken } from './api-token.service.ts'
import { problems } from './identity.http.ts'

const tags = ['Integrations']
const tokenParams = z.object({ tokenId: z.uuid() })

/** API tokens for integrations: list, create (the value is shown once), revoke. */
export const apiTokenRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.get(
      '/api-tokens',
      {
        config: { access: 'api-token.manage' },
        schema: {
          tags,
          summary: 'API tokens of my district (never their values)',
          response: { 200: z.array(apiTokenSchema), ...problems },
        },
      },
      (request) => listApiTokens(db, actorOf(request), requestContext(request).now),
    )
    app.post(
      '/api-tokens',
      {
        config: { access: 'api-token.manage' },
        schema: {
          tags,
          summary: 'Create an API token; its value is in this answer only',
          body: apiTokenInputSchema,
          response: { 201: createdApiTokenSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await createApiToken(db, actorOf(request), request.body, requestContext(request))),
    )
    app.post(
      '/api-tokens/:tokenId/revoke',
      {
        config: { access: 'api-token.manage' },
        schema: {
          tags,
          summary: 'Revoke an API token (at once, for good)',
          params: tokenParams,
          response: { 200: apiTokenSchema, ...problems },
        },
      },
      (request) => revokeToken(db, actorOf(request), request.params.tokenId, requestContext(request)),
    )
  }
