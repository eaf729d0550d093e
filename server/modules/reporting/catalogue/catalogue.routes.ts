import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { metricCatalogueSchema } from '../../../../common/reporting.ts'
import { actorOf } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { authorize, ownDistrict } from '../../../platform/policy.ts'
import { problems } from '../reporting.http.ts'
import { metricCatalogue } from './catalogue.ts'

export const catalogueRoutes =
  (_deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    app.get(
      '/metrics',
      {
        config: { access: 'figures.read' },
        schema: {
          tags: ['Reporting'],
          summary: 'The metric catalogue: every figure with its written definition, unit and dimensions',
          response: { 200: metricCatalogueSchema, ...problems },
        },
      },
      (request) => {
        const actor = actorOf(request)
        authorize(actor, 'figures.read', ownDistrict(actor))
        return metricCatalogue()
      },
    )
  }
