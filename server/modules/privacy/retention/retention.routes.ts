import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  legalHoldByReferenceSchema,
  legalHoldInputSchema,
  legalHoldLiftSchema,
  legalHoldListSchema,
  legalHoldSchema,
  retentionPreviewSchema,
  retentionRulesInputSchema,
  retentionRulesSchema,
} from '../../../../common/privacy-retention.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { ifMatchVersion } from '../../../platform/http.ts'
import { problems, tags } from '../privacy.http.ts'
import { liftHold, listLegalHolds, setLegalHold, setLegalHoldByReference } from './legal-hold.service.ts'
import { getRetentionPreview, getRetentionRules, putRetentionRules } from './retention.service.ts'

/** Retention rules, the preview of the next run, and legal holds. */
export const retentionRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database
    app.get(
      '/retention-rules',
      {
        config: { access: 'retention.manage' },
        schema: {
          tags,
          summary: "The district's retention rules (its own or the defaults); the version goes in If-Match",
          response: { 200: retentionRulesSchema, ...problems },
        },
      },
      async (request, reply) => {
        const rules = await getRetentionRules(db, actorOf(request))
        return reply.header('etag', `"${rules.version}"`).send(rules)
      },
    )
    app.put(
      '/retention-rules',
      {
        config: { access: 'retention.manage' },
        schema: {
          tags,
          summary: 'Save the retention rules (one per kind of record); needs If-Match with the version',
          body: retentionRulesInputSchema,
          response: { 200: retentionRulesSchema, ...problems },
        },
      },
      async (request, reply) => {
        const rules = await putRetentionRules(
          db,
          actorOf(request),
          request.body,
          ifMatchVersion(request),
          requestContext(request),
        )
        return reply.header('etag', `"${rules.version}"`).send(rules)
      },
    )
    app.get(
      '/retention/preview',
      {
        config: { access: 'retention.manage' },
        schema: {
          tags,
          summary: 'What the next retention run would do: counts and references, no personal data',
          response: { 200: retentionPreviewSchema, ...problems },
        },
      },
      (request) => getRetentionPreview(db, actorOf(request), requestContext(request).now),
    )
    app.get(
      '/legal-holds',
      {
        config: { access: 'legal-hold.read' },
        schema: {
          tags,
          summary: "The district's legal holds, active ones first",
          response: { 200: legalHoldListSchema, ...problems },
        },
      },
      async (request) => ({ items: await listLegalHolds(db, actorOf(request)) }),
    )
    app.post(
      '/cases/:caseId/legal-holds',
      {
        config: { access: 'legal-hold.set' },
        schema: {
          tags,
          summary: 'Put a case under legal hold: retention and erasure leave its persons alone',
          params: z.object({ caseId: z.uuid() }),
          body: legalHoldInputSchema,
          response: { 201: legalHoldSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await setLegalHold(
              db,
              actorOf(request),
              request.params.caseId,
              request.body.reason,
              requestContext(request),
            ),
          ),
    )
    app.post(
      '/legal-holds',
      {
        config: { access: 'legal-hold.set' },
        schema: {
          tags,
          summary: "Put a case under legal hold by its file number (as a court's letter names it)",
          body: legalHoldByReferenceSchema,
          response: { 201: legalHoldSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await setLegalHoldByReference(
              db,
              actorOf(request),
              request.body.caseReference,
              request.body.reason,
              requestContext(request),
            ),
          ),
    )
    app.post(
      '/legal-holds/:holdId/lift',
      {
        config: { access: 'legal-hold.lift' },
        schema: {
          tags,
          summary: 'Lift a legal hold, with the reason',
          params: z.object({ holdId: z.uuid() }),
          body: legalHoldLiftSchema,
          response: { 200: legalHoldSchema, ...problems },
        },
      },
      (request) =>
        liftHold(db, actorOf(request), request.params.holdId, request.body.reason, requestContext(request)),
    )
  }
