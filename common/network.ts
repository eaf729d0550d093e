import { z } from 'zod'
import { type LifeDomain, lifeDomains } from './casework-values.ts'
import { dueDaySchema } from './dates.ts'
import { legalSpheres, organisationKinds } from './identity.ts'
import { pageOf, paginationQuerySchema } from './pagination.ts'
import { multiLineText, singleLineText } from './text.ts'

/**
 * The API contract of the network's directory and service map (Angebotslandkarte): the partner
 * profile beside identity's organisation, contact persons, services, and the overlap finder that
 * shows possible duplicate structures (Dopplungsstrukturen) to the steering group.
 */

/**
 * Domains of a service: the life domains of case work (Handlungsfelder), so that a need found in
 * an assessment and a service that answers it speak the same words.
 */
export const serviceDomains = lifeDomains
export type ServiceDomain = LifeDomain
/** 'other' says nothing about what two services share, so it never makes an overlap. */
export const overlapDomains: readonly ServiceDomain[] = serviceDomains.filter((domain) => domain !== 'other')

/** Whom a service is for. Exact groups: a service for families does not overlap one for seniors. */
export const targetGroups = [
  'newcomers',
  'refugees',
  'asylum-seekers',
  'families',
  'women',
  'children',
  'youth',
  'young-adults',
  'seniors',
  'skilled-workers',
  'eu-citizens',
  'people-with-disabilities',
] as const
export type TargetGroup = (typeof targetGroups)[number]

const text = (max: number) => singleLineText().trim().max(max)
const optionalText = (max: number) => text(max).default('')
const optionalNote = (max: number) => multiLineText().trim().max(max).default('')
const languageCode = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}$/, 'an ISO 639 code')
/** An e-mail address or nothing; checked loosely, as people type them into a directory. */
const optionalEmail = z
  .string()
  .trim()
  .max(200)
  .refine((value) => value === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value), 'email-invalid')
  .default('')
/** A phone number as people write it: digits, spaces, +, /, -, parentheses. */
const optionalPhone = z
  .string()
  .trim()
  .max(40)
  .refine((value) => value === '' || /^\+?[0-9][0-9 /()-]{2,38}$/.test(value), 'phone-invalid')
  .default('')
const optionalWebsite = z
  .string()
  .trim()
  .max(300)
  .refine((value) => value === '' || /^https?:\/\/[^\s]+$/.test(value), 'website-invalid')
  .default('')

export const contactPersonInputSchema = z
  .object({
    name: text(200).min(1),
    function: optionalText(200).describe('e.g. Teamleitung Integration, Migrationsberatung'),
    phone: optionalPhone,
    email: optionalEmail,
  })
  .strict()
export const contactPersonSchema = z
  .object({ id: z.uuid(), name: z.string(), function: z.string(), phone: z.string(), email: z.string() })
  .meta({ id: 'ContactPerson' })

const municipalityIds = (min: number) =>
  z
    .array(z.uuid())
    .min(min)
    .max(100)
    .refine((ids) => new Set(ids).size === ids.length, 'duplicate-entries')

/** What a partner shows of itself in the directory; the organisation's name and kind stay identity's. */
export const partnerProfileInputSchema = z
  .object({
    street: optionalText(200),
    postcode: z
      .string()
      .trim()
      .regex(/^(\d{5})?$/, 'five digits')
      .default(''),
    city: optionalText(100),
    phone: optionalPhone,
    email: optionalEmail,
    website: optionalWebsite,
    openingHours: optionalNote(1000).describe('As the organisation states them, e.g. "Mo–Do 8–16 Uhr"'),
    municipalityIds: municipalityIds(0).default([]).describe('Municipalities of the district it serves'),
    contactPersons: z.array(contactPersonInputSchema).max(30).default([]),
  })
  .strict()
  .meta({ id: 'PartnerProfileChange' })

export const directoryEntrySchema = z
  .object({
    id: z.uuid().describe("The organisation's id"),
    name: z.string(),
    kind: z.enum(organisationKinds),
    legalSpheres: z.array(z.enum(legalSpheres)),
    city: z.string(),
    municipalityIds: z.array(z.uuid()),
    contactPersonCount: z.number().int(),
    serviceCount: z.number().int().describe('Services of the organisation in the service map'),
  })
  .meta({ id: 'DirectoryEntry' })

export const directoryQuerySchema = z
  .object({
    q: text(100).optional().describe('Words in the name, a contact person, the city or a service'),
    kind: z.enum(organisationKinds).optional(),
    legalSphere: z.enum(legalSpheres).optional(),
    municipalityId: z.uuid().optional(),
  })
  .strict()

export const directoryListSchema = z
  .object({ items: z.array(directoryEntrySchema), total: z.number().int() })
  .meta({ id: 'Directory' })

export const partnerProfileSchema = z
  .object({
    organisationId: z.uuid(),
    name: z.string(),
    kind: z.enum(organisationKinds),
    legalSpheres: z.array(z.enum(legalSpheres)),
    street: z.string(),
    postcode: z.string(),
    city: z.string(),
    phone: z.string(),
    email: z.string(),
    website: z.string(),
    openingHours: z.string(),
    municipalityIds: z.array(z.uuid()),
    contactPersons: z.array(contactPersonSchema),
    version: z
      .number()
      .int()
      .describe('Of the profile; 0 while the organisation has none yet (If-Match "0")'),
    updatedAt: z.iso.datetime().nullable(),
    can: z.object({ edit: z.boolean(), editServices: z.boolean() }),
  })
  .meta({ id: 'PartnerProfile' })

