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
import type { AppDeps } from '../../platform/deps.ts'
import { getDistrict, listDistricts, listMunicipalities } from './district.service.ts'

const tags = ['Districts']

export const districtRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.get(
      '/districts',
      {
        schema: {
          tags,
          summary: 'List districts (Kreise and kreisfreie Städte)',
          querystring: paginationQuerySchema,
          response: { 200: districtListSchema, 400: problemSchema },
        },
      },
      (request) => listDistricts(db, request.query),
    )

    app.get(
      '/districts/:districtId',
      {
        schema: {
          tags,
          summary: 'One district with its municipalities',
          params: districtIdParamsSchema,
          response: { 200: districtDetailSchema, 400: problemSchema, 404: problemSchema },
        },
      },
      (request) => getDistrict(db, request.params.districtId),
    )

    app.get(
      '/districts/:districtId/municipalities',
      {
        schema: {
          tags,
          summary: 'Municipalities of a district, searchable by name',
          params: districtIdParamsSchema,
          querystring: municipalityListQuerySchema,
          response: { 200: municipalityListSchema, 400: problemSchema, 404: problemSchema },
        },
      },
      (request) => listMunicipalities(db, request.params.districtId, request.query),
    )
  }
