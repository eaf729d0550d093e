import { Button, Group, List, Radio, Select, Stack, Text, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { TFunction } from 'i18next'
import { useId, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type Case,
  type CasePhase,
  casePhases,
  closingReasons,
  type Goal,
  goalOutcomes,
  type openTaskDecisions,
  phaseChangeSchema,
  reopeningReasons,
  type Task,
} from '../../../../common/casework.ts'
import { ApiError, apiSend } from '../../api.ts'
import { Dialog } from '../../components/Dialog.tsx'
import { maxLengthOf, useSchemaValidator } from '../../schema-form.ts'
import { useEnumOptions } from '../casework/bits.tsx'
import { formatDay } from '../casework/format.ts'
import { CaseworkFormProblem, focusFirstInvalid, useFieldError } from '../casework/problems.tsx'
import { caseTasksQuery, caseworkKeys, planQuery } from '../casework/queries.ts'
import { taskTitle } from '../tasks/Tasks.tsx'

type Outcome = (typeof goalOutcomes)[number]
type OpenTaskDecision = (typeof openTaskDecisions)[number]
type Values = {
  closingReason: string | null
  reopeningReason: string | null
  note: string
  /** Outcomes the user chose; a goal not in here keeps its suggested outcome. */
  outcomes: Record<string, Outcome | null>
  openTaskDecision: OpenTaskDecision | null
}

/** What a goal's status suggests as its outcome when the case closes; the user confirms each. */
const suggestedOutcome = (goal: Goal): Outcome | null =>
  goal.outcome ?? (goal.status === 'achieved' ? 'reached' : goal.status === 'dropped' ? 'dropped' : null)

/** The label of a phase change: forwards, backwards, closing or reopening. */
export function transitionLabel(t: TFunction, from: CasePhase, to: CasePhase) {
  const phase = t(`casework.phases.${to}`)
  if (to === 'closed') return t('casework.case.close')
  if (from === 'closed') return t('casework.case.reopen', { phase })
  return casePhases.indexOf(to) > casePhases.indexOf(from)
    ? t('casework.case.forward', { phase })
    : t('casework.case.back', { phase })
}

function PhaseChangeForm({ item, to, onDone }: { item: Case; to: CasePhase; onDone: () => void }) {
  const { t } = useTranslation()
  const options = useEnumOptions()
  const queryClient = useQueryClient()
  const closing = to === 'closed'
  const reopening = item.phase === 'closed'
  const plan = useQuery({ ...planQuery(item.id), enabled: closing })
  const tasks = useQuery({ ...caseTasksQuery(item.id), enabled: closing })
  const openTasks = (tasks.data ?? []).filter((task) => !task.doneAt)
  const formRef = useRef<HTMLFormElement>(null)
  const goals = plan.data?.goals ?? []
  const outcomeOf = (values: Values, goal: Goal) =>
    goal.id in values.outcomes ? values.outcomes[goal.id] : suggestedOutcome(goal)
  /** The API's phase change; which reasons and outcomes a change needs is the server's rule. */
  const phaseChange = (values: Values) => ({
    to,
    ...(closing && values.closingReason ? { closingReason: values.closingReason } : {}),
    ...(reopening && values.reopeningReason ? { reopeningReason: values.reopeningReason } : {}),
    note: values.note,
    goalOutcomes: closing
      ? goals.flatMap((goal) => {
          const outcome = outcomeOf(values, goal)
          return outcome ? [{ goalId: goal.id, outcome }] : []
        })
      : [],
    ...(closing && values.openTaskDecision ? { openTasks: values.openTaskDecision } : {}),
  })
  const form = useForm<Values>({
    initialValues: {
      closingReason: null,
      reopeningReason: null,
      note: '',
      outcomes: {},
      openTaskDecision: null,
    },
    validate: useSchemaValidator(phaseChangeSchema, phaseChange),
  })
  const { closingReason, reopeningReason, note, outcomes, openTaskDecision } = form.values

  const change = useMutation({
    mutationFn: (body: ReturnType<typeof phaseChange>) =>
      apiSend<Case>('POST', `/cases/${item.id}/phase`, body, { 'if-match': `"${item.version}"` }),
    onSuccess: (updated, body) => {
      queryClient.setQueryData(caseworkKeys.case(item.id), updated)
      void queryClient.invalidateQueries({ queryKey: caseworkKeys.cases })
      if (body.openTasks === 'complete')
        void queryClient.invalidateQueries({ queryKey: caseworkKeys.myTasks })
      onDone()
    },
    onError: (error) => {
      // Someone else changed the case: load the new version so that the next try can succeed.
      if (error instanceof ApiError && error.status === 409) {
        void queryClient.invalidateQueries({ queryKey: caseworkKeys.case(item.id), exact: true })
      }
      // A task came in meanwhile: show it, so that the choice is made about every open task.
      if (error instanceof ApiError && error.problem?.code === 'open-tasks-decision-required') {
        void tasks.refetch()
      }
    },
  })
  const submit = form.onSubmit(
    (values) => change.mutate(phaseChange(values)),
    () => focusFirstInvalid(formRef.current),
  )
  const fieldError = useFieldError(form.errors, change.error)
  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t(`casework.phaseHints.${to}`)}</Text>
        <CaseworkFormProblem
          error={change.error}
          shown={['closingReason', 'reopeningReason', 'note', 'goalOutcomes', 'openTasks']}
        />
        {closing && (
          <Select
            label={t('casework.case.closingReason')}
            required
            data-autofocus
            data={options(closingReasons, 'closingReasons')}
            value={closingReason}
            onChange={(value) => form.setFieldValue('closingReason', value)}
            error={fieldError('closingReason')}
          />
        )}
        {closing && goals.length > 0 && (
          <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
            <Text component="legend" fw={500} size="sm">
              {t('casework.case.goalOutcomes')}
            </Text>
            {goals.map((goal) => (
              <Select
                key={goal.id}
                label={goal.statement}
                description={t(`casework.domains.${goal.domain}`)}
                required
                data={options(goalOutcomes, 'goalOutcomes')}
                value={outcomeOf(form.values, goal)}
                onChange={(value) =>
                  form.setFieldValue('outcomes', { ...outcomes, [goal.id]: value as Outcome | null })
                }
              />
            ))}
            {fieldError('goalOutcomes') && (
              <Text size="sm" c="red.9" role="alert">
                {fieldError('goalOutcomes')}
              </Text>
            )}
          </Stack>
        )}
        {closing && openTasks.length > 0 && (
          <OpenTasksChoice
            tasks={openTasks}
            value={openTaskDecision}
            onChange={(value) => form.setFieldValue('openTaskDecision', value)}
            error={fieldError('openTasks')}
          />
        )}
        {reopening && (
          <Select
            label={t('casework.case.reopeningReason')}
            required
            data-autofocus
            data={options(reopeningReasons, 'reopeningReasons')}
            value={reopeningReason}
            onChange={(value) => form.setFieldValue('reopeningReason', value)}
            error={fieldError('reopeningReason')}
          />
        )}
        <Textarea
          label={t('casework.case.phaseNote')}
          autosize
          minRows={2}
          maxLength={maxLengthOf(phaseChangeSchema, 'note')}
          value={note}
          onChange={(event) => form.setFieldValue('note', event.currentTarget.value)}
          error={fieldError('note')}
          data-autofocus={!closing && !reopening ? true : undefined}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={change.isPending} color={closing ? 'red.8' : undefined}>
            {transitionLabel(t, item.phase, to)}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/**
 * On closing: the case's open tasks, and whether they are done with the case or stay with whoever
 * they belong to. No choice is preselected; the server refuses to close without one.
 */
function OpenTasksChoice({
  tasks,
  value,
  onChange,
  error,
}: {
  tasks: Task[]
  value: OpenTaskDecision | null
  onChange: (value: OpenTaskDecision) => void
  error: string | undefined
}) {
  const { t, i18n } = useTranslation()
  const headingId = useId()
  return (
    <Stack gap="xs">
      <Text id={headingId} fw={500} size="sm">
        {t('casework.case.openTasks', { count: tasks.length })}
      </Text>
      <List size="sm" spacing={4} aria-labelledby={headingId}>
        {tasks.map((task) => (
          <List.Item key={task.id}>
            {taskTitle(task, t, i18n.language)}
            {' · '}
            {task.overdue
              ? t('casework.tasks.overdueSince', { date: formatDay(task.dueOn, i18n.language) })
              : t('casework.tasks.dueOnDate', { date: formatDay(task.dueOn, i18n.language) })}
            {' · '}
            {t('casework.tasks.for', { name: task.assigneeName })}
          </List.Item>
        ))}
      </List>
      <Radio.Group
        label={t('casework.case.openTasksQuestion')}
        required
        value={value}
        onChange={(choice) => onChange(choice as OpenTaskDecision)}
        error={error}
      >
        <Stack gap={6} mt={6}>
          <Radio value="complete" label={t('casework.case.openTasksComplete')} />
          <Radio value="keep" label={t('casework.case.openTasksKeep')} />
        </Stack>
      </Radio.Group>
    </Stack>
  )
}

export function PhaseChangeDialog({
  item,
  to,
  onClose,
}: {
  item: Case
  to: CasePhase | null
  onClose: () => void
}) {
  const { t } = useTranslation()
  return (
    <Dialog opened={to !== null} onClose={onClose} title={to ? transitionLabel(t, item.phase, to) : ''}>
      {to && <PhaseChangeForm item={item} to={to} onDone={onClose} />}
    </Dialog>
  )
}
