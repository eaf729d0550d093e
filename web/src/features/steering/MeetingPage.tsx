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
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type AttendanceStatus,
  actionItemInputSchema,
  agendaItemInputSchema,
  amendmentInputSchema,
  attendanceStatuses,
  decisionInputSchema,
  type MeetingDetail,
} from '../../../../common/steering.ts'
import { apiSend } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { DayInput } from '../../components/DateFields.tsx'
import { FormProblem } from '../../components/FormProblem.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { useSchemaValidator } from '../../schema-form.ts'
import { useCan } from '../../session.tsx'
import { formatDay, todayIso } from '../casework/format.ts'
import { CaseworkFormProblem, focusFirstInvalid, useFieldError } from '../casework/problems.tsx'
import { meetingQuery, meetingWhen, ownersQuery, steeringKeys } from './queries.ts'

/** A write to the meeting: the answer is the whole meeting, which replaces the cached one. */
function useMeetingChange<Input>(meeting: MeetingDetail, send: (input: Input) => Promise<MeetingDetail>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: send,
    onSuccess: (updated) => {
      queryClient.setQueryData(steeringKeys.meeting(meeting.id), updated)
      void queryClient.invalidateQueries({ queryKey: ['steering', 'register'] })
      void queryClient.invalidateQueries({ queryKey: ['tasks'] })
    },
  })
}

/** A one-line form on @mantine/form, checked with the API's schema. */
function useSmallForm<Values extends Record<string, unknown>, Input>(
  schema: Parameters<typeof useSchemaValidator>[0],
  initialValues: Values,
  toInput: (values: Values) => Input,
) {
  return useForm<Values>({ initialValues, validate: useSchemaValidator(schema, toInput) })
}

