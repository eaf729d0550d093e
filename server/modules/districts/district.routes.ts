import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import {
  districtDetailSchema,
  districtIdParamsSchema,
  districtListSchema,
  municipalityListQuerySchema,
  municipalityListSchema,
} from '../../../common/districts.ts'
import { paginationQuerySchema } from '../../../common/pagination.ts'
import { problemSchema } from '../../../common/problem.ts'
import { actorOf } from '../../platform/access.ts'
import type { AppDeps } from '../../platform/deps.ts'
import { getDistrict, listMunicipalities, listVisibleDistricts } from './district.service.ts'

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
