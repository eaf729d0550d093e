import { z } from 'zod'
import { type Action, actions } from './abilities.ts'
import { singleLineText } from './text.ts'

/**
 * Actions an API token can never be given: managing tokens and webhooks, the whole-district
 * export, and what only belongs to a person's own sign-in session.
 */
export const actionsNeverForTokens: readonly Action[] = [
  'session.own',
  'api-token.manage',
  'webhook.manage',
  'district.export',
]
export const tokenScopes = actions.filter((action) => !actionsNeverForTokens.includes(action))

/** The longest an API token may live, in days. */
export const maxTokenDays = 366

export const apiTokenInputSchema = z.object({
  name: singleLineText().trim().min(1).max(200),
  scopes: z
    .array(z.enum(actions))
    .min(1)
    .max(actions.length)
    .refine((scopes) => new Set(scopes).size === scopes.length, { message: 'duplicate' }),
  /** The last day the token works (inclusive), TT.MM.JJJJ in the UI, ISO date here. */
  expiresOn: z.iso.date(),
})
export type ApiTokenInput = z.infer<typeof apiTokenInputSchema>

export const apiTokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    /** The first characters of the token, so an administrator can tell tokens apart. */
    prefix: z.string(),
    scopes: z.array(z.enum(actions)),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    expiresAt: z.string(),
    /** The last day the token works, in the district's time zone. */
    expiresOn: z.iso.date(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    state: z.enum(['active', 'expired', 'revoked']),
  })
  .meta({ id: 'ApiToken' })
export type ApiToken = z.infer<typeof apiTokenSchema>

/** The answer to creating a token: the only time its value is shown. */
export const createdApiTokenSchema = z
  .object({ token: apiTokenSchema, value: z.string() })
  .meta({ id: 'CreatedApiToken' })
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>

/** What a webhook can be told about. */
export const webhookEventTypes = ['referral.status-changed', 'task.created', 'import.finished'] as const
export type WebhookEventType = (typeof webhookEventTypes)[number]

export const webhookInputSchema = z.object({
  name: singleLineText().trim().min(1).max(200),
  url: singleLineText().trim().min(8).max(2000),
  events: z
    .array(z.enum(webhookEventTypes))
    .min(1)
    .max(webhookEventTypes.length)
    .refine((events) => new Set(events).size === events.length, { message: 'duplicate' }),
  active: z.boolean().default(true),
})
export type WebhookInput = z.infer<typeof webhookInputSchema>

export const webhookSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    url: z.string(),
    events: z.array(z.enum(webhookEventTypes)),
    active: z.boolean(),
    createdAt: z.string(),
    version: z.number().int(),
    pending: z.number().int(),
    failed: z.number().int(),
  })
  .meta({ id: 'Webhook' })
export type Webhook = z.infer<typeof webhookSchema>

/** The answer to creating a webhook: the only time its signing secret is shown. */
export const createdWebhookSchema = z
  .object({ webhook: webhookSchema, secret: z.string() })
  .meta({ id: 'CreatedWebhook' })

export const webhookDeliverySchema = z
  .object({
    id: z.uuid(),
    eventId: z.uuid(),
    eventType: z.enum(webhookEventTypes),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    createdAt: z.string(),
    nextAttemptAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
  })
  .meta({ id: 'WebhookDelivery' })
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>

export const integrationSettingsSchema = z
  .object({ allowPrivateAddresses: z.boolean(), version: z.number().int() })
  .meta({ id: 'IntegrationSettings' })
export type IntegrationSettings = z.infer<typeof integrationSettingsSchema>
export const integrationSettingsInputSchema = z.object({ allowPrivateAddresses: z.boolean() })
