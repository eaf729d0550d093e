import { queryOptions } from '@tanstack/react-query'
import type { Organisation } from '../../../../common/identity.ts'
import type { Page } from '../../../../common/pagination.ts'
import type {
  Body,
  BodyDetail,
  FeedTokenState,
  Meeting,
  MeetingDetail,
  RegisterEntry,
  SteeringOverview,
} from '../../../../common/steering.ts'
import { apiGet } from '../../api.ts'

/** Query keys of steering; a change to a body or meeting invalidates everything below `steering`. */
export const steeringKeys = {
  all: ['steering'] as const,
  bodies: ['steering', 'bodies'] as const,
  body: (bodyId: string) => ['steering', 'bodies', bodyId] as const,
  meetings: (params: string) => ['steering', 'meetings', params] as const,
  meeting: (meetingId: string) => ['steering', 'meeting', meetingId] as const,
  register: (params: string) => ['steering', 'register', params] as const,
  owners: ['steering', 'owners'] as const,
}

export const bodiesQuery = queryOptions({
  queryKey: steeringKeys.bodies,
  queryFn: ({ signal }) => apiGet<{ items: Body[] }>('/bodies', signal),
})

export const bodyQuery = (bodyId: string) =>
  queryOptions({
    queryKey: steeringKeys.body(bodyId),
    queryFn: ({ signal }) => apiGet<BodyDetail>(`/bodies/${bodyId}`, signal),
  })

export const meetingsQuery = (params: URLSearchParams) =>
  queryOptions({
    queryKey: steeringKeys.meetings(params.toString()),
    queryFn: ({ signal }) => apiGet<Page<Meeting>>(`/meetings?${params}`, signal),
  })

export const meetingQuery = (meetingId: string) =>
  queryOptions({
    queryKey: steeringKeys.meeting(meetingId),
    queryFn: ({ signal }) => apiGet<MeetingDetail>(`/meetings/${meetingId}`, signal),
  })

export const registerQuery = (params: URLSearchParams) =>
  queryOptions({
    queryKey: steeringKeys.register(params.toString()),
    queryFn: ({ signal }) => apiGet<Page<RegisterEntry>>(`/decisions?${params}`, signal),
  })

export const ownersQuery = queryOptions({
  queryKey: steeringKeys.owners,
  queryFn: ({ signal }) =>
    apiGet<{ items: { id: string; displayName: string }[] }>('/action-item-owners', signal),
})

export const organisationsQuery = queryOptions({
  queryKey: ['organisations'],
  queryFn: ({ signal }) => apiGet<Organisation[]>('/organisations', signal),
})

/** A meeting's day and times as the district counts them: `Mo., 29.03.2027, 10:00–12:00`. */
export function meetingWhen(
  meeting: Pick<Meeting, 'date' | 'startTime' | 'endTime'>,
  language: string,
): string {
  const [year, month, day] = meeting.date.split('-').map(Number) as [number, number, number]
  const weekday = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'de-DE', {
    weekday: 'short',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, month - 1, day)))
  const date =
    language === 'en'
      ? meeting.date
      : `${String(day).padStart(2, '0')}.${String(month).padStart(2, '0')}.${year}`
  return `${weekday} ${date}, ${meeting.startTime}–${meeting.endTime}`
}

export const overviewQuery = queryOptions({
  queryKey: ['steering', 'overview'] as const,
  queryFn: ({ signal }) => apiGet<SteeringOverview>('/steering/overview', signal),
})

/** Whether I have a calendar subscription address for the body (never the token itself). */
export const feedTokenQuery = (bodyId: string) =>
  queryOptions({
    queryKey: ['steering', 'feed-token', bodyId] as const,
    queryFn: ({ signal }) => apiGet<FeedTokenState>(`/bodies/${bodyId}/feed-token`, signal),
  })
