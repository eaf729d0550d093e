import { Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { Case } from '../../../../common/casework.ts'
import { QueryState } from '../../components/QueryState.tsx'
import { useCan } from '../../session.tsx'
import { caseTasksQuery } from '../casework/queries.ts'
import { TaskForm, TaskItem } from './Tasks.tsx'

/** The case's tasks: open ones by due date, then the done ones; a new task is linked to the case. */
export function CaseTasksTab({ item }: { item: Case }) {
  const { t } = useTranslation()
  const can = useCan()
  const tasks = useQuery(caseTasksQuery(item.id))
  return (
    <Stack gap="lg">
      {can('task.own') && item.abilities['case.work'] && (
        <section aria-labelledby="task-new-heading">
          <Title order={3} size="h4" id="task-new-heading" mb="xs">
            {t('casework.tasks.new')}
          </Title>
          <TaskForm caseId={item.id} />
        </section>
      )}
      <section aria-labelledby="case-tasks-heading">
        <Title order={3} size="h4" id="case-tasks-heading" mb="xs">
          {t('casework.tabs.tasks')}
        </Title>
        <QueryState query={tasks}>
          {(list) => {
            const open = list.filter((task) => !task.doneAt)
            const done = list.filter((task) => task.doneAt)
            return list.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('casework.tasks.noneForCase')}
              </Text>
            ) : (
              <Stack gap="xs">
                {open.map((task) => (
                  <TaskItem key={task.id} task={task} showCase={false} />
                ))}
                {done.length > 0 && (
                  <Title order={4} size="h5" mt="sm">
                    {t('casework.tasks.doneHeading', { count: done.length })}
                  </Title>
                )}
                {done.map((task) => (
                  <TaskItem key={task.id} task={task} showCase={false} />
                ))}
              </Stack>
            )
          }}
        </QueryState>
      </section>
    </Stack>
  )
}
