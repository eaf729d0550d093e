import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { positionDetailSchema, positionInputSchema, positionListSchema } from '../../../../common/staffing.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { ifMatchVersion } from '../../../platform/http.ts'
import { registerListExport } from '../../../platform/list-export.ts'
import { problems } from '../staffing.http.ts'
import { exportPositions } from './position.export.ts'
import { createPosition, getPosition, listPositions, updatePosition } from './position.service.ts'

const tags = ['Staffing: positions']

/** Positions (Stellen) by Baustein, with their state today. */
export const positionRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.get(
      '/positions',
      {
        config: { access: 'staffing.read' },
        schema: {
          tags,
          summary:
            "The district's positions with state (filled, partly filled, vacant, in recruitment) and holders",
          response: { 200: positionListSchema, ...problems },
        },
      },
      (request) => listPositions(db, actorOf(request), requestContext(request)),
    )
    registerListExport(app, db, {
      path: '/positions/export',
      access: 'staffing.read',
      tags,
      summary: "The district's positions as listed",
      stem: 'stellen',
      build: (request, _query, format) => exportPositions(db, request, format),
    })
    app.post(
      '/positions',
      {
        config: { access: 'staffing.manage' },
        schema: {
          tags,
          summary:
            'Set up a position: Baustein, FTE, employer, area, pay grade, funding programme and period',
          body: positionInputSchema,
          response: { 201: positionDetailSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await createPosition(db, actorOf(request), request.body, requestContext(request))),
    )
    app.get(
      '/positions/:positionId',
      {
        config: { access: 'staffing.read' },
        schema: {
          tags,
          summary: 'A position with all its contracts, past and future',
          params: z.object({ positionId: z.uuid() }),
          response: { 200: positionDetailSchema, ...problems },
        },
      },
      (request) => getPosition(db, actorOf(request), request.params.positionId, requestContext(request)),
    )
    app.put(
      '/positions/:positionId',
      {
        config: { access: 'staffing.manage' },
        schema: {
          tags,
          summary:
            'Change a position (Baustein, FTE, employer, area, funding programme and period); If-Match with the version',
          params: z.object({ positionId: z.uuid() }),
          body: positionInputSchema,
          response: { 200: positionDetailSchema, ...problems },
        },
      },
      (request) =>
        updatePosition(
          db,
          actorOf(request),
          request.params.positionId,
          ifMatchVersion(request),
          request.body,
          requestContext(request),
        ),
    )
  }
