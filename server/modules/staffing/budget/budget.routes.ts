import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { budgetQuerySchema, budgetSchema } from '../../../../common/staffing.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { preferredLanguage } from '../../../platform/language.ts'
import { problems } from '../staffing.http.ts'
import { getBudget } from './budget.service.ts'
import { renderBudgetXlsx } from './budget-xlsx.ts'

const tags = ['Staffing: budget']

/** The fiscal year's personnel cost against funding, as figures and as a workbook. */
export const budgetRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database
    app.get(
      '/budget',
      {
        config: { access: 'staffing.read' },
        schema: {
          tags,
          summary: 'Personnel cost, funding and district share per position and Baustein for a fiscal year',
          querystring: budgetQuerySchema,
          response: { 200: budgetSchema, ...problems },
        },
      },
      (request) => getBudget(db, actorOf(request), request.query.year, requestContext(request)),
    )
    app.get(
      '/budget.xlsx',
      {
        config: { access: 'staffing.read' },
        schema: {
          tags,
          summary: 'The same figures as an XLSX workbook',
          querystring: budgetQuerySchema,
          response: { 200: z.any(), ...problems },
        },
      },
      async (request, reply) => {
        const budget = await getBudget(db, actorOf(request), request.query.year, requestContext(request))
        const workbook = await renderBudgetXlsx(budget, preferredLanguage(request))
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="haushalt-${budget.year}.xlsx"`)
          .header('cache-control', 'no-store')
          .send(workbook)
      },
    )
  }
