import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type AttendanceStatus, attendanceStatuses, type MeetingDetail } from '../../../../common/steering.ts'
import { apiSend } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { FormProblem } from '../../components/FormProblem.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { useCan } from '../../session.tsx'
import { formatDay } from '../casework/format.ts'
import { AgendaSection } from './AgendaSection.tsx'
import { ActionItemForm, AmendmentForm, DecisionForm, useMeetingChange } from './meeting-forms.tsx'
import { meetingQuery, meetingWhen } from './queries.ts'
import { ConfirmDelete } from './steering-form.tsx'
import { useEditing } from './use-editing.ts'

function Attendance({ meeting, editable }: { meeting: MeetingDetail; editable: boolean }) {
  const { t } = useTranslation()
  const [statuses, setStatuses] = useState<Record<string, AttendanceStatus | null>>(() =>
    Object.fromEntries(meeting.attendance.map((entry) => [entry.membershipId, entry.status])),
  )
  const save = useMeetingChange(meeting, (entries: { membershipId: string; status: AttendanceStatus }[]) =>
    apiSend<MeetingDetail>('PUT', `/meetings/${meeting.id}/attendance`, { entries }),
  )
  const entries = Object.entries(statuses).flatMap(([membershipId, status]) =>
    status ? [{ membershipId, status }] : [],
  )
  const { quorum } = meeting
  return (
    <Stack gap="xs">
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('steering.member.representative')}</Table.Th>
            <Table.Th>{t('steering.member.organisation')}</Table.Th>
            <Table.Th>{t('steering.member.role')}</Table.Th>
            <Table.Th>{t('steering.attendance.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {meeting.attendance.map((entry) => (
            <Table.Tr key={entry.membershipId}>
              <Table.Td>{entry.representative}</Table.Td>
              <Table.Td>{entry.organisationName ?? entry.seatLabel ?? '–'}</Table.Td>
              <Table.Td>{t(`steering.roles.${entry.role}`)}</Table.Td>
              <Table.Td>
                {editable ? (
                  <Select
                    aria-label={t('steering.attendance.statusOf', { name: entry.representative })}
                    data={attendanceStatuses.map((status) => ({
                      value: status,
                      label: t(`steering.attendance.${status}`),
                    }))}
                    value={statuses[entry.membershipId] ?? null}
                    onChange={(value) =>
                      setStatuses((current) => ({
                        ...current,
                        [entry.membershipId]: value as AttendanceStatus | null,
                      }))
                    }
                    placeholder={t('steering.attendance.unknown')}
                    size="xs"
                    w={160}
                  />
                ) : (
                  t(`steering.attendance.${entry.status ?? 'unknown'}`)
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Badge color={quorum.reached ? statusColors.positive : statusColors.warning} size="lg">
          {t(quorum.reached ? 'steering.attendance.quorate' : 'steering.attendance.notQuorate', {
            present: quorum.present,
            voting: quorum.votingMembers,
            required: quorum.required,
          })}
        </Badge>
        {editable && (
          <Button
            variant="light"
            onClick={() => save.mutate(entries)}
            loading={save.isPending}
            disabled={entries.length === 0}
          >
            {t('steering.attendance.save')}
          </Button>
        )}
      </Group>
      <FormProblem error={save.error} />
    </Stack>
  )
}

function Minutes({ meeting, editable }: { meeting: MeetingDetail; editable: boolean }) {
  const { t } = useTranslation()
  const [text, setText] = useState(meeting.minutes)
  const save = useMeetingChange(meeting, (minutes: string) =>
    apiSend<MeetingDetail>(
      'PUT',
      `/meetings/${meeting.id}/minutes`,
      { minutes },
      { 'if-match': `"${meeting.version}"` },
    ),
  )
  if (!editable) return <Text style={{ whiteSpace: 'pre-wrap' }}>{meeting.minutes || '–'}</Text>
  return (
    <Stack gap="xs">
      <Textarea
        label={t('steering.minutes.text')}
        autosize
        minRows={5}
        maxLength={50_000}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
      />
      <FormProblem error={save.error} />
      <Group>
        <Button
          variant="light"
          onClick={() => save.mutate(text)}
          loading={save.isPending}
          disabled={text === meeting.minutes}
        >
          {t('steering.minutes.save')}
        </Button>
      </Group>
    </Stack>
  )
}

function MeetingView({ meeting }: { meeting: MeetingDetail }) {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const manage = can('steering.manage')
  const open = manage && meeting.approvedAt === null
  const approve = useMeetingChange(meeting, () =>
    apiSend<MeetingDetail>('POST', `/meetings/${meeting.id}/approval`, undefined, {
      'if-match': `"${meeting.version}"`,
    }),
  )
  return (
    <Stack maw={1200} gap="lg">
      <Stack gap={4}>
        <Anchor component={Link} to={`/steering/bodies/${meeting.bodyId}`} size="sm">
          {meeting.bodyName}
        </Anchor>
        <Group gap="sm">
          <Title order={2}>{meeting.title}</Title>
          {meeting.approvedAt ? (
            <Badge color={statusColors.neutral}>
              {t('steering.minutes.approvedOn', {
                date: formatDay(meeting.approvedAt.slice(0, 10), i18n.language),
                name: meeting.approvedByName ?? '',
              })}
            </Badge>
          ) : (
            <Badge variant="outline" color={statusColors.neutral}>
              {t('steering.minutes.draft')}
            </Badge>
          )}
        </Group>
        <Text>{meetingWhen(meeting, i18n.language)}</Text>
        {meeting.place && <Text>{meeting.place}</Text>}
        {meeting.videoUrl && (
          <Anchor href={meeting.videoUrl} target="_blank" rel="noreferrer">
            {t('steering.meeting.videoLink')}
          </Anchor>
        )}
        <Group gap="md" mt="xs">
          <Anchor href={`/api/meetings/${meeting.id}/invitation.ics`}>
            {t('steering.meeting.invitation')}
          </Anchor>
          <Anchor
            href={`/api/meetings/${meeting.id}/minutes.docx?language=${i18n.language === 'en' ? 'en' : 'de'}`}
          >
            {t('steering.minutes.docx')}
          </Anchor>
          <Anchor
            href={`/api/meetings/${meeting.id}/minutes.pdf?language=${i18n.language === 'en' ? 'en' : 'de'}`}
            target="_blank"
          >
            {t('steering.minutes.pdf')}
          </Anchor>
        </Group>
      </Stack>

      <AgendaSection meeting={meeting} open={open} />

      <Stack gap="xs">
        <Title order={3}>{t('steering.attendance.title')}</Title>
        <Attendance key={meeting.version} meeting={meeting} editable={open} />
      </Stack>

      <Stack gap="xs">
        <Title order={3}>{t('steering.minutes.title')}</Title>
        <Minutes key={meeting.version} meeting={meeting} editable={open} />
      </Stack>

      <Stack gap="xs">
        <Title order={3}>{t('steering.decisions.title')}</Title>
        {meeting.decisions.length === 0 ? (
          <Text c="dimmed">{t('steering.decisions.none')}</Text>
        ) : (
          <List spacing={4} listStyleType="none" ml={0} pl={0}>
            {meeting.decisions.map((decision) => (
              <List.Item key={decision.id}>
                <DecisionRow meeting={meeting} decision={decision} open={open} />
              </List.Item>
            ))}
          </List>
        )}
        {open && <DecisionForm meeting={meeting} />}
      </Stack>

      <Stack gap="xs">
        <Title order={3}>{t('steering.actions.title')}</Title>
        {meeting.actionItems.length === 0 ? (
          <Text c="dimmed">{t('steering.actions.none')}</Text>
        ) : (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('steering.actions.titleField')}</Table.Th>
                <Table.Th>{t('steering.actions.owner')}</Table.Th>
                <Table.Th>{t('steering.actions.due')}</Table.Th>
                <Table.Th>{t('steering.actions.task')}</Table.Th>
                {open && <Table.Th>{t('steering.edit.column')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {meeting.actionItems.map((item) => (
                <ActionItemRow key={item.id} meeting={meeting} item={item} open={open} />
              ))}
            </Table.Tbody>
          </Table>
        )}
        {open && <ActionItemForm meeting={meeting} />}
      </Stack>

      {open && (
        <Alert color="blue" title={t('steering.minutes.approveTitle')}>
          <Stack gap="xs">
            <Text size="sm">{t('steering.minutes.approveHint')}</Text>
            <FormProblem error={approve.error} />
            <Group>
              <Button onClick={() => approve.mutate(undefined)} loading={approve.isPending}>
                {t('steering.minutes.approve')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}

      {meeting.approvedAt && (
        <Stack gap="xs">
          <Title order={3}>{t('steering.minutes.amendments')}</Title>
          {meeting.amendments.length === 0 && <Text c="dimmed">{t('steering.minutes.noAmendments')}</Text>}
          {meeting.amendments.map((amendment) => (
            <Text key={amendment.id} size="sm">
              {formatDay(amendment.createdAt.slice(0, 10), i18n.language)}, {amendment.createdByName}:{' '}
              {amendment.text}
            </Text>
          ))}
          {manage && <AmendmentForm meeting={meeting} />}
        </Stack>
      )}
    </Stack>
  )
}

function DecisionRow({
  meeting,
  decision,
  open,
}: {
  meeting: MeetingDetail
  decision: MeetingDetail['decisions'][number]
  open: boolean
}) {
  const { t } = useTranslation()
  const can = useCan()
  const editing = useEditing()
  const remove = useMeetingChange(meeting, () =>
    apiSend<MeetingDetail>('DELETE', `/meetings/${meeting.id}/decisions/${decision.id}`),
  )
  if (editing.active) return <DecisionForm meeting={meeting} item={decision} onDone={editing.stop} />
  return (
    <Stack gap={2}>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Text style={{ flex: 1 }}>
          <strong>{decision.number}</strong>: {decision.text}
        </Text>
        {can('steering.manage') && (
          <Button
            renderRoot={(props) => (
              <Link {...props} to="/goal-agreements" search={{ decision: decision.id }} />
            )}
            size="compact-sm"
            variant="light"
            aria-label={t('steering.decisions.createGoal', { number: decision.number })}
          >
            {t('steering.decisions.createGoalShort')}
          </Button>
        )}
        {open && (
          <Group gap={4} wrap="nowrap">
            <Button
              size="compact-sm"
              variant="subtle"
              onClick={editing.start}
              aria-label={t('steering.decisions.edit', { number: decision.number })}
            >
              {t('steering.edit.edit')}
            </Button>
            <ConfirmDelete
              label={t('steering.decisions.delete', { number: decision.number })}
              pending={remove.isPending}
              onConfirm={() => remove.mutate(undefined)}
            />
          </Group>
        )}
      </Group>
      <FormProblem error={remove.error} />
    </Stack>
  )
}

function ActionItemRow({
  meeting,
  item,
  open,
}: {
  meeting: MeetingDetail
  item: MeetingDetail['actionItems'][number]
  open: boolean
}) {
  const { t, i18n } = useTranslation()
  const editing = useEditing()
  const remove = useMeetingChange(meeting, () =>
    apiSend<MeetingDetail>('DELETE', `/meetings/${meeting.id}/action-items/${item.id}`),
  )
  if (editing.active)
    return (
      <Table.Tr>
        <Table.Td colSpan={5}>
          <ActionItemForm meeting={meeting} item={item} onDone={editing.stop} />
        </Table.Td>
      </Table.Tr>
    )
  return (
    <Table.Tr>
      <Table.Td>{item.title}</Table.Td>
      <Table.Td>{item.ownerName}</Table.Td>
      <Table.Td>{formatDay(item.dueOn, i18n.language)}</Table.Td>
      <Table.Td>
        {item.done ? t('steering.actions.done') : item.taskId ? t('steering.actions.open') : '–'}
      </Table.Td>
      {open && (
        <Table.Td>
          <Group gap={4} wrap="nowrap">
            <Button
              size="compact-sm"
              variant="subtle"
              onClick={editing.start}
              aria-label={t('steering.actions.edit', { title: item.title })}
            >
              {t('steering.edit.edit')}
            </Button>
            <ConfirmDelete
              label={t('steering.actions.delete', { title: item.title })}
              pending={remove.isPending}
              onConfirm={() => remove.mutate(undefined)}
            />
          </Group>
          <FormProblem error={remove.error} />
        </Table.Td>
      )}
    </Table.Tr>
  )
}

/** A meeting: invitation, agenda, attendance and quorum, minutes, decisions, action items, approval. */
export function MeetingPage({ meetingId }: { meetingId: string }) {
  const meeting = useQuery(meetingQuery(meetingId))
  return <QueryState query={meeting}>{(data) => <MeetingView meeting={data} />}</QueryState>
}
