import { Anchor, Badge, Card, Group, List, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import type { StaffingWarning } from '../../../../common/staffing.ts'
import { apiGet } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { QueryState } from '../../components/QueryState.tsx'
import { useCan } from '../../session.tsx'

// Its own query, not queries.ts: the start page must not pull the staffing pages' chunk (and zod) in.
const startWarningsQuery = {
  queryKey: ['staffing', 'warnings', 6] as const,
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    apiGet<{ items: StaffingWarning[] }>('/staffing/warnings?horizonMonths=6', signal),
}

/** A calendar day as the reader writes it; a day, not an instant (no shift by the browser's zone). */
const formatDay = (day: string, language: string) =>
  new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'de-DE', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`))

/** The coordinator's early warnings: what ends or falls vacant in the next six months, by date. */
export function StaffingStartCard() {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const warnings = useQuery({ ...startWarningsQuery, enabled: can('staffing.read') })
  if (!can('staffing.read')) return null
  return (
    <Card withBorder component="section" aria-labelledby="staffing-start-heading">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4" id="staffing-start-heading">
          {t('staffing.start.title')}
        </Title>
        <QueryState query={warnings}>
          {(list) => (
            <Badge
              color={list.items.length > 0 ? statusColors.warning : statusColors.positive}
              variant="filled"
            >
              {t('staffing.start.count', { count: list.items.length })}
            </Badge>
          )}
        </QueryState>
      </Group>
      <QueryState query={warnings}>
        {(list) =>
          list.items.length === 0 ? (
            <Text size="sm">{t('staffing.start.none')}</Text>
          ) : (
            <List size="sm" spacing={4} listStyleType="none" ml={0} pl={0}>
              {list.items.slice(0, 5).map((item) => (
                <List.Item key={`${item.kind}-${item.positionId}-${item.contractId ?? ''}-${item.date}`}>
                  <Text span size="sm" fw={600}>
                    {formatDay(item.date, i18n.language)}
                  </Text>{' '}
                  {t(`staffing.warningKinds.${item.kind}`)}: {item.staffName ?? item.positionTitle}
                </List.Item>
              ))}
            </List>
          )
        }
      </QueryState>
      <Group mt="sm" gap="md">
        <Anchor component={Link} to="/staffing/warnings" size="sm">
          {t('staffing.start.allWarnings')}
        </Anchor>
        <Anchor component={Link} to="/staffing/timeline" size="sm">
          {t('staffing.nav.timeline')}
        </Anchor>
      </Group>
    </Card>
  )
}
