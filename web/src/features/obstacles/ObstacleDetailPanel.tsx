import { Anchor, Badge, Button, Group, List, Select, Stack, Text, Textarea, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type ObstacleDetail,
  type ObstacleStatus,
  obstacleTransitions,
  openObstacleStatuses,
} from '../../../../common/obstacles.ts'
import { apiSend } from '../../api.ts'
import { QueryState } from '../../components/QueryState.tsx'
import { useCan } from '../../session.tsx'
import { CaseworkFormProblem, useFieldError } from '../casework/problems.tsx'
import { bodiesQuery, meetingsQuery, steeringKeys } from '../steering/queries.ts'
import { PersonalDataProblem } from './PersonalDataProblem.tsx'
import { goalAgreementsQuery, obstacleKeys, obstacleQuery } from './queries.ts'
import { ObstacleStatusBadge } from './status.tsx'

const upcomingMeetings = new URLSearchParams({ upcoming: 'true', limit: '50' })

function useObstacleChange<Input>(obstacleId: string, send: (input: Input) => Promise<ObstacleDetail>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: send,
    onSuccess: (updated) => {
      queryClient.setQueryData(obstacleKeys.detail(obstacleId), updated)
      void queryClient.invalidateQueries({ queryKey: ['obstacles', 'list'] })
      void queryClient.invalidateQueries({ queryKey: ['steering', 'overview'] })
    },
  })
}

const formatInstant = (iso: string, language: string) =>
  new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium' }).format(
    new Date(iso),
  )

/** One obstacle on the board: what it is, where it was seen, its history, and the coordinator's moves. */
export function ObstacleDetailPanel({ obstacleId }: { obstacleId: string }) {
  const query = useQuery(obstacleQuery(obstacleId))
  return <QueryState query={query}>{(obstacle) => <Detail obstacle={obstacle} />}</QueryState>
}

