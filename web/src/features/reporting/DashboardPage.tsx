import {
  Button,
  Card,
  Group,
  NativeSelect,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import type { EChartsCoreOption } from 'echarts/core'
import { lazy, Suspense, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DimensionId, Figures, Metric, MetricId } from '../../../../common/reporting.ts'
import { DayInput } from '../../components/DateFields.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { districtToday } from '../../district-time.ts'
import { formatDate, formatNumber } from '../../i18n.ts'
import { exportCsv, exportXlsx } from './export.ts'
import { ImportedMark } from './ImportedMark.tsx'
import { PeriodPresetControl } from './PeriodPresetControl.tsx'
import { type FigureRequest, figuresQuery, metricsQuery } from './queries.ts'
import { linearTrend, periodPresets } from './trend.ts'

const FigureChart = lazy(() => import('./FigureChart.tsx'))

type Period = { from: string; to: string }

const keyFigures: MetricId[] = [
  'contacts',
  'persons-counselled',
  'cases-new',
  'cases-active',
  'referrals',
  // What the committee asks beside the volumes: how many cases each case-management FTE carries.
  'caseload-per-fte',
]

/**
 * Rows in the reader's language: coded values (domains, sexes, outcomes, age groups) by the app's
 * own translations; names (municipalities, teams, organisations) as the server sends them.
 */
function useLocalised() {
  const { t } = useTranslation()
  return (figures: Figures): Figures => {
    const label = (key: string, fallback: string) => {
      if (key === 'none' && figures.by !== 'legal-sphere') return t('reporting.values.none')
      switch (figures.by) {
        case 'domain':
          return t(`casework.domains.${key}`, { defaultValue: fallback })
        case 'sex':
          return t(`casework.sexes.${key}`, { defaultValue: fallback })
        case 'outcome':
          return key === 'open'
            ? t('reporting.values.open')
            : t(`network.referralStatuses.${key}`, { defaultValue: fallback })
        case 'age-group':
          return t(`reporting.values.${key}`, { defaultValue: fallback })
        case 'goal-status':
          return t(`reporting.goalStatuses.${key}`, { defaultValue: fallback })
        case 'baustein':
          return t(`reporting.bausteine.${key}`, { defaultValue: fallback })
        default:
          return fallback
      }
    }
    return { ...figures, rows: figures.rows.map((row) => ({ ...row, label: label(row.key, row.label) })) }
  }
}

/** What a withheld cell shows: fewer than the threshold, or withheld so that a small one stays hidden. */
const useWithheld = (threshold: number) => {
  const { t } = useTranslation()
  return t('reporting.withheld', { threshold })
}

/**
 * The reporting dashboard: key figures with the previous period, the monthly counselling contacts
 * with their trend, contacts by municipality and by domain, referrals by outcome, and a table for
 * any metric by any of its dimensions. Every number comes from /api/figures, small cells withheld.
 */
export function DashboardPage({ embedded = false }: { embedded?: boolean }) {
  const { t } = useTranslation()
  const [period, setPeriod] = useState<Period>(() => periodPresets(districtToday())[0]?.period as Period)
  return (
    <Stack gap="lg">
      {embedded ? (
        <Title order={3}>{t('reporting.title')}</Title>
      ) : (
        <Title order={2}>{t('reporting.title')}</Title>
      )}
      <PeriodPicker period={period} onChange={setPeriod} />
      <KeyFigures period={period} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <MonthlyContacts period={period} />
        <BreakdownChart period={period} metric="contacts" by="municipality" />
        <BreakdownChart period={period} metric="contacts" by="domain" />
        <BreakdownChart period={period} metric="referrals" by="outcome" />
      </SimpleGrid>
      <DrillDown period={period} />
    </Stack>
  )
}

function PeriodPicker({ period, onChange }: { period: Period; onChange: (period: Period) => void }) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState(period)
  const valid = draft.from !== '' && draft.to !== '' && draft.from <= draft.to
  return (
    <Card withBorder component="section" aria-labelledby="reporting-period-heading">
      <Title order={3} size="h5" id="reporting-period-heading" mb="xs">
        {t('reporting.period.title')}
      </Title>
      <Group align="flex-end" wrap="wrap">
        <PeriodPresetControl
          period={period}
          onChange={(preset) => {
            setDraft(preset)
            onChange(preset)
          }}
        />
        <DayInput
          label={t('reporting.period.from')}
          value={draft.from}
          onChange={(from) => setDraft({ ...draft, from })}
        />
        <DayInput
          label={t('reporting.period.to')}
          value={draft.to}
          error={draft.from > draft.to && draft.to !== '' ? t('problems.period-end-before-start') : undefined}
          onChange={(to) => setDraft({ ...draft, to })}
        />
        <Button disabled={!valid} onClick={() => onChange(draft)}>
          {t('reporting.period.apply')}
        </Button>
      </Group>
    </Card>
  )
}

