import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { assessmentInputSchema, assessmentSchema } from '../../../../common/casework.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { caseParams, problems, tags } from '../casework.http.ts'
import { addAssessment, listAssessments } from './assessment.service.ts'

/** Assessments of the life domains of a case. */
export const assessmentRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.get(
      '/cases/:caseId/assessments',
      {
        config: { access: 'case.read' },
        schema: {
          tags,
          summary: 'Assessments, oldest first',
          params: caseParams,
          response: { 200: z.array(assessmentSchema), ...problems },
        },
      },
      (request) => listAssessments(db, actorOf(request), request.params.caseId, requestContext(request)),
    )
    app.post(
      '/cases/:caseId/assessments',
      {
        config: { access: 'case.work' },
        schema: {
          tags,
          summary: 'Record an assessment of the life domains',
          params: caseParams,
          body: assessmentInputSchema,
          response: { 201: z.array(assessmentSchema), ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await addAssessment(
              db,
              actorOf(request),
              request.params.caseId,
              request.body,
              requestContext(request),
            ),
          ),
    )
  }
