import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  createdWebhookSchema,
  integrationSettingsInputSchema,
  integrationSettingsSchema,
  webhookDeliverySchema,
  webhookInputSchema,
  webhookSchema,
} from '../../../common/integration.ts'
import { problemSchema } from '../../../common/problem.ts'
import { actorOf, requestContext } from '../../platform/access.ts'
import type { AppDeps } from '../../platform/deps.ts'
import { ifMatchVersion } from '../../platform/http.ts'
import {
  changeIntegrationSettings,
  changeWebhook,
  createWebhook,
  listDeliveries,
  listWebhooks,
  readIntegrationSettings,
  removeWebhook,
} from './webhook.service.ts'

const tags = ['Integrations']
const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  428: problemSchema,
}
const webhookParams = z.object({ webhookId: z.uuid() })

/** Webhooks, their delivery log and the district's integration settings. */
export const webhookRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.get(
      '/webhooks',
      {
        config: { access: 'webhook.manage' },
        schema: {
          tags,
          summary: 'Webhooks of my district',
          response: { 200: z.array(webhookSchema), ...problems },
        },
      },
      (request) => listWebhooks(db, actorOf(request)),
    )
    app.post(
      '/webhooks',
      {
        config: { access: 'webhook.manage' },
        schema: {
          tags,
          summary: 'Create a webhook; its signing secret is in this answer only',
          body: webhookInputSchema,
          response: { 201: createdWebhookSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await createWebhook(db, actorOf(request), request.body, requestContext(request))),
    )
    app.put(
      '/webhooks/:webhookId',
      {
        config: { access: 'webhook.manage' },
        schema: {
          tags,
          summary: 'Change a webhook (If-Match: its version)',
          params: webhookParams,
          body: webhookInputSchema,
          response: { 200: webhookSchema, ...problems },
        },
      },
      (request) =>
        changeWebhook(
          db,
          actorOf(request),
          request.params.webhookId,
          ifMatchVersion(request),
          request.body,
          requestContext(request),
        ),
    )
    app.delete(
      '/webhooks/:webhookId',
      {
        config: { access: 'webhook.manage' },
        schema: {
          tags,
          summary: 'Delete a webhook and its deliveries',
          params: webhookParams,
          response: { 204: z.null(), ...problems },
        },
      },
      async (request, reply) => {
        await removeWebhook(db, actorOf(request), request.params.webhookId, requestContext(request))
        return reply.code(204).send(null)
      },
    )
    app.get(
      '/webhooks/:webhookId/deliveries',
      {
        config: { access: 'webhook.manage' },
        schema: {
          tags,
          summary: 'The delivery log of a webhook, newest first',
          params: webhookParams,
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
          response: { 200: z.array(webhookDeliverySchema), ...problems },
        },
      },
      (request) => listDeliveries(db, actorOf(request), request.params.webhookId, request.query.limit),
    )
    app.get(
      '/integration-settings',
      {
        config: { access: 'webhook.manage' },
        schema: {
          tags,
          summary: 'Integration settings of my district',
          response: { 200: integrationSettingsSchema, ...problems },
        },
      },
      (request) => readIntegrationSettings(db, actorOf(request)),
    )
    app.put(
      '/integration-settings',
      {
        config: { access: 'webhook.manage' },
        schema: {
          tags,
          summary: 'Change the integration settings (If-Match: their version, 0 before the first save)',
          body: integrationSettingsInputSchema,
          response: { 200: integrationSettingsSchema, ...problems },
        },
      },
      (request) =>
        changeIntegrationSettings(
          db,
          actorOf(request),
          ifMatchVersion(request),
          request.body,
          requestContext(request),
        ),
    )
  }