/** A service (Angebot) of an organisation in the service map. */
export const serviceInputSchema = z
  .object({
    organisationId: z.uuid(),
    name: text(200).min(1),
    description: optionalNote(2000),
    domains: z.array(z.enum(serviceDomains)).min(1).max(serviceDomains.length),
    targetGroups: z.array(z.enum(targetGroups)).min(1).max(targetGroups.length),
    municipalityIds: municipalityIds(1).describe('Where it is offered (or whom it serves)'),
    languages: z.array(languageCode).max(30).default([]),
    eligibility: optionalNote(1000).describe('Who may use it, e.g. "Leistungsberechtigte nach dem AsylbLG"'),
    contact: optionalText(300).describe('Whom to ask, e.g. a name, phone or e-mail'),
    startsOn: dueDaySchema.nullable().default(null),
    endsOn: dueDaySchema.nullable().default(null),
  })
  .strict()
  .refine((value) => !value.startsOn || !value.endsOn || value.startsOn <= value.endsOn, {
    message: 'period-ends-before-start',
    path: ['endsOn'],
  })
  .meta({ id: 'ServiceChange' })

export const serviceSchema = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    organisationName: z.string(),
    name: z.string(),
    description: z.string(),
    domains: z.array(z.enum(serviceDomains)),
    targetGroups: z.array(z.enum(targetGroups)),
    municipalityIds: z.array(z.uuid()),
    languages: z.array(z.string()),
    eligibility: z.string(),
    contact: z.string(),
    startsOn: z.iso.date().nullable(),
    endsOn: z.iso.date().nullable(),
    version: z.number().int(),
    updatedAt: z.iso.datetime(),
    can: z.object({ edit: z.boolean() }),
  })
  .meta({ id: 'Service' })

export const serviceListQuerySchema = paginationQuerySchema
  .extend({
    q: text(100).optional(),
    organisationId: z.uuid().optional(),
    domain: z.enum(serviceDomains).optional(),
    targetGroup: z.enum(targetGroups).optional(),
    municipalityId: z.uuid().optional(),
    language: languageCode.optional(),
    current: z
      .enum(['true', 'false'])
      .optional()
      .describe('true: only services that have not ended before today (the default); false: all'),
  })
  .strict()
export const serviceListSchema = pageOf(serviceSchema).meta({ id: 'ServicePage' })

/** Per municipality: how many current services there are in each domain, for the overview. */
export const serviceOverviewSchema = z
  .object({
    municipalities: z.array(
      z.object({
        municipalityId: z.uuid(),
        name: z.string(),
        total: z.number().int().describe('Current services offered in the municipality'),
        byDomain: z.record(z.enum(serviceDomains), z.number().int()),
      }),
    ),
  })
  .meta({ id: 'ServiceOverview' })

export const overlapServiceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string(),
})

export const overlapSchema = z
  .object({
    services: z.tuple([overlapServiceSchema, overlapServiceSchema]).describe('Ordered by id'),
    domains: z.array(z.enum(serviceDomains)).describe('Shared, in every shared municipality'),
    targetGroups: z.array(z.enum(targetGroups)),
    municipalityIds: z.array(z.uuid()),
    intended: z
      .object({
        reason: z.string(),
        decidedBy: z.string().describe('Display name'),
        decidedAt: z.iso.datetime(),
      })
      .nullable()
      .describe('Set when the steering side marked the overlap as intended'),
  })
  .meta({ id: 'ServiceOverlap' })

export const overlapQuerySchema = z
  .object({
    municipalityId: z.uuid().optional(),
    domain: z.enum(serviceDomains).optional(),
    targetGroup: z.enum(targetGroups).optional(),
  })
  .strict()

export const overlapListSchema = z
  .object({
    items: z.array(overlapSchema).describe('Open overlaps first, then the intended ones'),
    open: z.number().int(),
    intended: z.number().int(),
    can: z.object({ decide: z.boolean() }),
  })
  .meta({ id: 'ServiceOverlaps' })

export const overlapDecisionInputSchema = z
  .object({
    serviceIds: z
      .tuple([z.uuid(), z.uuid()])
      .refine(([a, b]) => a !== b, 'same-service')
      .describe('The two services, in any order'),
    reason: multiLineText().trim().min(3).max(1000),
  })
  .strict()
  .meta({ id: 'OverlapDecision' })

export type ContactPerson = z.infer<typeof contactPersonSchema>
export type PartnerProfileInput = z.output<typeof partnerProfileInputSchema>
export type PartnerProfile = z.infer<typeof partnerProfileSchema>
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>
export type DirectoryQuery = z.infer<typeof directoryQuerySchema>
export type ServiceInput = z.output<typeof serviceInputSchema>
export type Service = z.infer<typeof serviceSchema>
export type ServiceListQuery = z.output<typeof serviceListQuerySchema>
export type ServiceOverview = z.infer<typeof serviceOverviewSchema>
export type Overlap = z.infer<typeof overlapSchema>
export type OverlapList = z.infer<typeof overlapListSchema>
export type OverlapQuery = z.infer<typeof overlapQuerySchema>
