import { z } from 'zod'
import {
  type CasePhase,
  caseListQuerySchema,
  casePhases,
  type caseSorts,
  type LifeDomain,
} from '../../common/casework.ts'

/** URL search parameters of the case list and the case page, so that views can be linked and saved. */

export type CaseSort = (typeof caseSorts)[number]
/** `all` is the UI's own value: the API lists every phase when no phase is given. */
export type PhaseFilter = CasePhase | 'open' | 'all'

export type CaseListSearch = {
  phase?: PhaseFilter | undefined
  municipalityId?: string | undefined
  managerId?: string | undefined
  teamId?: string | undefined
  domain?: LifeDomain | undefined
  overdueTasks?: boolean | undefined
  residenceExpiringWithinDays?: number | undefined
  q?: string | undefined
  sort?: CaseSort | undefined
  direction?: 'asc' | 'desc' | undefined
  page?: number | undefined
}

/** The filters a saved view keeps: everything but the page. */
export const caseFilterKeys = [
  'phase',
  'municipalityId',
  'managerId',
  'teamId',
  'domain',
  'overdueTasks',
  'residenceExpiringWithinDays',
  'q',
  'sort',
  'direction',
] as const

/**
 * A parameter read with the API's own schema (`caseListQuerySchema` of `common/`), so the address
 * takes exactly what the API takes; a value it cannot read becomes `undefined`, on its own.
 */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined)
const apiParameter = caseListQuerySchema.shape

const maxSearchLength = apiParameter.q.unwrap().maxLength ?? 200

/**
 * The search parameters of the case list. The router hands over numbers, booleans and JSON values
 * already parsed (`?q=123` arrives as a number), so a search word may be a number and `true` may
 * come as a boolean or as text.
 */
export const caseListSearchSchema = z.object({
  phase: lenient(z.enum([...casePhases, 'open', 'all'])),
  municipalityId: lenient(apiParameter.municipalityId),
  managerId: lenient(apiParameter.managerId),
  teamId: lenient(apiParameter.teamId),
  domain: lenient(apiParameter.domain),
  overdueTasks: lenient(z.union([z.literal(true), z.literal('true').transform(() => true as const)])),
  residenceExpiringWithinDays: lenient(apiParameter.residenceExpiringWithinDays),
  q: lenient(
    z
      .union([z.string(), z.number()])
      .transform(String)
      .refine((value) => value.trim() !== '')
      .transform((value) => value.slice(0, maxSearchLength)),
  ),
  sort: lenient(apiParameter.sort.unwrap()),
  direction: lenient(apiParameter.direction.unwrap()),
  page: lenient(z.coerce.number().int().min(1).max(100_000)),
})

/**
 * Reads whatever is in the address (or a saved view) into known filters. A value that cannot be
 * read falls back to its default, each parameter on its own, so that a mistyped or outdated link
 * still opens the list. Every known key is returned, `undefined` where nothing could be read: the
 * router lays the validated search over the raw one, so a key left out would keep the raw value.
 */
export function parseCaseListSearch(raw: Record<string, unknown>): CaseListSearch {
  const parsed = caseListSearchSchema.parse(raw)
  return Object.fromEntries(
    Object.keys(caseListSearchSchema.shape).map((key) => [key, parsed[key as keyof typeof parsed]]),
  ) as CaseListSearch
}

/** Open cases unless the address says otherwise: that is what a case manager looks for first. */
export const effectivePhase = (search: CaseListSearch): PhaseFilter => search.phase ?? 'open'

/** The API's query for the filters (without paging), also used for the export link. */
export function caseListApiParams(search: CaseListSearch): URLSearchParams {
  const params = new URLSearchParams()
  const phase = effectivePhase(search)
  if (phase !== 'all') params.set('phase', phase)
  for (const key of ['municipalityId', 'managerId', 'teamId', 'domain', 'q', 'sort', 'direction'] as const) {
    const value = search[key]
    if (value) params.set(key, value)
  }
  // Only sent when set: without it the list is not filtered by tasks.
  if (search.overdueTasks) params.set('overdueTasks', 'true')
  if (search.residenceExpiringWithinDays) {
    params.set('residenceExpiringWithinDays', String(search.residenceExpiringWithinDays))
  }
  return params
}

/** The filters of a saved view, as the API stores them. */
export function viewFilters(search: CaseListSearch): Record<string, string | number | boolean> {
  const filters: Record<string, string | number | boolean> = {}
  for (const key of caseFilterKeys) {
    const value = search[key]
    if (value !== undefined) filters[key] = value
  }
  return filters
}

export const caseTabs = [
  'timeline',
  'assessment',
  'plan',
  'contacts',
  'tasks',
  'documents',
  'assignment',
] as const
export type CaseTab = (typeof caseTabs)[number]
export type CaseSearch = { tab?: CaseTab }

/** The open tab of a case; an unknown one (also kept with `undefined`, see above) opens the timeline. */
export function parseCaseSearch(raw: Record<string, unknown>): CaseSearch {
  return { tab: lenient(z.enum(caseTabs)).parse(raw.tab) }
}
