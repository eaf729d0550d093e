import { z } from 'zod'
import { lifeDomains } from './casework-values.ts'
import { pastRecordDaySchema } from './dates.ts'
import { multiLineText, singleLineText } from './text.ts'

/**
 * The API contract of the integration concept (issue 11, part 5): numbered versions, one draft at
 * a time and adopted ones frozen; sections per life domain (the domains of case work's assessment
 * and plan) and free ones; the grid of domains × actors; the register of interfaces between two
 * organisations; the consultations of bodies; the comparison of two versions.
 */

export const conceptStatuses = ['draft', 'adopted'] as const
export type ConceptStatus = (typeof conceptStatuses)[number]

export const sectionKinds = ['intro', 'domain', 'other'] as const
export type SectionKind = (typeof sectionKinds)[number]

/** A cell's role; `none` is the absence of a role and is not stored. */
export const gridRoles = ['responsible', 'contributing', 'none'] as const
export type GridRole = (typeof gridRoles)[number]

export const interfaceStatuses = ['open', 'in_progress', 'solved'] as const
export type InterfaceStatus = (typeof interfaceStatuses)[number]

const domainSchema = z.enum(lifeDomains)
const text = (max: number) => singleLineText().trim().max(max)
const note = (max: number) => multiLineText().trim().max(max)

export const versionInputSchema = z
  .object({
    title: text(300).min(1).optional().describe('Left out: the title of the version it copies'),
  })
  .strict()
export const versionUpdateSchema = z.object({ title: text(300).min(1) }).strict()

export const adoptionInputSchema = z
  .object({
    adoptedOn: pastRecordDaySchema,
    bodyId: z.uuid().nullable().default(null).describe('The body that adopted the version'),
    decisionId: z.uuid().nullable().default(null).describe("A decision of that body's meetings"),
    reference: text(300).default('').describe('Where else the adoption is documented'),
  })
  .strict()
  .refine((value) => value.bodyId !== null || value.reference !== '', {
    message: 'adoption-by-required',
    path: ['bodyId'],
  })
  .refine((value) => value.decisionId === null || value.bodyId !== null, {
    message: 'adoption-decision-needs-body',
    path: ['decisionId'],
  })

export const sectionInputSchema = z
  .object({ title: text(300).min(1), body: note(50_000).default('') })
  .strict()
export const sectionUpdateSchema = z
  .object({
    title: text(300).default('').describe('Domain sections are titled by their domain; ignored there'),
    body: note(50_000),
  })
  .strict()

export const gridInputSchema = z
  .object({
    cells: z
      .array(z.object({ domain: domainSchema, organisationId: z.uuid(), role: z.enum(gridRoles) }).strict())
      .max(lifeDomains.length * 500),
  })
  .strict()
  .superRefine((value, ctx) => {
    const seen = new Set<string>()
    value.cells.forEach((cell, index) => {
      const key = `${cell.domain}|${cell.organisationId}`
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', message: 'grid-cell-duplicate', path: ['cells', index], input: cell })
      seen.add(key)
    })
  })

export const interfaceInputSchema = z
  .object({
    organisationAId: z.uuid(),
    organisationBId: z.uuid(),
    domain: domainSchema.nullable().default(null),
    process: text(300).min(1),
    problem: note(5000).min(1),
    solution: note(5000).default(''),
    status: z.enum(interfaceStatuses).default('open'),
  })
  .strict()
  .refine((value) => value.organisationAId !== value.organisationBId, {
    message: 'interface-same-organisation',
    path: ['organisationBId'],
  })

export const consultationInputSchema = z
  .object({
    bodyId: z.uuid(),
    heldOn: pastRecordDaySchema,
    feedback: note(10_000).default(''),
  })
  .strict()

export const conceptVersionSchema = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
    title: z.string(),
    status: z.enum(conceptStatuses),
    basedOnId: z.uuid().nullable(),
    adoptedOn: z.string().nullable(),
    adoptedBodyId: z.uuid().nullable(),
    adoptedBodyName: z.string().nullable(),
    adoptedDecisionId: z.uuid().nullable(),
    adoptedDecisionNumber: z.string().nullable(),
    adoptedReference: z.string(),
    createdByName: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'ConceptVersion' })
export type ConceptVersion = z.infer<typeof conceptVersionSchema>

export const conceptSectionSchema = z
  .object({
    id: z.uuid(),
    key: z.uuid().describe('The same in every version copied from this one'),
    position: z.number().int(),
    kind: z.enum(sectionKinds),
    domain: domainSchema.nullable(),
    title: z.string(),
    body: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'ConceptSection' })