function AgendaForm({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation()
  const ref = useRef<HTMLFormElement>(null)
  const toInput = (values: { title: string }) => ({ title: values.title })
  const form = useSmallForm(agendaItemInputSchema, { title: '' }, toInput)
  const add = useMeetingChange(meeting, (input: { title: string }) =>
    apiSend<MeetingDetail>('POST', `/meetings/${meeting.id}/agenda-items`, input),
  )
  const error = useFieldError<{ title: string }>(form.errors, add.error)
  return (
    <form
      ref={ref}
      noValidate
      onSubmit={form.onSubmit(
        (values) => add.mutate(toInput(values), { onSuccess: () => form.reset() }),
        () => focusFirstInvalid(ref.current),
      )}
    >
      <Group align="flex-start">
        <TextInput
          label={t('steering.agenda.newItem')}
          required
          maxLength={300}
          {...form.getInputProps('title')}
          error={error('title')}
          w={420}
        />
        <Button type="submit" mt={25} loading={add.isPending}>
          {t('steering.agenda.add')}
        </Button>
      </Group>
    </form>
  )
}

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
              <Table.Td>{entry.organisationName ?? '–'}</Table.Td>
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

type DecisionValues = { number: string; text: string; agendaItemId: string | null }

function DecisionForm({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation()
  const ref = useRef<HTMLFormElement>(null)
  const toInput = (values: DecisionValues) => ({
    ...(values.number.trim() ? { number: values.number } : {}),
    text: values.text,
    agendaItemId: values.agendaItemId || null,
  })
  const form = useSmallForm(
    decisionInputSchema,
    { number: '', text: '', agendaItemId: null } as DecisionValues,
    toInput,
  )
  const add = useMeetingChange(meeting, (input: ReturnType<typeof toInput>) =>
    apiSend<MeetingDetail>('POST', `/meetings/${meeting.id}/decisions`, input),
  )
  const error = useFieldError<DecisionValues>(form.errors, add.error)
  return (
    <form
      ref={ref}
      noValidate
      onSubmit={form.onSubmit(
        (values) => add.mutate(toInput(values), { onSuccess: () => form.reset() }),
        () => focusFirstInvalid(ref.current),
      )}
    >
      <Stack gap="xs">
        <CaseworkFormProblem error={add.error} shown={['number', 'text', 'agendaItemId']} />
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label={t('steering.decisions.number')}
            description={t('steering.decisions.numberHint')}
            maxLength={30}
            {...form.getInputProps('number')}
            error={error('number')}
            w={180}
          />
          <Select
            label={t('steering.decisions.agendaItem')}
            data={meeting.agenda.map((item) => ({
              value: item.id,
              label: `TOP ${item.position}: ${item.title}`,
            }))}
            clearable
            {...form.getInputProps('agendaItemId')}
            error={error('agendaItemId')}
            w={320}
          />
        </Group>
        <Textarea
          label={t('steering.decisions.text')}
          required
          autosize
          minRows={2}
          maxLength={5000}
          {...form.getInputProps('text')}
          error={error('text')}
        />
        <Group>
          <Button type="submit" loading={add.isPending}>
            {t('steering.decisions.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

type ActionValues = { title: string; ownerId: string | null; dueOn: string }

function ActionItemForm({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation()
  const owners = useQuery(ownersQuery)
  const ref = useRef<HTMLFormElement>(null)
  const toInput = (values: ActionValues) => ({
    title: values.title,
    ownerId: values.ownerId ?? undefined,
    dueOn: values.dueOn || undefined,
  })
  const form = useSmallForm(
    actionItemInputSchema,
    { title: '', ownerId: null, dueOn: todayIso(14) } as ActionValues,
    toInput,
  )
  const add = useMeetingChange(meeting, (input: ReturnType<typeof toInput>) =>
    apiSend<MeetingDetail>('POST', `/meetings/${meeting.id}/action-items`, input),
  )
  const error = useFieldError<ActionValues>(form.errors, add.error)
  return (
    <form
      ref={ref}
      noValidate
      onSubmit={form.onSubmit(
        (values) => add.mutate(toInput(values), { onSuccess: () => form.reset() }),
        () => focusFirstInvalid(ref.current),
      )}
    >
      <Stack gap="xs">
        <CaseworkFormProblem error={add.error} shown={['title', 'ownerId', 'dueOn']} />
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label={t('steering.actions.titleField')}
            required
            maxLength={300}
            {...form.getInputProps('title')}
            error={error('title')}
            w={340}
          />
          <Select
            label={t('steering.actions.owner')}
            required
            searchable
            data={(owners.data?.items ?? []).map((owner) => ({ value: owner.id, label: owner.displayName }))}
            {...form.getInputProps('ownerId')}
            error={error('ownerId')}
            w={240}
          />
          <DayInput
            label={t('steering.actions.due')}
            required
            {...form.getInputProps('dueOn')}
            error={error('dueOn')}
            w={150}
          />
          <Button type="submit" mt={25} loading={add.isPending}>
            {t('steering.actions.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

function AmendmentForm({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation()
  const ref = useRef<HTMLFormElement>(null)
  const toInput = (values: { text: string }) => ({ text: values.text })
  const form = useSmallForm(amendmentInputSchema, { text: '' }, toInput)
  const add = useMeetingChange(meeting, (input: { text: string }) =>
    apiSend<MeetingDetail>('POST', `/meetings/${meeting.id}/amendments`, input),
  )
  const error = useFieldError<{ text: string }>(form.errors, add.error)
  return (
    <form
      ref={ref}
      noValidate
      onSubmit={form.onSubmit(
        (values) => add.mutate(toInput(values), { onSuccess: () => form.reset() }),
        () => focusFirstInvalid(ref.current),
      )}
    >
      <Stack gap="xs">
        <Textarea
          label={t('steering.minutes.newAmendment')}
          required
          autosize
          minRows={2}
          maxLength={5000}
          {...form.getInputProps('text')}
          error={error('text')}
        />
        <Group>
          <Button type="submit" variant="light" loading={add.isPending}>
            {t('steering.minutes.addAmendment')}
          </Button>
        </Group>
      </Stack>
    </form>
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
  const decisionsOf = (agendaItemId: string | null) =>
    meeting.decisions.filter((decision) => decision.agendaItemId === agendaItemId)
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

      <Stack gap="xs">
        <Title order={3}>{t('steering.agenda.title')}</Title>
        {meeting.agenda.length === 0 && <Text c="dimmed">{t('steering.agenda.empty')}</Text>}
        {meeting.agenda.map((item) => (
          <Stack key={item.id} gap={2}>
            <Text fw={600}>
              TOP {item.position}: {item.title}
            </Text>
            {item.description && <Text size="sm">{item.description}</Text>}
            {item.obstacleId && (
              <Anchor
                size="sm"
                renderRoot={(props) => (
                  <Link {...props} to="/obstacles" search={{ obstacle: item.obstacleId ?? undefined }} />
                )}
              >
                {t('obstacles.agenda.fromBoard')}
              </Anchor>
            )}
            {decisionsOf(item.id).map((decision) => (
              <Text
                key={decision.id}
                size="sm"
                pl="md"
                style={{ borderLeft: '3px solid var(--mantine-color-blue-3)' }}
              >
                <strong>{t('steering.decisions.label', { number: decision.number })}</strong> {decision.text}
              </Text>
            ))}
          </Stack>
        ))}
        {open && <AgendaForm meeting={meeting} />}
      </Stack>

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
          <List spacing={4}>
            {meeting.decisions.map((decision) => (
              <List.Item key={decision.id}>
                <strong>{decision.number}</strong>: {decision.text}
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
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {meeting.actionItems.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>{item.title}</Table.Td>
                  <Table.Td>{item.ownerName}</Table.Td>
                  <Table.Td>{formatDay(item.dueOn, i18n.language)}</Table.Td>
                  <Table.Td>
                    {item.done ? t('steering.actions.done') : item.taskId ? t('steering.actions.open') : '–'}
                  </Table.Td>
                </Table.Tr>
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

/** A meeting: invitation, agenda, attendance and quorum, minutes, decisions, action items, approval. */
export function MeetingPage({ meetingId }: { meetingId: string }) {
  const meeting = useQuery(meetingQuery(meetingId))
  return <QueryState query={meeting}>{(data) => <MeetingView meeting={data} />}</QueryState>
}
