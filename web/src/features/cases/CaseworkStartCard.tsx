import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { statusColors } from '../../colors.ts'
import { QueryState } from '../../components/QueryState.tsx'
import { useCan } from '../../session.tsx'
import { Icon } from '../casework/icons.tsx'
import { myTasksQuery } from '../casework/queries.ts'

/** On the start page, for case work: how many of my tasks are open and overdue, and the way to the cases. */
export function CaseworkStartCard() {
  const { t } = useTranslation()
  const can = useCan()
  const show = can('case.list') && can('task.own')
  const tasks = useQuery({ ...myTasksQuery('all', 1, 1), enabled: show })
  if (!show) return null
  return (
    <Card withBorder component="section" aria-labelledby="casework-start-heading">
      <Title order={3} size="h4" id="casework-start-heading" mb="sm">
        {t('casework.start.title')}
      </Title>
      <QueryState query={tasks}>
        {(list) => {
          const overdue = list.groups.overdue
          return (
            <Stack gap={6}>
              <Text size="sm">{t('casework.start.openTasks', { count: list.total })}</Text>
              {overdue > 0 && (
                <Group gap={4} c={statusColors.negative}>
                  <Icon name="warning" size={16} />
                  <Text size="sm" fw={700} c={statusColors.negative}>
                    {t('casework.start.overdueTasks', { count: overdue })}
                  </Text>
                </Group>
              )}
              <Group gap="md">
                <Anchor component={Link} to="/tasks" size="sm">
                  {t('casework.start.toTasks')}
                </Anchor>
                <Anchor component={Link} to="/cases" size="sm">
                  {t('casework.start.toCases')}
                </Anchor>
              </Group>
            </Stack>
          )
        }}
      </QueryState>
    </Card>
  )
}
