import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { savedViewInputSchema, savedViewSchema } from '../../../../common/casework.ts'
import { actorOf } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { problems, tags } from '../casework.http.ts'
import { deleteView, listSavedViews, saveView } from './view.service.ts'

/** Saved views of the case list, each user's own. */
export const viewRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.get(
      '/case-views',
      {
        config: { access: 'case.list' },
        schema: {
          tags,
          summary: 'My saved case-list views',
          response: { 200: z.array(savedViewSchema), ...problems },
        },
      },
      (request) => listSavedViews(db, actorOf(request)),
    )
    app.post(
      '/case-views',
      {
        config: { access: 'case.list' },
        schema: {
          tags,
          summary: 'Save the current filters as a view',
          body: savedViewInputSchema,
          response: { 201: savedViewSchema, ...problems },
        },
      },
      async (request, reply) => reply.code(201).send(await saveView(db, actorOf(request), request.body)),
    )
    app.delete(
      '/case-views/:viewId',
      {
        config: { access: 'case.list' },
        schema: {
          tags,
          summary: 'Delete a saved view',
          params: z.object({ viewId: z.uuid() }),
          response: { 204: z.null(), ...problems },
        },
      },
      async (request, reply) => {
        await deleteView(db, actorOf(request), request.params.viewId)
        return reply.code(204).send(null)
      },
    )
  }
