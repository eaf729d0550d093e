import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { problemSchema } from '../../../../common/problem.ts'
import {
  evaluationInputSchema,
  evaluationListSchema,
  evaluationSchema,
} from '../../../../common/reporting.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { problems } from '../reporting.http.ts'
import { warmReportWorker } from '../reports/worker-pool.ts'
import { createEvaluation, deleteEvaluation, listEvaluations, readEvaluation } from './evaluations.service.ts'

/** Frozen period evaluations: made once, read as stored, never changed; deleted only while no report uses one. */
export const evaluationRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database
    app.get(
      '/evaluations',
      {
        config: { access: 'figures.read' },
        schema: {
          tags: ['Reporting'],
          summary: "The district's frozen evaluations, newest first",
          response: { 200: evaluationListSchema, ...problems },
        },
      },
      (request) => listEvaluations(db, actorOf(request)),
    )
    app.post(
      '/evaluations',
      {
        config: { access: 'evaluation.manage' },
        schema: {
          tags: ['Reporting'],
          summary:
            'Compute the figures of a period, protect them together and store them as a frozen snapshot',
          body: evaluationInputSchema,
          response: { 201: evaluationSchema, ...problems },
        },
      },
      async (request, reply) => {
        const evaluation = await createEvaluation(db, actorOf(request), request.body, requestContext(request))
        // A committee report usually follows a new evaluation: have its typesetter ready by then.
        warmReportWorker()
        return reply.code(201).send(evaluation)
      },
    )
    app.get(
      '/evaluations/:evaluationId',
      {
        config: { access: 'figures.read' },
        schema: {
          tags: ['Reporting'],
          summary: 'A frozen evaluation exactly as it was stored',
          params: z.object({ evaluationId: z.uuid() }),
          response: { 200: evaluationSchema, ...problems },
        },
      },
      (request) => readEvaluation(db, actorOf(request), request.params.evaluationId),
    )
    app.delete(
      '/evaluations/:evaluationId',
      {
        config: { access: 'evaluation.manage' },
        schema: {
          tags: ['Reporting'],
          summary: 'Delete an evaluation that no committee report uses (409 once a report uses it)',
          params: z.object({ evaluationId: z.uuid() }),
          response: { 204: z.null(), ...problems, 409: problemSchema },
        },
      },
      async (request, reply) => {
        await deleteEvaluation(db, actorOf(request), request.params.evaluationId, requestContext(request))
        return reply.code(204).send(null)
      },
    )
  }
