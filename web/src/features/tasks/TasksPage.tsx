import { Group, Pagination, Stack, Text, Title } from '@mantine/core'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TaskDueGroup } from '../../../../common/casework.ts'
import { ExportMenu } from '../../components/ExportMenu.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { myTasksQuery } from '../casework/queries.ts'
import { TaskForm, TaskItem } from './Tasks.tsx'

const pageSize = 20

/** The open groups, in the order a case manager works through them. */
const groups = ['overdue', 'today', 'this-week', 'later'] as const satisfies readonly TaskDueGroup[]
type OpenGroup = (typeof groups)[number]

const headingKeys = {
  overdue: 'casework.tasks.groupOverdue',
  today: 'casework.tasks.groupToday',
  'this-week': 'casework.tasks.groupThisWeek',
  later: 'casework.tasks.groupLater',
} as const
/** The group's name alone, while its count is not known yet: "(0)" would say it is empty. */
const nameKeys = {
  overdue: 'casework.tasks.groupName.overdue',
  today: 'casework.tasks.groupName.today',
  'this-week': 'casework.tasks.groupName.thisWeek',
  later: 'casework.tasks.groupName.later',
} as const
/** Groups that say so when empty; the others are left out then. */
const emptyKeys: Partial<Record<OpenGroup, 'casework.tasks.noneToday' | 'casework.tasks.noneLater'>> = {
  today: 'casework.tasks.noneToday',
  later: 'casework.tasks.noneLater',
}

/**
 * One group of my open tasks (overdue, today, this week, later), paged on the server: a long list
 * of reminders stays quick, and every group is in sight at once.
 */
function TaskGroup({ group }: { group: OpenGroup }) {
  const { t } = useTranslation()
  const [page, setPage] = useState(1)
  const tasks = useQuery({ ...myTasksQuery(group, page, pageSize), placeholderData: keepPreviousData })
  const id = `tasks-${group}`
  const count = tasks.data?.total ?? 0
  const heading = tasks.data ? t(headingKeys[group], { count }) : t(nameKeys[group])
  const empty = emptyKeys[group]
  if (tasks.isSuccess && count === 0 && !empty) return null
  const pages = Math.ceil(count / pageSize)
  return (
    <section aria-labelledby={id}>
      <Title order={3} size="h4" id={id} mb="xs">
        {heading}
      </Title>
      <QueryState query={tasks}>
        {(result) =>
          result.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {empty ? t(empty) : null}
            </Text>
          ) : (
            <Stack gap="xs">
              {result.items.map((task) => (
                <TaskItem key={task.id} task={task} />
              ))}
              {pages > 1 && (
                <Group justify="space-between" align="center">
                  <Text size="sm" c="dimmed">
                    {t('casework.tasks.shown', {
                      from: result.offset + 1,
                      to: result.offset + result.items.length,
                      count: result.total,
                    })}
                  </Text>
                  <Pagination
                    total={pages}
                    value={Math.min(page, pages)}
                    onChange={setPage}
                    size="sm"
                    getControlProps={(control) => ({
                      'aria-label': t(`casework.tasks.pagination.${control}`, {
                        group: heading,
                      }),
                    })}
                    getItemProps={(item) => ({
                      'aria-label': t('casework.tasks.pagination.page', {
                        page: item,
                        group: heading,
                      }),
                    })}
                  />
                </Group>
              )}
            </Stack>
          )
        }
      </QueryState>
    </section>
  )
}

/** My open tasks grouped by when they are due, in days of the district's time zone; and a form for a new one. */
export function TasksPage() {
  const { t } = useTranslation()
  // The counts of every group come with each page; this one asks for a single task to get them.
  const summary = useQuery(myTasksQuery('all', 1, 1))
  return (
    <Stack gap="lg" maw={1000}>
      <Group justify="space-between" align="flex-start">
        <Title order={2}>{t('casework.tasks.title')}</Title>
        <ExportMenu path="/tasks/export" query={{ include: 'all' }} listName={t('casework.tasks.title')} />
      </Group>
      <section aria-labelledby="task-form-heading">
        <Title order={3} size="h4" id="task-form-heading" mb="xs">
          {t('casework.tasks.new')}
        </Title>
        <TaskForm />
      </section>
      <QueryState query={summary}>
        {(result) => (
          <Text size="sm" role="status">
            {t('casework.tasks.summary', { count: result.total, overdue: result.groups.overdue })}
          </Text>
        )}
      </QueryState>
      {groups.map((group) => (
        <TaskGroup key={group} group={group} />
      ))}
    </Stack>
  )
}
