import { Group, Select, Stack, Textarea, TextInput } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import {
  actionItemInputSchema,
  agendaItemInputSchema,
  amendmentInputSchema,
  decisionInputSchema,
  type MeetingDetail,
} from '../../../../common/steering.ts'
import { apiSend } from '../../api.ts'
import { DayInput } from '../../components/DateFields.tsx'
import { todayIso } from '../casework/format.ts'
import { ownersQuery, steeringKeys } from './queries.ts'
import { FormButtons, SchemaForm, useSchemaForm } from './steering-form.tsx'

/** A write to the meeting: the answer is the whole meeting, which replaces the cached one. */
export function useMeetingChange<Input>(
  meeting: MeetingDetail,
  send: (input: Input) => Promise<MeetingDetail>,
) {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn: send, onSuccess: meetingChanged(queryClient, meeting.id) })
}

function meetingChanged(queryClient: ReturnType<typeof useQueryClient>, meetingId: string) {
  return (updated: MeetingDetail) => {
    queryClient.setQueryData(steeringKeys.meeting(meetingId), updated)
    void queryClient.invalidateQueries({ queryKey: ['steering', 'register'] })
    void queryClient.invalidateQueries({ queryKey: ['steering', 'overview'] })
    void queryClient.invalidateQueries({ queryKey: ['tasks'] })
  }
}

/**
 * A form that adds a record to the meeting (POST) or corrects one (PUT `…/{id}`): the same fields
 * either way, and the meeting that comes back replaces the cached one.
 */
function useMeetingRecordForm<Values extends Record<string, unknown>, Input>(options: {
  meeting: MeetingDetail
  /** The records' path below the meeting: `agenda-items`, `decisions`, `action-items`. */
  collection: string
  editing?: string | undefined
  schema: Parameters<typeof useSchemaForm>[0]['schema']
  initialValues: Values
  toInput: (values: Values) => Input
  onDone?: (() => void) | undefined
}) {
  const queryClient = useQueryClient()
  const { meeting, collection, editing } = options
  const changed = meetingChanged(queryClient, meeting.id)
  return useSchemaForm({
    schema: options.schema,
    initialValues: options.initialValues,
    toInput: options.toInput,
    send: (input: Input) =>
      editing
        ? apiSend<MeetingDetail>('PUT', `/meetings/${meeting.id}/${collection}/${editing}`, input)
        : apiSend<MeetingDetail>('POST', `/meetings/${meeting.id}/${collection}`, input),
    onSuccess: (updated, form) => {
      changed(updated)
      if (!editing) form.reset()
      options.onDone?.()
    },
  })
}

type EditProps<Item> = { meeting: MeetingDetail; item?: Item; onDone?: () => void }

type AgendaValues = { title: string; description: string }

/** A new agenda item (TOP), or a correction of one. */
export function AgendaItemForm({ meeting, item, onDone }: EditProps<MeetingDetail['agenda'][number]>) {
  const { t } = useTranslation()
  const state = useMeetingRecordForm({
    meeting,
    collection: 'agenda-items',
    editing: item?.id,
    schema: agendaItemInputSchema,
    initialValues: { title: item?.title ?? '', description: item?.description ?? '' } as AgendaValues,
    toInput: (values: AgendaValues) => values,
    onDone,
  })
  const { form, error } = state
  return (
    <SchemaForm state={state} fields={['title', 'description']}>
      <Stack gap="xs">
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label={item ? t('steering.agenda.itemTitle') : t('steering.agenda.newItem')}
            required
            maxLength={300}
            {...form.getInputProps('title')}
            error={error('title')}
            w={420}
          />
          <Textarea
            label={t('steering.agenda.description')}
            autosize
            minRows={1}
            maxLength={5000}
            {...form.getInputProps('description')}
            error={error('description')}
            w={420}
          />
        </Group>
        <FormButtons
          label={item ? t('steering.edit.save') : t('steering.agenda.add')}
          pending={state.mutation.isPending}
          onCancel={onDone}
        />
      </Stack>
    </SchemaForm>
  )
}

type DecisionValues = { number: string; text: string; agendaItemId: string | null }

/** A decision: left without a number, the next free one is given; in an edit, the number stays. */
export function DecisionForm({ meeting, item, onDone }: EditProps<MeetingDetail['decisions'][number]>) {
  const { t } = useTranslation()
  const state = useMeetingRecordForm({
    meeting,
    collection: 'decisions',
    editing: item?.id,
    schema: decisionInputSchema,
    initialValues: {
      number: item?.number ?? '',
      text: item?.text ?? '',
      agendaItemId: item?.agendaItemId ?? null,
    } as DecisionValues,
    toInput: (values: DecisionValues) => ({
      ...(values.number.trim() ? { number: values.number } : {}),
      text: values.text,
      agendaItemId: values.agendaItemId || null,
      ...(item
        ? { votesFor: item.votesFor, votesAgainst: item.votesAgainst, abstentions: item.abstentions }
        : {}),
    }),
    onDone,
  })
  const { form, error } = state
  return (
    <SchemaForm state={state} fields={['number', 'text', 'agendaItemId']}>
      <Stack gap="xs">
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label={t('steering.decisions.number')}
            description={item ? undefined : t('steering.decisions.numberHint')}
            maxLength={30}
            {...form.getInputProps('number')}
            error={error('number')}
            w={180}
          />
          <Select
            label={t('steering.decisions.agendaItem')}
            data={meeting.agenda.map((agendaItem) => ({
              value: agendaItem.id,
              label: `TOP ${agendaItem.position}: ${agendaItem.title}`,
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
        <FormButtons
          label={item ? t('steering.edit.save') : t('steering.decisions.add')}
          pending={state.mutation.isPending}
          onCancel={onDone}
        />
      </Stack>
    </SchemaForm>
  )
}

type ActionValues = { title: string; ownerId: string | null; dueOn: string }

/** An action item with its owner and due day; it is (and stays) its owner's task. */
export function ActionItemForm({ meeting, item, onDone }: EditProps<MeetingDetail['actionItems'][number]>) {
  const { t } = useTranslation()
  const owners = useQuery(ownersQuery)
  const state = useMeetingRecordForm({
    meeting,
    collection: 'action-items',
    editing: item?.id,
    schema: actionItemInputSchema,
    initialValues: {
      title: item?.title ?? '',
      ownerId: item?.ownerId ?? null,
      dueOn: item?.dueOn ?? todayIso(14),
    } as ActionValues,
    toInput: (values: ActionValues) => ({
      title: values.title,
      ownerId: values.ownerId ?? undefined,
      dueOn: values.dueOn || undefined,
      ...(item ? { organisationId: item.organisationId, decisionId: item.decisionId } : {}),
    }),
    onDone,
  })
  const { form, error } = state
  return (
    <SchemaForm state={state} fields={['title', 'ownerId', 'dueOn']}>
      <Stack gap="xs">
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
        </Group>
        <FormButtons
          label={item ? t('steering.edit.save') : t('steering.actions.add')}
          pending={state.mutation.isPending}
          onCancel={onDone}
        />
      </Stack>
    </SchemaForm>
  )
}

/** An amendment to approved minutes. */
export function AmendmentForm({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation()
  const state = useMeetingRecordForm({
    meeting,
    collection: 'amendments',
    schema: amendmentInputSchema,
    initialValues: { text: '' },
    toInput: (values: { text: string }) => values,
  })
  const { form, error } = state
  return (
    <SchemaForm state={state} fields={['text']}>
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
        <FormButtons label={t('steering.minutes.addAmendment')} pending={state.mutation.isPending} />
      </Stack>
    </SchemaForm>
  )
}
