import { queryOptions, useQuery } from '@tanstack/react-query'
import type { z } from 'zod'
import type {
  Assessment,
  Case,
  CaseDocument,
  CaseSummary,
  CaseWorkSettings,
  Contact,
  caseManagerSchema,
  matchResultSchema,
  Person,
  planSchema,
  savedViewSchema,
  shortConsultationSchema,
  Task,
  TaskDueGroup,
  TaskPage,
  TimelineEntry,
} from '../../../../common/casework.ts'
import type { Organisation, Team } from '../../../../common/identity.ts'
import type { Page } from '../../../../common/pagination.ts'
import { apiGet, apiSend } from '../../api.ts'
import { districtQuery } from '../../queries.ts'
import { useCan, useSession } from '../../session.tsx'

export type CaseManager = z.infer<typeof caseManagerSchema>
export type SavedView = z.infer<typeof savedViewSchema>
export type Plan = z.infer<typeof planSchema>
export type MatchResult = z.infer<typeof matchResultSchema>
export type ShortConsultation = z.infer<typeof shortConsultationSchema>

/** Query keys of case work; a case's records hang below its key so one invalidation refreshes them all. */
export const caseworkKeys = {
  cases: ['cases'] as const,
  caseList: (params: string) => ['cases', 'list', params] as const,
  case: (caseId: string) => ['cases', caseId] as const,
  caseRecord: (caseId: string, record: string) => ['cases', caseId, record] as const,
  person: (personId: string) => ['persons', personId] as const,
  myTasks: ['tasks', 'mine'] as const,
  views: ['case-views'] as const,
}

const path = (value: string) => encodeURIComponent(value)

export const casesQuery = (params: URLSearchParams) =>
  queryOptions({
    queryKey: caseworkKeys.caseList(params.toString()),
    queryFn: ({ signal }) => apiGet<Page<CaseSummary>>(`/cases?${params}`, signal),
    placeholderData: (previous) => previous,
  })

export const caseQuery = (caseId: string) =>
  queryOptions({
    queryKey: caseworkKeys.case(caseId),
    queryFn: ({ signal }) => apiGet<Case>(`/cases/${path(caseId)}`, signal),
  })

const record =
  <T>(name: string) =>
  (caseId: string) =>
    queryOptions({
      queryKey: caseworkKeys.caseRecord(caseId, name),
      queryFn: ({ signal }) => apiGet<T>(`/cases/${path(caseId)}/${name}`, signal),
    })

export const timelineQuery = record<TimelineEntry[]>('timeline')
export const assessmentsQuery = record<Assessment[]>('assessments')
export const planQuery = record<Plan>('plan')
export const contactsQuery = record<Contact[]>('contacts')
export const caseTasksQuery = record<Task[]>('tasks')
export const documentsQuery = record<CaseDocument[]>('documents')

export const personQuery = (personId: string) =>
  queryOptions({
    queryKey: caseworkKeys.person(personId),
    queryFn: ({ signal }) => apiGet<Person>(`/persons/${path(personId)}`, signal),
  })

/**
 * One page of my open tasks, of one group or of all; every answer carries the counts of all
 * groups, so the start page asks for a single task to show them.
 */
export const myTasksQuery = (group: TaskDueGroup | 'all', page = 1, pageSize = 20) =>
  queryOptions({
    queryKey: [...caseworkKeys.myTasks, group, page, pageSize],
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({
        include: 'open',
        limit: String(pageSize),
        offset: String((page - 1) * pageSize),
      })
      if (group !== 'all') params.set('group', group)
      return apiGet<TaskPage>(`/tasks?${params}`, signal)
    },
  })

export const savedViewsQuery = queryOptions({
  queryKey: caseworkKeys.views,
  queryFn: ({ signal }) => apiGet<SavedView[]>('/case-views', signal),
})

export const shortConsultationsQuery = queryOptions({
  queryKey: ['short-consultations'],
  queryFn: ({ signal }) => apiGet<ShortConsultation[]>('/short-consultations', signal),
})

export const caseWorkSettingsQuery = queryOptions({
  queryKey: ['case-work-settings'],
  queryFn: ({ signal }) => apiGet<CaseWorkSettings>('/case-work-settings', signal),
})

/** Likely existing records for a name; the server answers only with what the user may see. */
export const matchQuery = (input: { familyName: string; givenNames: string; birthDate: string | null }) =>
  queryOptions({
    queryKey: ['persons', 'match', input],
    queryFn: () => apiSend<MatchResult>('POST', '/persons/match', input),
    staleTime: 10_000,
  })

/**
 * The district's case managers, for those who may list cases. Others (administrators, coordinators,
 * report readers, the DPO) never ask: the server would refuse and audit the refusal.
 */
export function useCaseManagers() {
  const can = useCan()
  return useQuery({
    queryKey: ['case-managers'],
    queryFn: ({ signal }) => apiGet<CaseManager[]>('/case-managers', signal),
    staleTime: 5 * 60_000,
    enabled: can('case.list'),
  })
}

export function useTeams() {
  return useQuery({ queryKey: ['teams'], queryFn: ({ signal }) => apiGet<Team[]>('/teams', signal) })
}

export function useOrganisations() {
  return useQuery({
    queryKey: ['organisations'],
    queryFn: ({ signal }) => apiGet<Organisation[]>('/organisations', signal),
  })
}

/** The municipalities of the user's district, for selects, sorted by name. */
export function useMunicipalities() {
  const session = useSession()
  const district = useQuery({ ...districtQuery(session.user.districtId), staleTime: 10 * 60_000 })
  const municipalities = [...(district.data?.municipalities ?? [])].sort((a, b) =>
    a.name.localeCompare(b.name, 'de'),
  )
  return {
    query: district,
    options: municipalities.map((m) => ({ value: m.id, label: m.name })),
    nameOf: (id: string | null | undefined) => municipalities.find((m) => m.id === id)?.name ?? '–',
  }
}
