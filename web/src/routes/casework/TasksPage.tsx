import { Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { Task } from '../../../../common/casework.ts'
import { todayIso } from '../../casework-format.ts'
import { myTasksQuery } from '../../casework-queries.ts'
import { TaskForm, TaskItem } from '../../components/casework/Tasks.tsx'
import { QueryState } from '../../components/QueryState.tsx'

function TaskGroup({
  id,
  title,
  tasks,
  empty,
}: {
  id: string
  title: string
  tasks: Task[]
  empty?: string
}) {
  if (tasks.length === 0 && !empty) return null
  return (
    <section aria-labelledby={id}>
      <Title order={3} size="h4" id={id} mb="xs">
        {title}
      </Title>
      {tasks.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Stack gap="xs">
          {tasks.map((task) => (
            <TaskItem key={task.id} task={task} />
          ))}
        </Stack>
      )}
    </section>
  )
}

/** My open tasks: overdue, due today, later; and a form for a new one. */
export function TasksPage() {
  const { t } = useTranslation()
  const tasks = useQuery(myTasksQuery)
  const today = todayIso()
  return (
    <Stack gap="lg" maw={1000}>
      <Title order={2}>{t('casework.tasks.title')}</Title>
      <section aria-labelledby="task-form-heading">
        <Title order={3} size="h4" id="task-form-heading" mb="xs">
          {t('casework.tasks.new')}
        </Title>
        <TaskForm />
      </section>
      <QueryState query={tasks}>
        {(list) => {
          const overdue = list.filter((task) => task.overdue)
          const dueToday = list.filter((task) => !task.overdue && task.dueOn === today)
          const later = list.filter((task) => !task.overdue && task.dueOn !== today)
          return (
            <>
              <Text size="sm" role="status">
                {t('casework.tasks.summary', { count: list.length, overdue: overdue.length })}
              </Text>
              <TaskGroup
                id="tasks-overdue"
                title={t('casework.tasks.groupOverdue', { count: overdue.length })}
                tasks={overdue}
              />
              <TaskGroup
                id="tasks-today"
                title={t('casework.tasks.groupToday')}
                tasks={dueToday}
                empty={t('casework.tasks.noneToday')}
              />
              <TaskGroup
                id="tasks-later"
                title={t('casework.tasks.groupLater')}
                tasks={later}
                empty={t('casework.tasks.noneLater')}
              />
            </>
          )
        }}
      </QueryState>
    </Stack>
  )
}
