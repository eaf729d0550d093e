import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { statusColors } from '../../colors.ts'
import { QueryState } from '../../components/QueryState.tsx'
import { formatDate, withTexts } from '../../i18n.ts'
import { districtsQuery, healthQuery } from '../../queries.ts'
import { useCan, useSession } from '../../session.tsx'
import { CaseworkStartCard } from '../cases/CaseworkStartCard.tsx'
import { DistrictTable } from '../districts/DistrictTable.tsx'
import { InboxStartCard } from '../network/InboxStartCard.tsx'
// Small and without charts: part of the start page, like the case-work and inbox cards.
import { StaffingStartCard } from '../staffing/StaffingStartCard.tsx'

// The coordinator's card reads steering and network; its code loads only for those who see it.
const SteeringStartCard = lazy(() =>
  withTexts(import('../steering/SteeringStartCard.tsx'), ['steering', 'goals', 'network', 'obstacles']).then(
    (module) => ({ default: module.SteeringStartCard }),
  ),
)

// The report reader's start page is the reporting dashboard; its code (and ECharts) loads only for them.
const ReportingDashboard = lazy(() =>
  withTexts(import('../reporting/DashboardPage.tsx'), ['reporting', 'casework', 'network']).then(
    (module) => ({ default: module.DashboardPage }),
  ),
)

export function StartPage() {
  const { t, i18n } = useTranslation()
  const health = useQuery(healthQuery)
  const districts = useQuery(districtsQuery)
  const language = i18n.language
  const session = useSession()
  const can = useCan()
  // A coordinator starts with the steering card; system status is for everyone else (and administrators).
  const steering = can('steering.manage')
  const showStatus = !steering || can('identity-policy.manage')
  const reportingStart = can('reporting.start-page')

  return (
    <Stack gap="lg" maw={1000}>
      <div>
        <Title order={2}>{t('start.welcome', { name: session.user.displayName })}</Title>
        <Text mt="xs" maw={720}>
          {t('start.intro')}
        </Text>
      </div>
      {reportingStart && (
        <Suspense fallback={null}>
          <ReportingDashboard embedded />
        </Suspense>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {steering && (
          <Suspense fallback={null}>
            <SteeringStartCard />
          </Suspense>
        )}
        <StaffingStartCard />
        <InboxStartCard />
        <CaseworkStartCard />
        {showStatus && (
          <Card withBorder component="section" aria-labelledby="status-heading">
            <Title order={3} size="h4" id="status-heading" mb="sm">
              {t('start.statusTitle')}
            </Title>
            <QueryState query={health}>
              {(data) => (
                <Stack gap={6}>
                  <Group>
                    <Badge
                      color={data.status === 'ok' ? statusColors.positive : statusColors.warning}
                      variant="filled"
                    >
                      {data.status === 'ok' ? t('start.statusOk') : t('start.statusDegraded')}
                    </Badge>
                    <Text size="sm">{t('start.asOf', { date: formatDate(new Date(), language) })}</Text>
                  </Group>
                  <Text size="sm">
                    {t('start.database')}:{' '}
                    {data.database === 'pglite' ? t('start.databasePglite') : t('start.databasePostgresql')}
                  </Text>
                  <Text size="sm">
                    {t('start.schemaVersion')}: {data.schemaVersion} · {t('start.version')}: {data.version}
                  </Text>
                </Stack>
              )}
            </QueryState>
          </Card>
        )}
        <Card withBorder component="section" aria-labelledby="districts-summary-heading">
          <Title order={3} size="h4" id="districts-summary-heading" mb="sm">
            {t('start.districtsTitle')}
          </Title>
          <QueryState query={districts}>
            {(page) => {
              const own = page.items.find((district) => district.id === session.user.districtId)
              return (
                <Stack gap={6}>
                  <Text size="sm" fw={600}>
                    {session.user.districtName}
                  </Text>
                  {own && (
                    <Text size="sm">{t('start.municipalitiesCount', { count: own.municipalityCount })}</Text>
                  )}
                </Stack>
              )
            }}
          </QueryState>
        </Card>
      </SimpleGrid>
      <section aria-labelledby="districts-heading">
        <Title order={3} id="districts-heading" mb="sm">
          {t('districts.title')}
        </Title>
        <QueryState query={districts}>
          {(page) => <DistrictTable districts={page.items} caption={t('districts.intro')} />}
        </QueryState>
      </section>
    </Stack>
  )
}
