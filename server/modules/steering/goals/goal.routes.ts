import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  goalAgreementDetailSchema,
  goalAgreementInputSchema,
  goalAgreementListSchema,
  goalAgreementUpdateSchema,
  indicatorInputSchema,
  indicatorListSchema,
  indicatorValueInputSchema,
} from '../../../../common/goals.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { ifMatchVersion } from '../../../platform/http.ts'
import { registerListExport } from '../../../platform/list-export.ts'
import { problems } from '../steering.http.ts'
import { exportGoalAgreements } from './goal.export.ts'
import {
  addIndicator,
  addIndicatorValue,
  createAgreement,
  getAgreement,
  listAgreements,
  listIndicators,
  removeIndicator,
  updateAgreement,
  updateIndicator,
} from './goal.service.ts'

const tags = ['Steering: goal agreements']
const agreementParams = z.object({ agreementId: z.uuid() })

/** Goal agreements (Zielvereinbarungen) with indicators entered by hand or computed from case work. */
export const goalRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.get(
      '/goal-agreements',
      {
        config: { access: 'goal-agreement.read' },
        schema: {
          tags,
          summary: "My district's goal agreements, each with its overall status",
          response: { 200: goalAgreementListSchema, ...problems },
        },
      },
      (request) => listAgreements(db, actorOf(request), requestContext(request).now),
    )
    registerListExport(app, db, {
      path: '/goal-agreements/export',
      access: 'goal-agreement.read',
      tags,
      summary: "My district's goal agreements as listed",
      stem: 'zielvereinbarungen',
      build: (request, _query, format) => exportGoalAgreements(db, request, format),
    })
    app.post(
      '/goal-agreements',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary: 'Record a goal agreement: parties, goal, period, the decision that agreed it',
          body: goalAgreementInputSchema,
          response: { 201: goalAgreementDetailSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await createAgreement(db, actorOf(request), request.body, requestContext(request))),
    )
    app.get(
      '/goal-agreements/:agreementId',
      {
        config: { access: 'goal-agreement.read' },
        schema: {
          tags,
          summary: 'A goal agreement with its indicators, their trajectories and statuses',
          params: agreementParams,
          response: { 200: goalAgreementDetailSchema, ...problems },
        },
      },
      (request) =>
        getAgreement(db, actorOf(request), request.params.agreementId, requestContext(request).now),
    )
    app.put(
      '/goal-agreements/:agreementId',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary: 'Change a goal agreement; If-Match with the version',
          params: agreementParams,
          body: goalAgreementUpdateSchema,
          response: { 200: goalAgreementDetailSchema, ...problems },
        },
      },
      (request) =>
        updateAgreement(
          db,
          actorOf(request),
          request.params.agreementId,
          ifMatchVersion(request),
          request.body,
          requestContext(request),
        ),
    )
    app.get(
      '/goal-agreements/:agreementId/indicators',
      {
        config: { access: 'goal-agreement.read' },
        schema: {
          tags,
          summary:
            'Each indicator with current value, target, status and its series per month (computed on read)',
          params: agreementParams,
          response: { 200: indicatorListSchema, ...problems },
        },
      },
      (request) =>
        listIndicators(db, actorOf(request), request.params.agreementId, requestContext(request).now),
    )
    app.post(
      '/goal-agreements/:agreementId/indicators',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary: 'Add an indicator, entered by hand or computed by a metric of the catalogue',
          params: agreementParams,
          body: indicatorInputSchema,
          response: { 201: goalAgreementDetailSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await addIndicator(
              db,
              actorOf(request),
              request.params.agreementId,
              request.body,
              requestContext(request),
            ),
          ),
    )
    const indicatorParams = agreementParams.extend({ indicatorId: z.uuid() })
    // An indicator is part of its agreement: a change names the agreement's version.
    const indicatorTarget = (
      request: FastifyRequest,
      params: { agreementId: string; indicatorId: string },
    ) => ({
      ...params,
      expectedVersion: ifMatchVersion(request),
    })
    app.put(
      '/goal-agreements/:agreementId/indicators/:indicatorId',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary:
            "Change an indicator (name, baseline, target, direction; a computed one's metric); If-Match with the agreement's version",
          params: indicatorParams,
          body: indicatorInputSchema,
          response: { 200: goalAgreementDetailSchema, ...problems },
        },
      },
      (request) =>
        updateIndicator(
          db,
          actorOf(request),
          indicatorTarget(request, request.params),
          request.body,
          requestContext(request),
        ),
    )
    app.delete(
      '/goal-agreements/:agreementId/indicators/:indicatorId',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary: "Remove an indicator with its entered values; If-Match with the agreement's version",
          params: indicatorParams,
          response: { 200: goalAgreementDetailSchema, ...problems },
        },
      },
      (request) =>
        removeIndicator(
          db,
          actorOf(request),
          indicatorTarget(request, request.params),
          requestContext(request),
        ),
    )
    app.post(
      '/goal-agreements/:agreementId/indicators/:indicatorId/values',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary: 'Enter a value of an indicator kept by hand (day, value in its unit, note)',
          params: indicatorParams,
          body: indicatorValueInputSchema,
          response: { 201: goalAgreementDetailSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await addIndicatorValue(
              db,
              actorOf(request),
              { agreementId: request.params.agreementId, indicatorId: request.params.indicatorId },
              request.body,
              requestContext(request),
            ),
          ),
    )
  }
