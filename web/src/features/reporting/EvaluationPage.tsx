import { Anchor, Card, Group, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import type { EChartsCoreOption } from 'echarts/core'
import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import type { Evaluation, EvaluationSection, EvaluationTable } from '../../../../common/reporting.ts'
import { QueryState } from '../../components/QueryState.tsx'
import { formatDate, formatDateTime, formatNumber } from '../../i18n.ts'
import { EvaluationContextView } from './EvaluationContextView.tsx'
import { ImportedMark } from './ImportedMark.tsx'
import { evaluationQuery } from './queries.ts'
import { linearTrend } from './trend.ts'

const FigureChart = lazy(() => import('./FigureChart.tsx'))

type Language = 'de' | 'en'
const periodDimensions = new Set(['day', 'week', 'month', 'quarter', 'year'])

const shown = (value: number | null, language: string, withheld: string) =>
  value === null ? withheld : formatNumber(value, language)

/** A period table as a line with its trend; any other as bars. Withheld cells are gaps, never zeros. */
function chartOption(
  table: EvaluationTable,
  name: string,
  trend: string,
  language: Language,
): EChartsCoreOption {
  const labels = table.rows.map((row) => row.label[language])
  const values = table.rows.map((row) => row.value)
  if (periodDimensions.has(table.by)) {
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 8, right: 16, top: 16, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'line', name, data: values, itemStyle: { color: '#1864ab' } },
        {
          type: 'line',
          name: trend,
          data: linearTrend(values),
          lineStyle: { type: 'dashed' },
          itemStyle: { color: '#868e96' },
          symbol: 'none',
        },
      ],
    }
  }
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: labels },
    series: [{ type: 'bar', name, data: values, itemStyle: { color: '#1864ab' } }],
  }
}

function SectionTable({
  evaluation,
  section,
  table,
  language,
}: {
  evaluation: Evaluation
  section: EvaluationSection
  table: EvaluationTable
  language: Language
}) {
  const { t } = useTranslation()
  const withheld = t('reporting.withheld', { threshold: evaluation.threshold })
  const dimension = t(`reporting.dimensions.${table.by}`)
  const title = t('reporting.evaluations.tableTitle', { metric: section.name[language], dimension })
  const id = `evaluation-${section.metric}-${table.by}`
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Title order={4} size="h5" id={id} mb="xs">
        {title}
      </Title>
      <Stack gap="xs">
        {table.rows.length > 0 && (
          <Suspense fallback={<Skeleton height={240} />}>
            <FigureChart
              option={chartOption(table, section.name[language], t('reporting.charts.trend'), language)}
              height={Math.max(200, Math.min(520, table.rows.length * 24 + 60))}
              fileName={`${evaluation.name}-${section.metric}-${table.by}`}
              label={title}
            />
          </Suspense>
        )}
        <Table striped withTableBorder fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{dimension}</Table.Th>
              <Table.Th scope="col" style={{ textAlign: 'right' }}>
                {t('reporting.value')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {table.rows.map((row) => (
              <Table.Tr key={row.key}>
                <Table.Th scope="row" fw={400}>
                  {row.key === 'none' ? t('reporting.values.none') : row.label[language]}
                  {row.imported ? <ImportedMark /> : null}
                </Table.Th>
                <Table.Td style={{ textAlign: 'right' }}>{shown(row.value, language, withheld)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  )
}

function Section({ evaluation, section }: { evaluation: Evaluation; section: EvaluationSection }) {
  const { t, i18n } = useTranslation()
  const language = (i18n.language === 'en' ? 'en' : 'de') as Language
  const withheld = t('reporting.withheld', { threshold: evaluation.threshold })
  const current = section.total.value
  const previous = section.previousPeriod.value
  const change =
    current !== null && previous !== null && previous > 0
      ? Math.round(((current - previous) / previous) * 100)
      : null
  const id = `evaluation-${section.metric}`
  return (
    <Stack component="section" aria-labelledby={id} gap="sm">
      <Title order={3} size="h4" id={id}>
        {section.name[language]}
      </Title>
      <Text>
        {t('reporting.evaluations.totalLine', {
          total: shown(current, language, withheld),
          previous: shown(previous, language, withheld),
        })}
        {change !== null && ` (${change > 0 ? '+' : ''}${formatNumber(change, language)} %)`}
      </Text>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {section.tables.map((table) => (
          <SectionTable
            key={table.by}
            evaluation={evaluation}
            section={section}
            table={table}
            language={language}
          />
        ))}
      </SimpleGrid>
    </Stack>
  )
}

/** One frozen evaluation, exactly as stored: every table and chart from the snapshot, nothing recomputed. */
export function EvaluationPage({ evaluationId }: { evaluationId: string }) {
  const { t, i18n } = useTranslation()
  const evaluation = useQuery(evaluationQuery(evaluationId))
  return (
    <Stack maw={1400} gap="lg">
      <Anchor component={Link} to="/figures/evaluations" size="sm">
        {t('reporting.evaluations.back')}
      </Anchor>
      <QueryState query={evaluation}>
        {(data) => (
          <Stack gap="lg">
            <Title order={2}>{data.name}</Title>
            <Group gap="xl" wrap="wrap">
              <Text size="sm">
                {t('reporting.period.title')}: {formatDate(data.from, i18n.language)} –{' '}
                {formatDate(data.to, i18n.language)}
              </Text>
              <Text size="sm">
                {t('reporting.evaluations.previousPeriod')}: {formatDate(data.previousFrom, i18n.language)} –{' '}
                {formatDate(data.previousTo, i18n.language)}
              </Text>
              <Text size="sm">
                {t('reporting.evaluations.createdAt')}: {formatDateTime(data.createdAt, i18n.language)}
              </Text>
              <Text size="sm">
                {t('reporting.evaluations.catalogueVersion')}: <code>{data.catalogueVersion}</code>
              </Text>
            </Group>
            <Text size="sm" maw={900}>
              {t('reporting.evaluations.frozenNote', {
                threshold: data.threshold,
                specialThreshold: data.specialThreshold,
              })}{' '}
              {t('reporting.withheldNote', {
                withheld: t('reporting.withheld', { threshold: data.threshold }),
              })}
            </Text>
            {data.sections.map((section) => (
              <Section key={section.metric} evaluation={data} section={section} />
            ))}
            {data.context ? (
              <EvaluationContextView context={data.context} />
            ) : (
              <Text size="sm" c="dimmed">
                {t('reporting.evaluations.context.none')}
              </Text>
            )}
          </Stack>
        )}
      </QueryState>
    </Stack>
  )
}
