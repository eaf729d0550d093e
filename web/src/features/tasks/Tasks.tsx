import {
  Anchor,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import type { TFunction } from 'i18next'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type Task, taskInputSchema } from '../../../../common/casework.ts'
import { ApiError, apiSend } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { DayInput } from '../../components/DateFields.tsx'
import { maxLengthOf, useSchemaValidator } from '../../schema-form.ts'
import { useSession } from '../../session.tsx'
import { formatDay, personName, todayIso } from '../casework/format.ts'
import { Icon } from '../casework/icons.tsx'
import {
  CaseworkFormProblem,
  focusFirstInvalid,
  useCaseworkProblems,
  useFieldError,
} from '../casework/problems.tsx'
import { useCaseManagers } from '../casework/queries.ts'

/** Tasks live in two lists (mine, the case's): both are refreshed after any change. */
const refreshTasks = (queryClient: ReturnType<typeof useQueryClient>, caseId: string | null) => {
  void queryClient.invalidateQueries({ queryKey: ['tasks'] })
  if (caseId) void queryClient.invalidateQueries({ queryKey: ['cases', caseId] })
}

type TaskFormValues = { title: string; dueOn: string; assigneeId: string | null }

/** A new task (Wiedervorlage): for me unless someone else is chosen; linked to a case if given. */
export function TaskForm({
  caseId = null,
  personId = null,
}: {
  caseId?: string | null
  personId?: string | null
}) {
  const { t, i18n } = useTranslation()
  const session = useSession()
  const queryClient = useQueryClient()
  const managers = useCaseManagers()
  const titleRef = useRef<HTMLInputElement>(null)
  const formRef = useRef<HTMLFormElement>(null)
  const toInput = (values: TaskFormValues) => ({
    title: values.title,
    dueOn: values.dueOn || undefined,
    ...(values.assigneeId ? { assigneeId: values.assigneeId } : {}),
    caseId,
    personId,
  })
  const form = useForm<TaskFormValues>({
    initialValues: { title: '', dueOn: todayIso(7), assigneeId: session.user.id },
    validate: useSchemaValidator(taskInputSchema, toInput),
  })
  const [notice, setNotice] = useState('')
  const create = useMutation({
    mutationFn: (body: ReturnType<typeof toInput>) => apiSend<Task>('POST', '/tasks', body),
    onSuccess: (task) => {
      refreshTasks(queryClient, caseId)
      setNotice(
        t('casework.tasks.created', { title: task.title, date: formatDay(task.dueOn, i18n.language) }),
      )
      form.setFieldValue('title', '')
      titleRef.current?.focus()
    },
  })
  const submit = form.onSubmit(
    (values) => {
      setNotice('')
      create.mutate(toInput(values))
    },
    () => focusFirstInvalid(formRef.current),
  )
  const error = useFieldError<TaskFormValues>(form.errors, create.error)
  const assignees = (managers.data ?? []).map((manager) => ({
    value: manager.id,
    label: manager.displayName,
  }))
  if (!assignees.some((option) => option.value === session.user.id)) {
    assignees.unshift({ value: session.user.id, label: session.user.displayName })
  }
  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="xs">
        <CaseworkFormProblem error={create.error} shown={['title', 'dueOn', 'assigneeId']} />
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            ref={titleRef}
            label={t('casework.tasks.titleField')}
            required
            maxLength={maxLengthOf(taskInputSchema, 'title')}
            {...form.getInputProps('title')}
            error={error('title')}
            w={340}
          />
          <DayInput
            label={t('casework.tasks.dueOn')}
            required
            {...form.getInputProps('dueOn')}
            error={error('dueOn')}
            w={160}
          />
          <Select
            label={t('casework.tasks.assignee')}
            data={assignees}
            {...form.getInputProps('assigneeId')}
            error={error('assigneeId')}
            allowDeselect={false}
            searchable
            openOnFocus={false}
            w={240}
          />
          <Button type="submit" loading={create.isPending} mt={25}>
            {t('casework.tasks.add')}
          </Button>
        </Group>
        <Text size="sm" role="status" c={statusColors.positive} fw={600}>
          {notice}
        </Text>
      </Stack>
    </form>
  )
}