export type ConceptSection = z.infer<typeof conceptSectionSchema>

export const conceptActorSchema = z.object({ id: z.uuid(), name: z.string(), kind: z.string() })
export type ConceptActor = z.infer<typeof conceptActorSchema>

export const gridCellSchema = z.object({
  domain: domainSchema,
  organisationId: z.uuid(),
  role: z.enum(['responsible', 'contributing']),
})
export type GridCell = z.infer<typeof gridCellSchema>

export const conceptGridSchema = z
  .object({
    domains: z.array(domainSchema),
    actors: z.array(conceptActorSchema).describe("The district's organisations that may be actors"),
    cells: z.array(gridCellSchema).describe('Cells with a role; every other cell has none'),
  })
  .meta({ id: 'ConceptGrid' })
export type ConceptGrid = z.infer<typeof conceptGridSchema>

export const conceptInterfaceSchema = z
  .object({
    id: z.uuid(),
    key: z.uuid(),
    position: z.number().int(),
    organisationAId: z.uuid(),
    organisationAName: z.string(),
    organisationBId: z.uuid(),
    organisationBName: z.string(),
    domain: domainSchema.nullable(),
    process: z.string(),
    problem: z.string(),
    solution: z.string(),
    status: z.enum(interfaceStatuses),
  })
  .meta({ id: 'ConceptInterface' })
export type ConceptInterface = z.infer<typeof conceptInterfaceSchema>

export const consultationSchema = z
  .object({
    id: z.uuid(),
    versionId: z.uuid(),
    versionNumber: z.number().int(),
    bodyId: z.uuid(),
    bodyName: z.string(),
    heldOn: z.string(),
    feedback: z.string(),
    createdByName: z.string(),
  })
  .meta({ id: 'ConceptConsultation' })
export type Consultation = z.infer<typeof consultationSchema>

export const conceptVersionDetailSchema = conceptVersionSchema
  .extend({
    sections: z.array(conceptSectionSchema),
    grid: conceptGridSchema,
    interfaces: z.array(conceptInterfaceSchema),
    consultations: z.array(consultationSchema),
  })
  .meta({ id: 'ConceptVersionDetail' })
export type ConceptVersionDetail = z.infer<typeof conceptVersionDetailSchema>

export const conceptOverviewSchema = z
  .object({
    versions: z.array(conceptVersionSchema).describe('Newest first'),
    consultations: z.array(consultationSchema).describe('Of every version, newest first'),
  })
  .meta({ id: 'ConceptOverview' })
export type ConceptOverview = z.infer<typeof conceptOverviewSchema>

/** Both are needed; the service says so after the policy, so that a reader without access learns nothing. */
export const compareQuerySchema = z.object({
  from: z.uuid().optional().describe('The older version'),
  to: z.uuid().optional().describe('The newer version'),
})

export const lineChangeSchema = z.object({
  op: z.enum(['same', 'removed', 'added']),
  text: z.string(),
})
export type LineChange = z.infer<typeof lineChangeSchema>

export const changeKinds = ['same', 'changed', 'added', 'removed'] as const
export type ChangeKind = (typeof changeKinds)[number]

export const conceptComparisonSchema = z
  .object({
    from: conceptVersionSchema,
    to: conceptVersionSchema,
    sections: z.array(
      z.object({
        key: z.uuid(),
        kind: z.enum(sectionKinds),
        domain: domainSchema.nullable(),
        fromTitle: z.string().nullable(),
        toTitle: z.string().nullable(),
        change: z.enum(changeKinds),
        lines: z.array(lineChangeSchema).describe('The paragraphs of both sides, line by line'),
      }),
    ),
    grid: z
      .array(
        z.object({
          domain: domainSchema,
          organisationId: z.uuid(),
          organisationName: z.string(),
          from: z.enum(gridRoles),
          to: z.enum(gridRoles),
        }),
      )
      .describe('Only the cells whose role changed'),
    interfaces: z.array(
      z.object({
        key: z.uuid(),
        change: z.enum(changeKinds),
        changedFields: z.array(z.string()),
        from: conceptInterfaceSchema.nullable(),
        to: conceptInterfaceSchema.nullable(),
      }),
    ),
  })
  .meta({ id: 'ConceptComparison' })
export type ConceptComparison = z.infer<typeof conceptComparisonSchema>
