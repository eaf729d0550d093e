import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import {
  type BodyDetail,
  type MeetingDetail,
  type MembershipRole,
  meetingInputSchema,
  membershipInputSchema,
  membershipRoles,
} from '../../../../common/steering.ts'
import { apiSend } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { DayInput } from '../../components/DateFields.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { useCan } from '../../session.tsx'
import { formatDay, todayIso } from '../casework/format.ts'
import { CalendarFeed } from './CalendarFeed.tsx'
import { bodyQuery, meetingsQuery, meetingWhen, organisationsQuery, steeringKeys } from './queries.ts'
import { SchemaForm, useSchemaForm } from './steering-form.tsx'

type MemberValues = {
  seatId: string | null
  organisationId: string | null
  representative: string
  deputy: string
  role: MembershipRole
  fromOn: string
}

function MemberForm({ body }: { body: BodyDetail }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const organisations = useQuery(organisationsQuery)
  const state = useSchemaForm({
    schema: membershipInputSchema,
    initialValues: {
      seatId: null,
      organisationId: null,
      representative: '',
      deputy: '',
      role: 'member',
      fromOn: todayIso(),
    } as MemberValues,
    toInput: (values: MemberValues) => ({
      ...values,
      seatId: values.seatId || null,
      organisationId: values.organisationId || null,
      fromOn: values.fromOn || undefined,
    }),
    send: (input: object) => apiSend<BodyDetail>('POST', `/bodies/${body.id}/members`, input),
    onSuccess: async (_body, form) => {
      await queryClient.invalidateQueries({ queryKey: steeringKeys.all })
      form.reset()
    },
  })
  const { form, error } = state
  return (
    <SchemaForm
      state={state}
      fields={['seatId', 'organisationId', 'representative', 'deputy', 'role', 'fromOn']}
    >
      <Stack gap="xs">
        <Group align="flex-start" wrap="wrap">
          <Select
            label={t('steering.member.seat')}
            data={body.seats.map((seat) => ({
              value: seat.id,
              label: seat.filled ? seat.label : `${seat.label} (${t('steering.seat.open')})`,
            }))}
            clearable
            {...form.getInputProps('seatId')}
            error={error('seatId')}
            w={280}
          />
          <Select
            label={t('steering.member.organisation')}
            data={(organisations.data ?? []).map((organisation) => ({
              value: organisation.id,
              label: organisation.name,
            }))}
            clearable
            searchable
            {...form.getInputProps('organisationId')}
            error={error('organisationId')}
            w={300}
          />
          <TextInput
            label={t('steering.member.representative')}
            required
            maxLength={200}
            {...form.getInputProps('representative')}
            error={error('representative')}
            w={240}
          />
          <TextInput
            label={t('steering.member.deputy')}
            maxLength={200}
            {...form.getInputProps('deputy')}
            error={error('deputy')}
            w={220}
          />
          <Select
            label={t('steering.member.role')}
            data={membershipRoles.map((role) => ({ value: role, label: t(`steering.roles.${role}`) }))}
            allowDeselect={false}
            {...form.getInputProps('role')}
            error={error('role')}
            w={140}
          />
          <DayInput
            label={t('steering.member.from')}
            required
            {...form.getInputProps('fromOn')}
            error={error('fromOn')}
            w={150}
          />
          <Button type="submit" mt={25} loading={state.mutation.isPending}>
            {t('steering.member.add')}
          </Button>
        </Group>
      </Stack>
    </SchemaForm>
  )
}

type MeetingValues = {
  title: string
  date: string
  startTime: string
  endTime: string
  place: string
  videoUrl: string
}

function MeetingForm({ bodyId }: { bodyId: string }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const state = useSchemaForm({
    schema: meetingInputSchema,
    initialValues: {
      title: '',
      date: todayIso(14),
      startTime: '10:00',
      endTime: '12:00',
      place: '',
      videoUrl: '',
    } as MeetingValues,
    toInput: (values: MeetingValues) => ({ bodyId, ...values, date: values.date || undefined }),
    send: (input: object) => apiSend<MeetingDetail>('POST', '/meetings', input),
    onSuccess: async (meeting) => {
      await queryClient.invalidateQueries({ queryKey: steeringKeys.all })
      void navigate({ to: `/steering/meetings/${meeting.id}` })
    },
  })
  const { form, error } = state
  return (
    <SchemaForm state={state} fields={['title', 'date', 'startTime', 'endTime', 'place', 'videoUrl']}>
      <Stack gap="xs">
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label={t('steering.meeting.title')}
            required
            maxLength={200}
            {...form.getInputProps('title')}
            error={error('title')}
            w={260}
          />
          <DayInput
            label={t('steering.meeting.date')}
            required
            {...form.getInputProps('date')}
            error={error('date')}
            w={150}
          />
          <TextInput
            label={t('steering.meeting.start')}
            type="time"
            required
            {...form.getInputProps('startTime')}
            error={error('startTime')}
            w={130}
          />
          <TextInput
            label={t('steering.meeting.end')}
            type="time"
            required
            {...form.getInputProps('endTime')}
            error={error('endTime')}
            w={130}
          />
          <TextInput
            label={t('steering.meeting.place')}
            maxLength={300}
            {...form.getInputProps('place')}
            error={error('place')}
            w={260}
          />
          <TextInput
            label={t('steering.meeting.video')}
            maxLength={500}
            placeholder="https://"
            {...form.getInputProps('videoUrl')}
            error={error('videoUrl')}
            w={260}
          />
          <Button type="submit" mt={25} loading={state.mutation.isPending}>
            {t('steering.meeting.plan')}
          </Button>
        </Group>
      </Stack>
    </SchemaForm>
  )
}