function formatValue(value: number | null, language: string, withheld: string) {
  return value === null ? withheld : formatNumber(value, language)
}

function KeyFigures({ period }: { period: Period }) {
  const { t } = useTranslation()
  const catalogue = useQuery(metricsQuery)
  return (
    <section aria-labelledby="reporting-key-heading">
      <Title order={3} size="h4" id="reporting-key-heading" mb="xs">
        {t('reporting.keyFigures')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3, xl: 6 }}>
        {keyFigures.map((id) => (
          <KeyFigure
            key={id}
            period={period}
            metric={catalogue.data?.metrics.find((metric) => metric.id === id)}
            id={id}
          />
        ))}
      </SimpleGrid>
    </section>
  )
}

function KeyFigure({ period, metric, id }: { period: Period; metric: Metric | undefined; id: MetricId }) {
  const { t, i18n } = useTranslation()
  const language = i18n.language as 'de' | 'en'
  const query = useQuery(figuresQuery({ metric: id, ...period }))
  const withheld = useWithheld(query.data?.threshold ?? 3)
  return (
    <Card withBorder padding="sm">
      <Text size="sm" c="dimmed" title={metric?.definition[language]}>
        {metric?.name[language] ?? id}
      </Text>
      <QueryState query={query}>
        {(figures) => {
          const current = figures.total.value
          const previous = figures.previousPeriod.value
          const change =
            current !== null && previous !== null && previous > 0
              ? Math.round(((current - previous) / previous) * 100)
              : null
          return (
            <>
              <Text size="xl" fw={700}>
                {formatValue(current, language, withheld)}
                {figures.total.imported ? <ImportedMark /> : null}
              </Text>
              <Text size="xs">
                {t('reporting.previous', { value: formatValue(previous, language, withheld) })}
                {change !== null && ` (${change > 0 ? '+' : ''}${formatNumber(change, language)} %)`}
              </Text>
            </>
          )
        }}
      </QueryState>
    </Card>
  )
}

const barOption = (figures: Figures, name: string): EChartsCoreOption => ({
  tooltip: { trigger: 'axis' },
  grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
  xAxis: { type: 'value', minInterval: 1 },
  yAxis: { type: 'category', inverse: true, data: figures.rows.map((row) => row.label) },
  series: [
    { type: 'bar', name, data: figures.rows.map((row) => row.value), itemStyle: { color: '#1864ab' } },
  ],
})

function ChartCard({
  title,
  id,
  request,
  option,
  height,
}: {
  title: string
  id: string
  request: FigureRequest
  option: (figures: Figures) => EChartsCoreOption
  height: number
}) {
  const query = useQuery(figuresQuery(request))
  const localised = useLocalised()
  const { t, i18n } = useTranslation()
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Title order={4} size="h5" id={id} mb="xs">
        {title}
      </Title>
      <QueryState query={query}>
        {(answer) => {
          const figures = localised(answer)
          // A breakdown by an attribute covers complete past months only (decision 0017): say so.
          const narrowed = figures.from !== request.from || figures.to !== request.to
          return (
            <Stack gap="xs">
              {narrowed ? (
                <Text size="sm" c="dimmed">
                  {t('reporting.alignedNote', {
                    from: formatDate(figures.from, i18n.language),
                    to: formatDate(figures.to, i18n.language),
                  })}
                </Text>
              ) : null}
              <Suspense fallback={<Skeleton height={height} />}>
                <FigureChart
                  option={option(figures)}
                  height={height}
                  fileName={`${request.metric}-${request.by}-${request.from}-${request.to}`}
                  label={title}
                />
              </Suspense>
              <FigureTable figures={figures} dimensionLabel={request.by ?? ''} caption={title} />
            </Stack>
          )
        }}
      </QueryState>
    </Card>
  )
}

function MonthlyContacts({ period }: { period: Period }) {
  const { t } = useTranslation()
  const option = (figures: Figures): EChartsCoreOption => ({
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: 16, bottom: 32, containLabel: true },
    xAxis: { type: 'category', data: figures.rows.map((row) => row.label) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'line',
        name: t('reporting.charts.contacts'),
        data: figures.rows.map((row) => row.value),
        itemStyle: { color: '#1864ab' },
      },
      {
        type: 'line',
        name: t('reporting.charts.trend'),
        data: linearTrend(figures.rows.map((row) => row.value)),
        lineStyle: { type: 'dashed' },
        itemStyle: { color: '#868e96' },
        symbol: 'none',
      },
    ],
  })
  return (
    <ChartCard
      title={t('reporting.charts.monthlyContacts')}
      id="reporting-monthly"
      request={{ metric: 'contacts', ...period, by: 'month' }}
      option={option}
      height={260}
    />
  )
}

