import { Group, List, Select, Skeleton, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { lazy, Suspense, useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type Baustein,
  bausteine,
  type EmployerKind,
  employerKinds,
  type PositionState,
} from '../../../../common/staffing.ts'
import { QueryState } from '../../components/QueryState.tsx'
import { formatDay } from '../casework/format.ts'
import { timelineQuery } from './queries.ts'
import { StaffingNav } from './StaffingNav.tsx'

const TimelineChart = lazy(() => import('./TimelineChart.tsx'))

/** Every position over the next 24 months: contracts as bars, gaps in red, filtered by Baustein and employer. */
export function TimelinePage() {
  const { t, i18n } = useTranslation()
  const timeline = useQuery(timelineQuery)
  const [baustein, setBaustein] = useState<Baustein | null>(null)
  const [employer, setEmployer] = useState<EmployerKind | null>(null)
  const stateLabel = useCallback((state: PositionState) => t(`staffing.states.${state}`), [t])
  const monthLabel = useCallback(
    (day: string) =>
      new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'de-DE', {
        month: 'short',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(new Date(`${day}T00:00:00Z`)),
    [i18n.language],
  )
  return (
    <Stack maw={1300} gap="lg">
      <Title order={2}>{t('staffing.timeline.title')}</Title>
      <StaffingNav />
      <Group>
        <Select
          label={t('staffing.filter.baustein')}
          data={bausteine.map((value) => ({ value, label: t(`staffing.bausteine.${value}`) }))}
          value={baustein}
          onChange={(value) => setBaustein(value as Baustein | null)}
          clearable
          w={300}
        />
        <Select
          label={t('staffing.filter.employer')}
          data={employerKinds.map((value) => ({ value, label: t(`staffing.employers.${value}`) }))}
          value={employer}
          onChange={(value) => setEmployer(value as EmployerKind | null)}
          clearable
          w={260}
        />
      </Group>
      <QueryState query={timeline}>
        {(data) => {
          const rows = data.rows.filter(
            (row) =>
              (baustein === null || row.baustein === baustein) &&
              (employer === null || row.employerKind === employer),
          )
          return (
            <>
              <Text size="sm">
                {t('staffing.timeline.legend', {
                  from: formatDay(data.from, i18n.language),
                  until: formatDay(data.to, i18n.language),
                })}
              </Text>
              {rows.length === 0 ? (
                <Text>{t('staffing.positions.none')}</Text>
              ) : (
                <figure style={{ margin: 0 }} aria-labelledby="timeline-caption">
                  <Suspense fallback={<Skeleton height={80 + rows.length * 34} />}>
                    <TimelineChart
                      timeline={data}
                      rows={rows}
                      stateLabel={stateLabel}
                      monthLabel={monthLabel}
                    />
                  </Suspense>
                  <figcaption id="timeline-caption">
                    <Title order={3} size="h5" mt="sm" mb={4}>
                      {t('staffing.timeline.asText')}
                    </Title>
                    <List size="sm" spacing={2}>
                      {rows.map((row) => (
                        <List.Item key={row.positionId}>
                          <Text span size="sm" fw={600}>
                            {row.title}:
                          </Text>{' '}
                          {row.segments
                            .map(
                              (segment) =>
                                `${formatDay(segment.from, i18n.language)}–${formatDay(segment.to, i18n.language)} ${stateLabel(segment.state)}${
                                  segment.holders.length > 0 ? ` (${segment.holders.join(', ')})` : ''
                                }`,
                            )
                            .join('; ')}
                        </List.Item>
                      ))}
                    </List>
                  </figcaption>
                </figure>
              )}
            </>
          )
        }}
      </QueryState>
    </Stack>
  )
}
