import {
  type CasePhase,
  caseListLimits,
  casePhases,
  caseSorts,
  type LifeDomain,
  lifeDomains,
} from '../../../../common/casework-values.ts'

/** URL search parameters of the case list and the case page, so that views can be linked and saved. */

export type CaseSort = (typeof caseSorts)[number]
/** `all` is the UI's own value: the API lists every phase when no phase is given. */
export type PhaseFilter = CasePhase | 'open' | 'all'

export type CaseListSearch = {
  phase?: PhaseFilter
  municipalityId?: string
  managerId?: string
  teamId?: string
  domain?: LifeDomain
  overdueTasks?: boolean
  residenceExpiringWithinDays?: number
  q?: string
  sort?: CaseSort
  direction?: 'asc' | 'desc'
  page?: number
}

/** The filters a saved view keeps: everything but the page. */
const caseFilterKeys = [
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

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const oneOf = <T extends string>(values: readonly T[], value: unknown): T | undefined =>
  values.includes(value as T) ? (value as T) : undefined
const id = (value: unknown) => (typeof value === 'string' && uuid.test(value) ? value : undefined)
const positive = (value: unknown, max: number) => {
  const number = typeof value === 'number' ? value : Number(value)
  return Number.isInteger(number) && number >= 1 && number <= max ? number : undefined
}

/** A search word from the address: the router hands over numbers and JSON values already parsed. */
const text = (value: unknown, max: number) =>
  (typeof value === 'string' || typeof value === 'number') && String(value).trim() !== ''
    ? String(value).slice(0, max)
    : undefined

/**
 * Reads whatever is in the address (or a saved view) into known filters, for the router's
 * `validateSearch`. Hand-written rather than with the API's zod schema on purpose: the router comes
 * with the first load, and zod there would push sign-in and start page over their 250 KB; value
 * lists and limits come from `common/casework-values.ts`, which the API's schema uses as well. A value that cannot be
 * read falls back to its default, each parameter on its own, so that a mistyped or outdated link
 * still opens the list. Every known key is returned, `undefined` where nothing could be read: the
 * router lays the validated search over the raw one, so a key left out would keep the raw value.
 */
export function parseCaseListSearch(raw: Record<string, unknown>): CaseListSearch {
  return {
    phase: oneOf<PhaseFilter>([...casePhases, 'open', 'all'], raw.phase),
    municipalityId: id(raw.municipalityId),
    managerId: id(raw.managerId),
    teamId: id(raw.teamId),
    domain: oneOf(lifeDomains, raw.domain),
    overdueTasks: raw.overdueTasks === true || raw.overdueTasks === 'true' ? true : undefined,
    residenceExpiringWithinDays: positive(
      raw.residenceExpiringWithinDays,
      caseListLimits.residenceExpiringWithinDays,
    ),
    q: text(raw.q, caseListLimits.searchLength),
    sort: oneOf(caseSorts, raw.sort),
    direction: oneOf(['asc', 'desc'] as const, raw.direction),
    page: positive(raw.page, caseListLimits.pages),
  }
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
  'referrals',
  'legal-sphere',
  'conferences',
  'obstacles',
  'assignment',
] as const
export type CaseTab = (typeof caseTabs)[number]
type CaseSearch = { tab?: CaseTab }

/** The open tab of a case; an unknown one (also kept with `undefined`, see above) opens the timeline. */
export function parseCaseSearch(raw: Record<string, unknown>): CaseSearch {
  return { tab: oneOf(caseTabs, raw.tab) }
}