function Detail({ obstacle }: { obstacle: ObstacleDetail }) {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const manage = can('steering.manage')
  const open = openObstacleStatuses.includes(obstacle.status)
  return (
    <Stack gap="md">
      <Group gap="xs">
        <ObstacleStatusBadge status={obstacle.status} />
        <Badge variant="outline" color="dark">
          {t(`casework.domains.${obstacle.domain}`)}
        </Badge>
      </Group>
      <Text style={{ whiteSpace: 'pre-wrap' }}>{obstacle.description}</Text>
      <Text size="sm">
        <strong>{t('obstacles.fields.organisations')}:</strong>{' '}
        {obstacle.organisations.map((each) => each.name).join(', ') || '–'}
      </Text>
      {obstacle.workingGroupName && (
        <Text size="sm">
          <strong>{t('obstacles.fields.workingGroup')}:</strong>{' '}
          {obstacle.workingGroupId ? (
            <Anchor component={Link} to={`/steering/bodies/${obstacle.workingGroupId}`} size="sm">
              {obstacle.workingGroupName}
            </Anchor>
          ) : (
            obstacle.workingGroupName
          )}
        </Text>
      )}
      <Stack gap={4}>
        <Text size="sm">
          <strong>{t('obstacles.evidence', { count: obstacle.evidenceCount })}</strong>
          {' · '}
          {t('obstacles.raisedBy', {
            name: obstacle.raisedByName,
            date: formatInstant(obstacle.createdAt, i18n.language),
          })}
        </Text>
        {obstacle.cases.length > 0 && (
          <List size="sm">
            {obstacle.cases.map((kase) => (
              <List.Item key={kase.caseId}>
                <Anchor component={Link} to={`/cases/${kase.caseId}`} size="sm">
                  {kase.reference}
                </Anchor>
                {kase.raised && ` (${t('obstacles.raisedHere')})`}
              </List.Item>
            ))}
          </List>
        )}
        {obstacle.cases.length < obstacle.evidenceCount && (
          <Text size="xs" c="dimmed">
            {t('obstacles.hiddenCases', { count: obstacle.evidenceCount - obstacle.cases.length })}
          </Text>
        )}
      </Stack>
      {obstacle.agendaItems.length > 0 && (
        <Stack gap={4}>
          <Title order={4} size="h5">
            {t('obstacles.agenda.title')}
          </Title>
          <List size="sm">
            {obstacle.agendaItems.map((item) => (
              <List.Item key={item.agendaItemId}>
                <Anchor component={Link} to={`/steering/meetings/${item.meetingId}`} size="sm">
                  {item.meetingTitle}
                </Anchor>{' '}
                ({formatInstant(item.startsAt, i18n.language)})
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
      {obstacle.goalAgreements.length > 0 && (
        <Stack gap={4}>
          <Title order={4} size="h5">
            {t('obstacles.goals.title')}
          </Title>
          <List size="sm">
            {obstacle.goalAgreements.map((goal) => (
              <List.Item key={goal.id}>{goal.title}</List.Item>
            ))}
          </List>
        </Stack>
      )}
      <Stack gap={4}>
        <Title order={4} size="h5">
          {t('obstacles.history.title')}
        </Title>
        <List size="sm" spacing={4}>
          {obstacle.history.map((entry) => (
            <List.Item key={`${entry.toStatus}-${entry.changedAt}`}>
              <strong>{t(`obstacles.status.${entry.toStatus}`)}</strong>
              {entry.workingGroupName && ` → ${entry.workingGroupName}`} ·{' '}
              {formatInstant(entry.changedAt, i18n.language)} · {entry.changedByName}
              {entry.note && (
                <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                  {entry.note}
                </Text>
              )}
            </List.Item>
          ))}
        </List>
      </Stack>
      {manage && open && <StatusChange obstacle={obstacle} />}
      {manage && open && <AgendaPull obstacle={obstacle} />}
      {manage && can('goal-agreement.read') && <GoalLink obstacle={obstacle} />}
    </Stack>
  )
}

function StatusChange({ obstacle }: { obstacle: ObstacleDetail }) {
  const { t } = useTranslation()
  const next = obstacleTransitions[obstacle.status]
  const [status, setStatus] = useState<ObstacleStatus | null>(next[0] ?? null)
  const [note, setNote] = useState('')
  const [workingGroupId, setWorkingGroupId] = useState<string | null>(null)
  const bodies = useQuery(bodiesQuery)
  const change = useObstacleChange(obstacle.id, (input: object) =>
    apiSend<ObstacleDetail>('POST', `/obstacles/${obstacle.id}/status`, input),
  )
  const error = useFieldError<{ status: string; note: string; workingGroupId: string }>({}, change.error)
  const workingGroups = (bodies.data?.items ?? []).filter((body) => body.kind === 'working_group')
  return (
    <Stack gap="xs" component="section" aria-label={t('obstacles.move.title')}>
      <Title order={4} size="h5">
        {t('obstacles.move.title')}
      </Title>
      <PersonalDataProblem error={change.error} />
      <CaseworkFormProblem error={change.error} shown={['status', 'note', 'workingGroupId']} />
      <Select
        label={t('obstacles.move.to')}
        data={next.map((each) => ({ value: each, label: t(`obstacles.status.${each}`) }))}
        value={status}
        onChange={(value) => setStatus(value as ObstacleStatus | null)}
        allowDeselect={false}
        error={error('status')}
      />
      {status === 'assigned' && (
        <Select
          label={t('obstacles.fields.workingGroup')}
          data={workingGroups.map((body) => ({ value: body.id, label: body.name }))}
          value={workingGroupId}
          onChange={setWorkingGroupId}
          required
          error={error('workingGroupId')}
        />
      )}
      <Textarea
        label={t('obstacles.move.note')}
        description={t('obstacles.move.noteHint')}
        required
        autosize
        minRows={2}
        maxLength={2000}
        value={note}
        onChange={(event) => setNote(event.currentTarget.value)}
        error={error('note')}
      />
      <Group>
        <Button
          variant="light"
          disabled={!status || note.trim() === ''}
          loading={change.isPending}
          onClick={() =>
            change.mutate(
              { status, note, workingGroupId: status === 'assigned' ? workingGroupId : null },
              { onSuccess: () => setNote('') },
            )
          }
        >
          {t('obstacles.move.submit')}
        </Button>
      </Group>
    </Stack>
  )
}

function AgendaPull({ obstacle }: { obstacle: ObstacleDetail }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [meetingId, setMeetingId] = useState<string | null>(null)
  const meetings = useQuery(meetingsQuery(upcomingMeetings))
  const pull = useObstacleChange(obstacle.id, (input: { meetingId: string }) =>
    apiSend<ObstacleDetail>('POST', `/obstacles/${obstacle.id}/agenda-items`, input),
  )
  const already = new Set(obstacle.agendaItems.map((item) => item.meetingId))
  const choices = (meetings.data?.items ?? []).filter(
    (meeting) => meeting.approvedAt === null && !already.has(meeting.id),
  )
  return (
    <Stack gap="xs" component="section" aria-label={t('obstacles.agenda.pull')}>
      <Title order={4} size="h5">
        {t('obstacles.agenda.pull')}
      </Title>
      <CaseworkFormProblem error={pull.error} shown={[]} />
      <Group align="flex-end">
        <Select
          label={t('obstacles.agenda.meeting')}
          data={choices.map((meeting) => ({
            value: meeting.id,
            label: `${meeting.bodyName}: ${meeting.title} (${meeting.date})`,
          }))}
          value={meetingId}
          onChange={setMeetingId}
          w={360}
        />
        <Button
          variant="light"
          disabled={!meetingId}
          loading={pull.isPending}
          onClick={() =>
            meetingId &&
            pull.mutate(
              { meetingId },
              {
                onSuccess: () => {
                  setMeetingId(null)
                  void queryClient.invalidateQueries({ queryKey: steeringKeys.meeting(meetingId) })
                },
              },
            )
          }
        >
          {t('obstacles.agenda.submit')}
        </Button>
      </Group>
    </Stack>
  )
}

function GoalLink({ obstacle }: { obstacle: ObstacleDetail }) {
  const { t } = useTranslation()
  const [goalAgreementId, setGoalAgreementId] = useState<string | null>(null)
  const agreements = useQuery(goalAgreementsQuery)
  const link = useObstacleChange(obstacle.id, (input: { goalAgreementId: string }) =>
    apiSend<ObstacleDetail>('POST', `/obstacles/${obstacle.id}/goal-agreements`, input),
  )
  const linked = new Set(obstacle.goalAgreements.map((goal) => goal.id))
  const choices = (agreements.data?.items ?? []).filter((agreement) => !linked.has(agreement.id))
  if (choices.length === 0) return null
  return (
    <Stack gap="xs" component="section" aria-label={t('obstacles.goals.link')}>
      <Title order={4} size="h5">
        {t('obstacles.goals.link')}
      </Title>
      <CaseworkFormProblem error={link.error} shown={[]} />
      <Group align="flex-end">
        <Select
          label={t('obstacles.goals.agreement')}
          data={choices.map((agreement) => ({ value: agreement.id, label: agreement.title }))}
          value={goalAgreementId}
          onChange={setGoalAgreementId}
          w={360}
        />
        <Button
          variant="light"
          disabled={!goalAgreementId}
          loading={link.isPending}
          onClick={() =>
            goalAgreementId && link.mutate({ goalAgreementId }, { onSuccess: () => setGoalAgreementId(null) })
          }
        >
          {t('obstacles.goals.submit')}
        </Button>
      </Group>
    </Stack>
  )
}
