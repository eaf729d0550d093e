import { z } from 'zod'
import { pageOf, paginationQuerySchema } from './pagination.ts'
import { singleLineText } from './text.ts'

export const districtKinds = ['kreis', 'kreisfreie_stadt'] as const

export const municipalitySchema = z
  .object({
    id: z.uuid(),
    districtId: z.uuid(),
    code: z.string().describe('Amtlicher Gemeindeschlüssel (8 digits)'),
    name: z.string(),
  })
  .meta({ id: 'Municipality' })

export const districtSchema = z
  .object({
    id: z.uuid(),
    code: z.string().describe('Amtlicher Gemeindeschlüssel of the district (5 digits)'),
    name: z.string(),
    kind: z.enum(districtKinds),
    stateCode: z.string(),
    timeZone: z
      .string()
      .describe('IANA zone in which the district counts its days (today, due dates, periods)'),
    municipalityCount: z.number().int(),
  })
  .meta({ id: 'District' })

export const districtDetailSchema = districtSchema
  .extend({ municipalities: z.array(municipalitySchema) })
  .meta({ id: 'DistrictDetail' })

export const districtIdParamsSchema = z.object({ districtId: z.uuid() })

export const municipalityListQuerySchema = paginationQuerySchema.extend({
  q: singleLineText().trim().max(100).optional().describe('Part of the name, case- and accent-insensitive'),
})

export const districtListSchema = pageOf(districtSchema).meta({ id: 'DistrictPage' })
export const municipalityListSchema = pageOf(municipalitySchema).meta({ id: 'MunicipalityPage' })

export type District = z.infer<typeof districtSchema>
export type DistrictDetail = z.infer<typeof districtDetailSchema>
export type Municipality = z.infer<typeof municipalitySchema>
