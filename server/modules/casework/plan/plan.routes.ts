import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { goalInputSchema, measureInputSchema, planSchema } from '../../../../common/casework.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { ifMatchVersion } from '../../../platform/http.ts'
import { caseParams, problems, tags } from '../casework.http.ts'
import { addGoal, addMeasure, readPlan, updateGoal, updateMeasure } from './plan.service.ts'

const goalParams = caseParams.extend({ goalId: z.uuid() })
const measureParams = caseParams.extend({ measureId: z.uuid() })

/** A case's plan: goals and measures. */
export const planRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.get(
      '/cases/:caseId/plan',
      {
        config: { access: 'case.read' },
        schema: {
          tags,
          summary: 'Goals and measures',
          params: caseParams,
          response: { 200: planSchema, ...problems },
        },
      },
      (request) => readPlan(db, actorOf(request), request.params.caseId, requestContext(request)),
    )
    app.post(
      '/cases/:caseId/goals',
      {
        config: { access: 'case.work' },
        schema: {
          tags,
          summary: 'Add a goal',
          params: caseParams,
          body: goalInputSchema,
          response: { 201: planSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await addGoal(db, actorOf(request), request.params.caseId, request.body, requestContext(request)),
          ),
    )
    app.put(
      '/cases/:caseId/goals/:goalId',
      {
        config: { access: 'case.work' },
        schema: {
          tags,
          summary: 'Change a goal; needs If-Match',
          params: goalParams,
          body: goalInputSchema,
          response: { 200: planSchema, ...problems },
        },
      },
      (request) =>
        updateGoal(
          db,
          actorOf(request),
          request.params.caseId,
          request.params.goalId,
          ifMatchVersion(request),
          request.body,
          requestContext(request),
        ),
    )
    app.post(
      '/cases/:caseId/measures',
      {
        config: { access: 'case.work' },
        schema: {
          tags,
          summary: 'Add a measure',
          params: caseParams,
          body: measureInputSchema,
          response: { 201: planSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await addMeasure(
              db,
              actorOf(request),
              request.params.caseId,
              request.body,
              requestContext(request),
            ),
          ),
    )
    app.put(
      '/cases/:caseId/measures/:measureId',
      {
        config: { access: 'case.work' },
        schema: {
          tags,
          summary: 'Change a measure; needs If-Match',
          params: measureParams,
          body: measureInputSchema,
          response: { 200: planSchema, ...problems },
        },
      },
      (request) =>
        updateMeasure(
          db,
          actorOf(request),
          request.params.caseId,
          request.params.measureId,
          ifMatchVersion(request),
          request.body,
          requestContext(request),
        ),
    )
  }