/** A body: its mandate, the seat plan with unfilled seats, its members and meetings. */
export function BodyPage({ bodyId }: { bodyId: string }) {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const body = useQuery(bodyQuery(bodyId))
  const meetings = useQuery(meetingsQuery(new URLSearchParams({ bodyId, limit: '50' })))
  return (
    <QueryState query={body}>
      {(data) => (
        <Stack maw={1200} gap="lg">
          <Stack gap={4}>
            <Anchor component={Link} to="/steering" size="sm">
              {t('steering.bodies.back')}
            </Anchor>
            <Title order={2}>{data.name}</Title>
            <Group gap="sm">
              <Badge variant="outline" color={statusColors.neutral}>
                {t(`steering.kinds.${data.kind}`)}
              </Badge>
              {data.parentBodyId && data.parentBodyName && (
                <Anchor component={Link} to={`/steering/bodies/${data.parentBodyId}`} size="sm">
                  {t('steering.body.under', { name: data.parentBodyName })}
                </Anchor>
              )}
              {(data.startsOn || data.endsOn) && (
                <Text size="sm" c="dimmed">
                  {formatDay(data.startsOn, i18n.language)} –{' '}
                  {data.endsOn ? formatDay(data.endsOn, i18n.language) : t('steering.body.open')}
                </Text>
              )}
            </Group>
            {data.topic && <Text fw={600}>{data.topic}</Text>}
            {data.mandate && <Text style={{ whiteSpace: 'pre-wrap' }}>{data.mandate}</Text>}
          </Stack>

          {data.seats.length > 0 && (
            <Stack gap="xs">
              <Title order={3}>
                {t('steering.seat.plan')}{' '}
                <Text span c="dimmed" size="md">
                  {t('steering.body.filledOf', { filled: data.filledSeatCount, total: data.seatCount })}
                </Text>
              </Title>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('steering.seat.seat')}</Table.Th>
                    <Table.Th>{t('steering.seat.holder')}</Table.Th>
                    <Table.Th>{t('steering.seat.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.seats.map((seat) => (
                    <Table.Tr key={seat.id}>
                      <Table.Td>{seat.label}</Table.Td>
                      <Table.Td>
                        {seat.holders.length === 0
                          ? '–'
                          : seat.holders
                              .map((holder) =>
                                holder.organisationName
                                  ? `${holder.representative} (${holder.organisationName})`
                                  : holder.representative,
                              )
                              .join(', ')}
                      </Table.Td>
                      <Table.Td>
                        {seat.filled ? (
                          <Badge color={statusColors.positive}>{t('steering.seat.filled')}</Badge>
                        ) : (
                          <Badge color={statusColors.warning}>{t('steering.seat.open')}</Badge>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          )}

          <Stack gap="xs">
            <Title order={3}>{t('steering.body.members')}</Title>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('steering.member.representative')}</Table.Th>
                  <Table.Th>{t('steering.member.organisation')}</Table.Th>
                  <Table.Th>{t('steering.member.deputy')}</Table.Th>
                  <Table.Th>{t('steering.member.role')}</Table.Th>
                  <Table.Th>{t('steering.member.period')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.members.map((member) => (
                  <Table.Tr key={member.id} c={member.active ? undefined : 'dimmed'}>
                    <Table.Td>{member.representative}</Table.Td>
                    <Table.Td>{member.organisationName ?? member.seatLabel ?? '–'}</Table.Td>
                    <Table.Td>{member.deputy || '–'}</Table.Td>
                    <Table.Td>{t(`steering.roles.${member.role}`)}</Table.Td>
                    <Table.Td>
                      {formatDay(member.fromOn, i18n.language)} –{' '}
                      {member.untilOn ? formatDay(member.untilOn, i18n.language) : ''}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {can('steering.manage') && <MemberForm body={data} />}
          </Stack>

          <Stack gap="xs">
            <Title order={3}>{t('steering.meetings.title')}</Title>
            <QueryState query={meetings}>
              {(page) =>
                page.items.length === 0 ? (
                  <Text c="dimmed">{t('steering.meetings.none')}</Text>
                ) : (
                  <Stack gap={4}>
                    {page.items.map((meeting) => (
                      <Group key={meeting.id} gap="sm">
                        <Anchor component={Link} to={`/steering/meetings/${meeting.id}`}>
                          {meeting.title}
                        </Anchor>
                        <Text size="sm" c="dimmed">
                          {meetingWhen(meeting, i18n.language)}
                        </Text>
                        {meeting.approvedAt && (
                          <Badge size="sm" color={statusColors.neutral}>
                            {t('steering.minutes.approvedBadge')}
                          </Badge>
                        )}
                      </Group>
                    ))}
                  </Stack>
                )
              }
            </QueryState>
            {can('steering.manage') && <MeetingForm bodyId={data.id} />}
            <CalendarFeed bodyId={data.id} />
          </Stack>
        </Stack>
      )}
    </QueryState>
  )
}