function BreakdownChart({ period, metric, by }: { period: Period; metric: MetricId; by: DimensionId }) {
  const { t } = useTranslation()
  const title = t(`reporting.charts.${metric}-${by}`)
  return (
    <ChartCard
      title={title}
      id={`reporting-${metric}-${by}`}
      request={{ metric, ...period, by }}
      option={(figures) => barOption(figures, title)}
      height={260}
    />
  )
}

function FigureTable({
  figures,
  dimensionLabel,
  caption,
}: {
  figures: Figures
  dimensionLabel: string
  caption: string
}) {
  const { t, i18n } = useTranslation()
  const withheld = useWithheld(figures.threshold)
  const language = i18n.language
  const table = {
    fileName: `${figures.metric}-${figures.by ?? 'total'}-${figures.from}-${figures.to}`,
    header: [t(`reporting.dimensions.${dimensionLabel}`, { defaultValue: dimensionLabel }), caption] as [
      string,
      string,
    ],
    figures,
    withheld,
    totalLabel: t('reporting.total'),
  }
  return (
    <Stack gap={4}>
      <Table striped withTableBorder fz="sm">
        <caption style={{ captionSide: 'bottom', textAlign: 'left' }}>
          {t('reporting.withheldNote', { withheld })}
          {figures.total.imported || figures.rows.some((row) => row.imported)
            ? ` ${t('reporting.importedNote')}`
            : null}
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{table.header[0]}</Table.Th>
            <Table.Th scope="col" style={{ textAlign: 'right' }}>
              {t('reporting.value')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {figures.rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Th scope="row" fw={400}>
                {row.label}
                {row.imported ? <ImportedMark /> : null}
              </Table.Th>
              <Table.Td style={{ textAlign: 'right' }}>{formatValue(row.value, language, withheld)}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Th scope="row">
              {t('reporting.total')}
              {figures.total.imported ? <ImportedMark /> : null}
            </Table.Th>
            <Table.Td style={{ textAlign: 'right' }} fw={700}>
              {formatValue(figures.total.value, language, withheld)}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Group gap="xs" justify="flex-end">
        <Button size="compact-xs" variant="subtle" onClick={() => void exportCsv(table)}>
          {t('reporting.export.csv')}
        </Button>
        <Button size="compact-xs" variant="subtle" onClick={() => void exportXlsx(table)}>
          {t('reporting.export.xlsx')}
        </Button>
      </Group>
    </Stack>
  )
}

function DrillDown({ period }: { period: Period }) {
  const { t, i18n } = useTranslation()
  const language = i18n.language as 'de' | 'en'
  const catalogue = useQuery(metricsQuery)
  const [metricId, setMetricId] = useState<MetricId>('contacts')
  const [by, setBy] = useState<DimensionId>('municipality')
  const metric = catalogue.data?.metrics.find((each) => each.id === metricId)
  const dimensions = useMemo(() => metric?.dimensions ?? [], [metric])
  const chosen = dimensions.includes(by) ? by : (dimensions[0] ?? 'month')
  return (
    <Card withBorder component="section" aria-labelledby="reporting-drill-heading">
      <Title order={3} size="h4" id="reporting-drill-heading" mb="xs">
        {t('reporting.drillDown')}
      </Title>
      <QueryState query={catalogue}>
        {(data) => (
          <Stack gap="sm">
            <Group align="flex-end">
              <NativeSelect
                label={t('reporting.metric')}
                data={data.metrics.map((each) => ({ value: each.id, label: each.name[language] }))}
                value={metricId}
                onChange={(event) => setMetricId(event.currentTarget.value as MetricId)}
              />
              <NativeSelect
                label={t('reporting.dimension')}
                data={dimensions.map((dimension) => ({
                  value: dimension,
                  label: t(`reporting.dimensions.${dimension}`),
                }))}
                value={chosen}
                onChange={(event) => setBy(event.currentTarget.value as DimensionId)}
              />
            </Group>
            {metric && (
              <Text size="sm" maw={760}>
                {metric.definition[language]}
              </Text>
            )}
            <DrillDownTable
              request={{ metric: metricId, ...period, by: chosen }}
              caption={metric?.name[language] ?? metricId}
            />
          </Stack>
        )}
      </QueryState>
    </Card>
  )
}

function DrillDownTable({ request, caption }: { request: FigureRequest; caption: string }) {
  const query = useQuery(figuresQuery(request))
  const localised = useLocalised()
  return (
    <QueryState query={query}>
      {(answer) => {
        const figures = localised(answer)
        return (
          <Stack gap="xs">
            <Suspense fallback={<Skeleton height={240} />}>
              <FigureChart
                option={barOption(figures, caption)}
                height={Math.max(160, Math.min(600, figures.rows.length * 24 + 40))}
                fileName={`${request.metric}-${request.by}-${request.from}-${request.to}`}
                label={caption}
              />
            </Suspense>
            <FigureTable figures={figures} dimensionLabel={request.by ?? ''} caption={caption} />
          </Stack>
        )
      }}
    </QueryState>
  )
}
