import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  fundingRateCloseSchema,
  fundingRateInputSchema,
  fundingRateListSchema,
  payGradeInputSchema,
  payGradeListSchema,
} from '../../../../common/staffing.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { problems } from '../staffing.http.ts'
import {
  closeFundingRateOn,
  createFundingRate,
  createPayGrade,
  listFundingRates,
  listPayGrades,
} from './rate.service.ts'

const tags = ['Staffing: funding and pay grades']

/** The two dated tables the district maintains: funding rates and pay-grade costs. */
export const rateRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.get(
      '/funding-rates',
      {
        config: { access: 'staffing.read' },
        schema: { tags, summary: 'The funding table', response: { 200: fundingRateListSchema, ...problems } },
      },
      (request) => listFundingRates(db, actorOf(request)),
    )
    app.post(
      '/funding-rates',
      {
        config: { access: 'staffing.manage' },
        schema: {
          tags,
          summary: 'Add a funding rate with its validity period (both days required)',
          body: fundingRateInputSchema,
          response: { 201: fundingRateListSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await createFundingRate(db, actorOf(request), request.body, requestContext(request))),
    )
    app.post(
      '/funding-rates/:rateId/close',
      {
        config: { access: 'staffing.manage' },
        schema: {
          tags,
          summary: 'End a funding rate earlier, on a day within its validity',
          params: z.object({ rateId: z.uuid() }),
          body: fundingRateCloseSchema,
          response: { 200: fundingRateListSchema, ...problems },
        },
      },
      (request) =>
        closeFundingRateOn(
          db,
          actorOf(request),
          request.params.rateId,
          request.body.validUntil,
          requestContext(request),
        ),
    )
    app.get(
      '/pay-grades',
      {
        config: { access: 'staffing.read' },
        schema: {
          tags,
          summary: 'Annual cost of one FTE per pay grade (TVöD), dated',
          response: { 200: payGradeListSchema, ...problems },
        },
      },
      (request) => listPayGrades(db, actorOf(request)),
    )
    app.post(
      '/pay-grades',
      {
        config: { access: 'staffing.manage' },
        schema: {
          tags,
          summary: 'Add the annual cost of a pay grade from a day',
          body: payGradeInputSchema,
          response: { 201: payGradeListSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await createPayGrade(db, actorOf(request), request.body, requestContext(request))),
    )
  }
