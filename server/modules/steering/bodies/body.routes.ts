import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { dueDaySchema } from '../../../../common/dates.ts'
import {
  bodyDetailSchema,
  bodyInputSchema,
  bodyListSchema,
  bodyUpdateSchema,
  calendarLanguageSchema,
  membershipInputSchema,
  seatListSchema,
} from '../../../../common/steering.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { ifMatchVersion } from '../../../platform/http.ts'
import { bodyCalendar } from '../meetings/meeting.service.ts'
import { problems } from '../steering.http.ts'
import {
  addMember,
  createBody,
  endMembership,
  getBody,
  listBodies,
  listSeats,
  updateBody,
} from './body.service.ts'

const tags = ['Steering: bodies']
const bodyParams = z.object({ bodyId: z.uuid() })

/** Bodies (Gremien): steering group, working groups, councils' circle, committee, planning conferences. */
export const bodyRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.get(
      '/bodies',
      {
        config: { access: 'steering.read' },
        schema: {
          tags,
          summary: "My district's bodies with seat and member counts",
          response: { 200: bodyListSchema, ...problems },
        },
      },
      (request) => listBodies(db, actorOf(request), requestContext(request).now),
    )
    app.post(
      '/bodies',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary: 'Set up a body with its required seats',
          body: bodyInputSchema,
          response: { 201: bodyDetailSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createBody(db, actorOf(request), request.body, requestContext(request))),
    )
    app.get(
      '/bodies/:bodyId',
      {
        config: { access: 'steering.read' },
        schema: {
          tags,
          summary: 'A body with its seat plan and members',
          params: bodyParams,
          response: { 200: bodyDetailSchema, ...problems },
        },
      },
      (request) => getBody(db, actorOf(request), request.params.bodyId, requestContext(request).now),
    )
    app.put(
      '/bodies/:bodyId',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary:
            "Change a body's name, topic, mandate, period, parent or quorum; If-Match with the version",
          params: bodyParams,
          body: bodyUpdateSchema,
          response: { 200: bodyDetailSchema, ...problems },
        },
      },
      (request) =>
        updateBody(
          db,
          actorOf(request),
          request.params.bodyId,
          ifMatchVersion(request),
          request.body,
          requestContext(request),
        ),
    )
    app.get(
      '/bodies/:bodyId/seats',
      {
        config: { access: 'steering.read' },
        schema: {
          tags,
          summary: 'The seat plan today: each required seat with its holders and whether it is filled',
          params: bodyParams,
          response: { 200: seatListSchema, ...problems },
        },
      },
      (request) => listSeats(db, actorOf(request), request.params.bodyId, requestContext(request).now),
    )
    app.post(
      '/bodies/:bodyId/members',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary:
            'Add a member (organisation, representative, deputy, role, period), on a seat or without one',
          params: bodyParams,
          body: membershipInputSchema,
          response: { 201: bodyDetailSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await addMember(
              db,
              actorOf(request),
              request.params.bodyId,
              request.body,
              requestContext(request),
            ),
          ),
    )
    app.put(
      '/bodies/:bodyId/members/:membershipId/until',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary: 'End a membership on a day (null: open again)',
          params: bodyParams.extend({ membershipId: z.uuid() }),
          body: z.object({ untilOn: dueDaySchema.nullable() }).strict(),
          response: { 200: bodyDetailSchema, ...problems },
        },
      },
      (request) =>
        endMembership(
          db,
          actorOf(request),
          request.params.bodyId,
          request.params.membershipId,
          request.body.untilOn,
          requestContext(request),
        ),
    )
    app.get(
      '/bodies/:bodyId/calendar.ics',
      {
        config: { access: 'steering.read' },
        schema: {
          tags,
          summary:
            "The body's meetings as an iCalendar feed for a signed-in user (times in the district's time zone); calendar programs use feed.ics with a feed token",
          params: bodyParams,
          querystring: z.object({ language: calendarLanguageSchema }),
          response: { 200: z.any(), ...problems },
        },
      },
      async (request, reply) => {
        const calendar = await bodyCalendar(
          db,
          actorOf(request),
          request.params.bodyId,
          requestContext(request),
          request.query.language,
        )
        return reply
          .header('content-type', 'text/calendar; charset=utf-8')
          .header('content-disposition', `inline; filename="${calendar.fileName}"`)
          .send(calendar.content)
      },
    )
  }
