import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  districtDetailSchema,
  districtIdParamsSchema,
  districtListSchema,
  municipalityListQuerySchema,
  municipalityListSchema,
} from '../../../common/districts.ts'
import { paginationQuerySchema } from '../../../common/pagination.ts'
import { problemSchema } from '../../../common/problem.ts'
import { singleLineText } from '../../../common/text.ts'
import { districtExportStream } from '../../db/district-export.ts'
import { actorOf, requestContext } from '../../platform/access.ts'
import type { AppDeps } from '../../platform/deps.ts'
import { districtTime } from '../../platform/district-time.ts'
import {
  getDistrict,
  listMunicipalities,
  listVisibleDistricts,
  prepareDistrictExport,
} from './district.service.ts'

const tags = ['Districts']

export const districtRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.get(
      '/districts',
      {
        config: { access: 'district.read' },
        schema: {
          tags,
          summary: 'The districts visible to me (my own)',
          querystring: paginationQuerySchema,
          response: { 200: districtListSchema, 400: problemSchema, 401: problemSchema },
        },
      },
      (request) => listVisibleDistricts(db, actorOf(request)),
    )

    app.get(
      '/district-export.json',
      {
        config: { access: 'district.export' },
        schema: {
          tags,
          summary:
            'The whole district as one JSON document with its schema version, for moving to another installation (administration; streamed)',
          // Optional here so the policy answers first; the service refuses an export without a reason.
          querystring: z.object({ reason: singleLineText().trim().max(500).optional() }),
          response: { 200: z.any(), 400: problemSchema, 401: problemSchema, 403: problemSchema },
        },
      },
      async (request, reply) => {
        const context = requestContext(request)
        const district = await prepareDistrictExport(db, actorOf(request), request.query.reason, context)
        const { today } = await districtTime(db, district.id, context.now)
        const stream = await districtExportStream(deps.database, district, deps.version, (error) =>
          request.log.error({ err: { type: (error as Error).name } }, 'district export failed'),
        )
        return reply
          .header('content-type', 'application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="kreis-${district.code}-${today}.json"`)
          .header('cache-control', 'no-store')
          .send(stream)
      },
    )

    app.get(
      '/districts/:districtId',
      {
        config: { access: 'district.read' },
        schema: {
          tags,
          summary: 'One district with its municipalities',
          params: districtIdParamsSchema,
          response: { 200: districtDetailSchema, 400: problemSchema, 401: problemSchema, 404: problemSchema },
        },
      },
      (request) => getDistrict(db, actorOf(request), request.params.districtId),
    )

    app.get(
      '/districts/:districtId/municipalities',
      {
        config: { access: 'district.read' },
        schema: {
          tags,
          summary: 'Municipalities of a district, searchable by name',
          params: districtIdParamsSchema,
          querystring: municipalityListQuerySchema,
          response: {
            200: municipalityListSchema,
            400: problemSchema,
            401: problemSchema,
            404: problemSchema,
          },
        },
      },
      (request) => listMunicipalities(db, actorOf(request), request.params.districtId, request.query),
    )
  }
