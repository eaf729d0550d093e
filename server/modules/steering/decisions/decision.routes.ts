import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { decisionRegisterQuerySchema, decisionRegisterSchema } from '../../../../common/steering.ts'
import { actorOf } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { registerListExport } from '../../../platform/list-export.ts'
import { problems } from '../steering.http.ts'
import { exportDecisions } from './decision.export.ts'
import { listDecisions } from './decision.service.ts'

/** The register of decisions (Beschlussregister), for staff and report readers. */
export const decisionRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database
    app.get(
      '/decisions',
      {
        config: { access: 'decision.read' },
        schema: {
          tags: ['Steering: decisions'],
          summary: 'The register of all decisions of my district, searched by words',
          querystring: decisionRegisterQuerySchema,
          response: { 200: decisionRegisterSchema, ...problems },
        },
      },
      (request) => listDecisions(db, actorOf(request), request.query),
    )
    registerListExport(app, db, {
      path: '/decisions/export',
      access: 'decision.read',
      tags: ['Steering: decisions'],
      summary: 'The register of decisions as searched',
      querystring: decisionRegisterQuerySchema.omit({ limit: true, offset: true }),
      stem: 'beschlussregister',
      build: (request, query, format) => exportDecisions(db, request, query, format),
    })
  }
