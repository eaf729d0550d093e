import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  agendaPullInputSchema,
  evidenceInputSchema,
  goalLinkInputSchema,
  obstacleDetailSchema,
  obstacleInputSchema,
  obstacleListQuerySchema,
  obstacleListSchema,
  statusChangeInputSchema,
} from '../../../../common/obstacles.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { registerListExport } from '../../../platform/list-export.ts'
import { problems } from '../steering.http.ts'
import { exportObstacles } from './obstacle.export.ts'
import {
  addEvidence,
  changeObstacleStatus,
  getObstacle,
  linkGoalAgreement,
  listObstacles,
  pullIntoAgenda,
  raiseObstacle,
} from './obstacle.service.ts'

const tags = ['Steering: structural obstacles']
const obstacleParams = z.object({ obstacleId: z.uuid() })

/** Structural obstacles: raise, evidence from further cases, the board's workflow, into a meeting. */
export const obstacleRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database
    const detail = { 200: obstacleDetailSchema, ...problems }
    const created = { 201: obstacleDetailSchema, ...problems }

    app.get(
      '/obstacles',
      {
        config: { access: 'steering.read' },
        schema: {
          tags,
          summary: "My district's structural obstacles (case links only where I may read the case)",
          querystring: obstacleListQuerySchema,
          response: { 200: obstacleListSchema, ...problems },
        },
      },
      (request) => listObstacles(db, actorOf(request), request.query),
    )
    registerListExport(app, db, {
      path: '/obstacles/export',
      access: 'steering.read',
      tags,
      summary: "My district's structural obstacles as filtered on the board",
      querystring: obstacleListQuerySchema,
      stem: 'systemrueckmeldungen',
      build: (request, query, format) => exportObstacles(db, request, query, format),
    })
    app.post(
      '/obstacles',
      {
        config: { access: 'obstacle.raise' },
        schema: {
          tags,
          summary: 'Raise an obstacle, from a case or directly; names of persons and full dates are refused',
          body: obstacleInputSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await raiseObstacle(db, actorOf(request), request.body, requestContext(request))),
    )
    app.get(
      '/obstacles/:obstacleId',
      {
        config: { access: 'steering.read' },
        schema: { tags, summary: 'An obstacle with its history', params: obstacleParams, response: detail },
      },
      (request) => getObstacle(db, actorOf(request), request.params.obstacleId),
    )
    app.post(
      '/obstacles/:obstacleId/evidence',
      {
        config: { access: 'case.work' },
        schema: {
          tags,
          summary: 'Seen in another case: one of my cases becomes evidence (once per case)',
          params: obstacleParams,
          body: evidenceInputSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await addEvidence(
              db,
              actorOf(request),
              request.params.obstacleId,
              request.body,
              requestContext(request),
            ),
          ),
    )
    app.post(
      '/obstacles/:obstacleId/status',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary:
            'Move the obstacle one step (new, triaged, assigned, measure agreed, resolved or rejected)',
          params: obstacleParams,
          body: statusChangeInputSchema,
          response: detail,
        },
      },
      (request) =>
        changeObstacleStatus(
          db,
          actorOf(request),
          request.params.obstacleId,
          request.body,
          requestContext(request),
        ),
    )
    app.post(
      '/obstacles/:obstacleId/goal-agreements',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary: 'Link the obstacle to a goal agreement that takes it up (once)',
          params: obstacleParams,
          body: goalLinkInputSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await linkGoalAgreement(
              db,
              actorOf(request),
              request.params.obstacleId,
              request.body,
              requestContext(request),
            ),
          ),
    )
    app.post(
      '/obstacles/:obstacleId/agenda-items',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary: 'Pull the obstacle into the agenda of a meeting whose minutes are not approved',
          params: obstacleParams,
          body: agendaPullInputSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await pullIntoAgenda(
              db,
              actorOf(request),
              request.params.obstacleId,
              request.body,
              requestContext(request),
            ),
          ),
    )
  }
