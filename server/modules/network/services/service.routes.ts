import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  overlapDecisionInputSchema,
  overlapListSchema,
  overlapQuerySchema,
  overlapSchema,
  serviceInputSchema,
  serviceListQuerySchema,
  serviceListSchema,
  serviceOverviewSchema,
  serviceSchema,
} from '../../../../common/network.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { ifMatchVersion } from '../../../platform/http.ts'
import { registerListExport } from '../../../platform/list-export.ts'
import { problems } from '../network.http.ts'
import { listOverlaps, markOverlapIntended, undoOverlapIntended } from './overlap.service.ts'
import { exportServices } from './service.export.ts'
import {
  createService,
  deleteService,
  getService,
  listServices,
  serviceOverview,
  updateService,
} from './service.service.ts'

const tags = ['Network: service map']
const serviceParams = z.object({ serviceId: z.uuid() })
const pairParams = z.object({ firstServiceId: z.uuid(), secondServiceId: z.uuid() })

/** The service map (Angebotslandkarte): services, the overview by municipality, and the overlap finder. */
export const serviceRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.get(
      '/services',
      {
        config: { access: 'network.read' },
        schema: {
          tags,
          summary: 'Services of the district, filtered; current ones unless current=false',
          querystring: serviceListQuerySchema,
          response: { 200: serviceListSchema, ...problems },
        },
      },
      (request) => listServices(db, actorOf(request), request.query, requestContext(request).now),
    )
    registerListExport(app, db, {
      path: '/services/export',
      access: 'network.read',
      tags,
      summary: 'Services of the district as filtered',
      querystring: serviceListQuerySchema.omit({ limit: true, offset: true }),
      stem: 'angebote',
      build: (request, query, format) => exportServices(db, request, query, format),
    })
    app.post(
      '/services',
      {
        config: { access: 'service.edit' },
        schema: {
          tags,
          summary: "Add a service to an organisation's entry in the map",
          body: serviceInputSchema,
          response: { 201: serviceSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await createService(db, actorOf(request), request.body, requestContext(request))),
    )
    app.get(
      '/services/overview',
      {
        config: { access: 'network.read' },
        schema: {
          tags,
          summary: 'Current services per municipality, in all and per domain',
          response: { 200: serviceOverviewSchema, ...problems },
        },
      },
      (request) => serviceOverview(db, actorOf(request), requestContext(request).now),
    )
    app.get(
      '/services/overlaps',
      {
        config: { access: 'network.read' },
        schema: {
          tags,
          summary:
            'Pairs of current services of different organisations with the same domain, target group and municipality',
          querystring: overlapQuerySchema,
          response: { 200: overlapListSchema, ...problems },
        },
      },
      (request) => listOverlaps(db, actorOf(request), request.query, requestContext(request).now),
    )
    app.post(
      '/services/overlaps/intended',
      {
        config: { access: 'overlap.decide' },
        schema: {
          tags,
          summary: 'Mark an overlap as intended, with the reason',
          body: overlapDecisionInputSchema,
          response: { 201: overlapSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await markOverlapIntended(
              db,
              actorOf(request),
              request.body.serviceIds,
              request.body.reason,
              requestContext(request),
            ),
          ),
    )
    app.delete(
      '/services/overlaps/intended/:firstServiceId/:secondServiceId',
      {
        config: { access: 'overlap.decide' },
        schema: {
          tags,
          summary: 'Take back the mark: the overlap is open again',
          params: pairParams,
          response: { 204: z.null(), ...problems },
        },
      },
      async (request, reply) => {
        await undoOverlapIntended(
          db,
          actorOf(request),
          [request.params.firstServiceId, request.params.secondServiceId],
          requestContext(request),
        )
        return reply.code(204).send(null)
      },
    )
    app.get(
      '/services/:serviceId',
      {
        config: { access: 'network.read' },
        schema: {
          tags,
          summary: 'A service',
          params: serviceParams,
          response: { 200: serviceSchema, ...problems },
        },
      },
      (request) => getService(db, actorOf(request), request.params.serviceId),
    )
    app.put(
      '/services/:serviceId',
      {
        config: { access: 'service.edit' },
        schema: {
          tags,
          summary: 'Change a service; needs If-Match with the version',
          params: serviceParams,
          body: serviceInputSchema,
          response: { 200: serviceSchema, ...problems },
        },
      },
      (request) =>
        updateService(
          db,
          actorOf(request),
          request.params.serviceId,
          ifMatchVersion(request),
          request.body,
          requestContext(request),
        ),
    )
    app.delete(
      '/services/:serviceId',
      {
        config: { access: 'service.edit' },
        schema: {
          tags,
          summary: 'Remove a service from the map; needs If-Match with the version',
          params: serviceParams,
          response: { 204: z.null(), ...problems },
        },
      },
      async (request, reply) => {
        await deleteService(
          db,
          actorOf(request),
          request.params.serviceId,
          ifMatchVersion(request),
          requestContext(request),
        )
        return reply.code(204).send(null)
      },
    )
  }
