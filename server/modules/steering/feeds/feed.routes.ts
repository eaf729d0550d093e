import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  calendarLanguageSchema,
  feedTokenCreatedSchema,
  feedTokenStateSchema,
} from '../../../../common/steering.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { problems } from '../steering.http.ts'
import { calendarForToken, createFeedToken, feedTokenState, revokeFeedToken } from './feed.service.ts'

const tags = ['Steering: bodies']
const bodyParams = z.object({ bodyId: z.uuid() })

/** Subscribable calendar feeds: a secret token per user and body, and the feed it opens. */
export const feedRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.get(
      '/bodies/:bodyId/feed-token',
      {
        config: { access: 'steering.read' },
        schema: {
          tags,
          summary: 'Whether I have a calendar feed token for the body (never the token itself)',
          params: bodyParams,
          response: { 200: feedTokenStateSchema, ...problems },
        },
      },
      (request) => feedTokenState(db, actorOf(request), request.params.bodyId),
    )
    app.post(
      '/bodies/:bodyId/feed-token',
      {
        config: { access: 'steering.read' },
        schema: {
          tags,
          summary:
            'Make my secret feed token for the body (replacing the old one); shown only in this answer',
          params: bodyParams,
          response: { 201: feedTokenCreatedSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await createFeedToken(db, actorOf(request), request.params.bodyId, requestContext(request))),
    )
    app.delete(
      '/bodies/:bodyId/feed-token',
      {
        config: { access: 'steering.read' },
        schema: {
          tags,
          summary: 'Revoke my feed token for the body: the feed stops answering at once',
          params: bodyParams,
          response: { 200: feedTokenStateSchema, ...problems },
        },
      },
      (request) => revokeFeedToken(db, actorOf(request), request.params.bodyId, requestContext(request)),
    )
    app.get(
      '/bodies/:bodyId/feed.ics',
      {
        // No session: a calendar program sends the token. The token decides, in the service.
        config: { access: 'public' },
        schema: {
          tags,
          summary:
            "The body's meetings as an iCalendar feed for a calendar program, opened by a feed token instead of a session (404 for any token that does not open it)",
          params: bodyParams,
          querystring: z.object({
            token: z.string().max(200).optional().describe('The feed token (kept out of the logs)'),
            language: calendarLanguageSchema,
          }),
          response: { 200: z.any(), ...problems },
        },
      },
      async (request, reply) => {
        const calendar = await calendarForToken(
          db,
          request.params.bodyId,
          request.query.token,
          requestContext(request),
          request.query.language,
        )
        return reply
          .header('content-type', 'text/calendar; charset=utf-8')
          .header('content-disposition', `inline; filename="${calendar.fileName}"`)
          .header('cache-control', 'private, no-store')
          .send(calendar.content)
      },
    )
  }
