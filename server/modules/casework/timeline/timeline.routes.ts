import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { timelineEntrySchema } from '../../../../common/casework.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { caseParams, problems, tags } from '../casework.http.ts'
import { type CaseTimelineSource, readTimeline } from './timeline.service.ts'

/** The timeline of a case: everything in it, newest first. */
export const timelineRoutes =
  (deps: AppDeps, sources: readonly CaseTimelineSource[]): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.get(
      '/cases/:caseId/timeline',
      {
        config: { access: 'case.read' },
        schema: {
          tags,
          summary: 'Everything in the case, newest first',
          params: caseParams,
          response: { 200: z.array(timelineEntrySchema), ...problems },
        },
      },
      (request) =>
        readTimeline(db, actorOf(request), request.params.caseId, requestContext(request), sources),
    )
  }
