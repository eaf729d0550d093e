import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  caseCreateSchema,
  caseListQuerySchema,
  caseListSchema,
  caseManagerSchema,
  caseSchema,
  caseUpdateSchema,
  phaseChangeSchema,
} from '../../../../common/casework.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { ifMatchVersion } from '../../../platform/http.ts'
import { registerListExport } from '../../../platform/list-export.ts'
import { caseParams, problems, tags } from '../casework.http.ts'
import { changePhase, createCase, listCaseManagers, listCases, readCase, updateCase } from './case.service.ts'
import { exportCases } from './case-export.ts'

const exportQuerySchema = caseListQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(10_000).default(5_000),
})

/** Cases: the list with filters and export, a case's own record, assignment and phases. */
export const caseRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.get(
      '/cases',
      {
        config: { access: 'case.list' },
        schema: {
          tags,
          summary: 'The cases I may see, filtered, sorted and paged',
          querystring: caseListQuerySchema,
          response: { 200: caseListSchema, ...problems },
        },
      },
      (request) => listCases(db, actorOf(request), request.query, requestContext(request)),
    )
    registerListExport(app, db, {
      path: '/cases/export',
      access: 'case.list',
      tags,
      summary: 'The filtered case list',
      querystring: exportQuerySchema,
      stem: 'faelle',
      build: (request, query, format) => exportCases(db, request, query, format),
    })
    app.post(
      '/cases',
      {
        config: { access: 'case.create' },
        schema: {
          tags,
          summary: 'Open a case',
          body: caseCreateSchema,
          response: { 201: caseSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createCase(db, actorOf(request), request.body, requestContext(request))),
    )
    app.get(
      '/cases/:caseId',
      {
        config: { access: 'case.read' },
        schema: {
          tags,
          summary: 'Read a case (audited)',
          params: caseParams,
          response: { 200: caseSchema, ...problems },
        },
      },
      (request) => readCase(db, actorOf(request), request.params.caseId, requestContext(request)),
    )
    app.put(
      '/cases/:caseId',
      {
        config: { access: 'case.assign' },
        schema: {
          tags,
          summary: 'Change municipality, team and responsible case managers; needs If-Match',
          params: caseParams,
          body: caseUpdateSchema,
          response: { 200: caseSchema, ...problems },
        },
      },
      (request) =>
        updateCase(
          db,
          actorOf(request),
          request.params.caseId,
          ifMatchVersion(request),
          request.body,
          requestContext(request),
        ),
    )
    app.post(
      '/cases/:caseId/phase',
      {
        config: { access: 'case.work' },
        schema: {
          tags,
          summary:
            'Move the case to another phase (closing needs a reason, goal outcomes and, if tasks are open, what becomes of them); needs If-Match',
          params: caseParams,
          body: phaseChangeSchema,
          response: { 200: caseSchema, ...problems },
        },
      },
      (request) =>
        changePhase(
          db,
          actorOf(request),
          request.params.caseId,
          ifMatchVersion(request),
          request.body,
          requestContext(request),
        ),
    )

    app.get(
      '/case-managers',
      {
        config: { access: 'case.list' },
        schema: {
          tags,
          summary: 'The case managers of my district, to assign cases to',
          response: { 200: z.array(caseManagerSchema), ...problems },
        },
      },
      (request) => listCaseManagers(db, actorOf(request)),
    )
  }