/** Due date with "overdue" or "today" in words, an icon and colour. */
function DueDate({ task }: { task: Task }) {
  const { t, i18n } = useTranslation()
  const date = formatDay(task.dueOn, i18n.language)
  if (task.doneAt) return <Text size="sm">{t('casework.tasks.dueWas', { date })}</Text>
  if (task.overdue) {
    return (
      <Group gap={4} c={statusColors.negative} wrap="nowrap">
        <Icon name="warning" size={16} />
        <Text size="sm" fw={700} c={statusColors.negative}>
          {t('casework.tasks.overdueSince', { date })}
        </Text>
      </Group>
    )
  }
  if (task.dueGroup === 'today') {
    return (
      <Group gap={4} c={statusColors.warning} wrap="nowrap">
        <Icon name="calendar" size={16} />
        <Text size="sm" fw={700} c={statusColors.warning}>
          {t('casework.tasks.dueToday')}
        </Text>
      </Group>
    )
  }
  return <Text size="sm">{t('casework.tasks.dueOnDate', { date })}</Text>
}

/**
 * A residence reminder says whose title runs out and when (the name only to whom may read the
 * person); other tasks carry the title their author gave them.
 */
export function taskTitle(task: Task, t: TFunction, language: string): string {
  if (task.source !== 'residence-expiry') return task.title
  if (!task.residence) return t('casework.tasks.residenceExpiry')
  const date = formatDay(task.residence.validUntil, language)
  return task.person
    ? t('casework.tasks.residenceExpiryOf', { name: personName(task.person), date })
    : t('casework.tasks.residenceExpiryOn', { date })
}

/**
 * One task with a "done" checkbox for the assignee (the API lets only assignee and creator
 * change a task and tells neither; the assignee is the one who knows).
 */
export function TaskItem({ task, showCase = true }: { task: Task; showCase?: boolean }) {
  const { t, i18n } = useTranslation()
  const session = useSession()
  const problems = useCaseworkProblems()
  const queryClient = useQueryClient()
  const title = taskTitle(task, t, i18n.language)
  const done = useMutation({
    mutationFn: (value: boolean) =>
      apiSend<Task>(
        'PUT',
        `/tasks/${task.id}`,
        { title: task.title, dueOn: task.dueOn, assigneeId: task.assigneeId, done: value },
        { 'if-match': `"${task.version}"` },
      ),
    onSettled: (_data, error) => {
      if (!error || (error instanceof ApiError && error.status === 409))
        refreshTasks(queryClient, task.caseId)
    },
  })
  const mine = task.assigneeId === session.user.id
  return (
    <Paper withBorder px="sm" py={6}>
      <Group justify="space-between" align="center" wrap="wrap" gap="xs">
        <Group gap="sm" wrap="wrap">
          {mine ? (
            <Checkbox
              label={
                <Text span fw={600} size="sm" td={task.doneAt ? 'line-through' : undefined}>
                  {title}
                  <VisuallyHidden> ({t('casework.tasks.markDone')})</VisuallyHidden>
                </Text>
              }
              checked={task.doneAt !== null}
              disabled={done.isPending}
              onChange={(event) => done.mutate(event.currentTarget.checked)}
            />
          ) : (
            <Text fw={600} size="sm">
              {title}
              {task.doneAt && ` (${t('casework.tasks.done')})`}
            </Text>
          )}
          {task.person ? (
            <Anchor component={Link} to={`/persons/${task.person.id}`} size="sm">
              {personName(task.person)}
            </Anchor>
          ) : (
            task.source === 'residence-expiry' &&
            task.personId && (
              <Anchor component={Link} to={`/persons/${task.personId}`} size="sm">
                {t('casework.tasks.openPerson')}
              </Anchor>
            )
          )}
          {task.residence && (
            <Text size="sm" c="dimmed">
              {t(`casework.residenceStatuses.${task.residence.status}`)}
            </Text>
          )}
          {showCase && task.caseId && (
            <Anchor component={Link} to={`/cases/${task.caseId}`} size="sm">
              {t('casework.tasks.case', { reference: task.caseReference ?? '' })}
            </Anchor>
          )}
          {!mine && (
            <Text size="sm" c="dimmed">
              {t('casework.tasks.for', { name: task.assigneeName })}
            </Text>
          )}
        </Group>
        <DueDate task={task} />
      </Group>
      {done.error && (
        <Text size="sm" c="red.9" role="alert">
          {problems.message(done.error)}
        </Text>
      )}
    </Paper>
  )
}
