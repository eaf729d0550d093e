import {
  Button,
  Card,
  Group,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useMemo, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { indicatorChart, plannedValue } from '../../../../common/charts/goal-indicator.ts'
import { chartColors } from '../../../../common/charts/types.ts'
import {
  type GoalAgreementDetail,
  type Indicator,
  indicatorValueInputSchema,
} from '../../../../common/goals.ts'
import { apiSend } from '../../api.ts'
import { LazyEChart } from '../../components/charts/LazyEChart.tsx'
import { DayInput } from '../../components/DateFields.tsx'
import { useSchemaValidator } from '../../schema-form.ts'
import { formatDay, todayIso } from '../casework/format.ts'
import { CaseworkFormProblem, focusFirstInvalid, useFieldError } from '../casework/problems.tsx'
import { formatMonth, formatValue } from './format.ts'
import { goalKeys } from './queries.ts'
import { StatusBadge } from './StatusBadge.tsx'

type Period = Pick<GoalAgreementDetail, 'id' | 'startsOn' | 'endsOn'>

/** One indicator: its figures, the trajectory against the target, and (kept by hand) a form for values. */
export function IndicatorCard({
  agreement,
  indicator,
  canManage,
}: {
  agreement: Period
  indicator: Indicator
  canManage: boolean
}) {
  const { t, i18n } = useTranslation()
  const language = i18n.language
  const value = (number: number | null) => formatValue(number, indicator.unit, language, t)
  const periodLabel = (period: string) => formatPeriod(period, language)
  const headingId = `indicator-${indicator.id}`
  const { startsOn, endsOn } = agreement
  const option = useMemo(
    () =>
      indicatorChart({
        labels: indicator.series.map((point) => formatPeriod(point.period, language)),
        // The running month is not over: drawn, its count would look like a fall.
        values: indicator.series.map((point) => (point.partial ? null : point.value)),
        planned: indicator.series.map((point) =>
          plannedValue(
            { startsOn, endsOn, baseline: indicator.baseline, target: indicator.target },
            point.day,
          ),
        ),
        target: indicator.target,
        percent: indicator.unit === 'percent',
        names: {
          values: t('goals.chart.values'),
          target: t('goals.chart.target'),
          planned: t('goals.chart.planned'),
        },
      }),
    [indicator, startsOn, endsOn, language, t],
  )
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={4} id={headingId}>
              {indicator.name}
            </Title>
            <Text size="sm" c="dimmed">
              {indicator.source === 'computed' && indicator.metric
                ? `${t(`goals.metrics.${indicator.metric}.name`)} · ${indicator.municipalityName ?? t('goals.indicator.wholeDistrict')}`
                : t('goals.sources.manual')}
            </Text>
          </Stack>
          <StatusBadge status={indicator.status} />
        </Group>
        <Group gap="xl">
          <Figure label={t('goals.indicator.current')} text={value(indicator.current)} />
          <Figure label={t('goals.indicator.baseline')} text={value(indicator.baseline)} />
          <Figure label={t('goals.indicator.target')} text={value(indicator.target)} />
          <Figure
            label={t('goals.indicator.progress')}
            text={
              indicator.progress === null
                ? '–'
                : t('goals.indicator.progressOf', {
                    progress: Math.round(indicator.progress * 100),
                    expected: Math.round(indicator.expectedProgress * 100),
                  })
            }
          />
        </Group>
        {indicator.series.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('goals.indicator.noValues')}
          </Text>
        ) : (
          <>
            <div aria-hidden="true">
              <LazyEChart option={option} height={220} />
              <Group gap="md" mt={4}>
                <Legend color={chartColors.line} label={t('goals.chart.values')} />
                <Legend color={chartColors.target} label={t('goals.chart.target')} line="dashed" />
                <Legend color={chartColors.plan} label={t('goals.chart.planned')} line="dotted" />
              </Group>
            </div>
            <details>
              <summary>{t('goals.indicator.table')}</summary>
              <Table mt="xs">
                <VisuallyHidden component="caption">{indicator.name}</VisuallyHidden>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('goals.indicator.period')}</Table.Th>
                    <Table.Th scope="col">{t('goals.indicator.value')}</Table.Th>
                    <Table.Th scope="col">{t('goals.indicator.note')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {indicator.series.map((point) => (
                    <Table.Tr key={point.period}>
                      <Table.Td>{periodLabel(point.period)}</Table.Td>
                      <Table.Td>
                        {point.value === null && (point.basis ?? 0) > 0
                          ? t('goals.indicator.suppressed')
                          : value(point.value)}
                      </Table.Td>
                      <Table.Td>
                        {[point.partial ? t('goals.indicator.partial') : '', point.note]
                          .filter(Boolean)
                          .join(' · ')}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </details>
          </>
        )}
        {canManage && indicator.source === 'manual' && (
          <ValueForm agreementId={agreement.id} indicator={indicator} />
        )}
      </Stack>
    </Card>
  )
}

/** A month (`YYYY-MM`, computed) or a day (entered) in the reader's language. */
const formatPeriod = (period: string, language: string) =>
  period.length === 7 ? formatMonth(period, language) : formatDay(period, language)

function Figure({ label, text }: { label: string; text: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{text}</Text>
    </Stack>
  )
}

function Legend({
  color,
  label,
  line = 'solid',
}: {
  color: string
  label: string
  line?: 'solid' | 'dashed' | 'dotted'
}) {
  return (
    <Group gap={6}>
      <span
        style={{
          width: 22,
          borderTop: `2px ${line} ${color}`,
          display: 'inline-block',
        }}
      />
      <Text size="xs">{label}</Text>
    </Group>
  )
}

type ValueValues = { measuredOn: string; value: number | string; note: string }

function ValueForm({ agreementId, indicator }: { agreementId: string; indicator: Indicator }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const formRef = useRef<HTMLFormElement>(null)
  const toInput = (values: ValueValues) => ({
    measuredOn: values.measuredOn,
    value: values.value === '' ? undefined : Number(values.value),
    note: values.note,
  })
  const form = useForm<ValueValues>({
    initialValues: { measuredOn: todayIso(), value: '', note: '' },
    validate: useSchemaValidator(indicatorValueInputSchema, toInput),
  })
  const add = useMutation({
    mutationFn: (input: ReturnType<typeof toInput>) =>
      apiSend<GoalAgreementDetail>(
        'POST',
        `/goal-agreements/${agreementId}/indicators/${indicator.id}/values`,
        input,
      ),
    onSuccess: (saved) => {
      // The answer is the agreement as it is now; the form is cleared at once, not after the
      // list and the start page have been fetched again (someone may already type the next one).
      queryClient.setQueryData(goalKeys.agreement(agreementId), saved)
      form.reset()
      void queryClient.invalidateQueries({ queryKey: goalKeys.all, exact: true })
      void queryClient.invalidateQueries({ queryKey: ['steering', 'overview'] })
    },
  })
  const error = useFieldError<ValueValues>(form.errors, add.error)
  return (
    <form
      ref={formRef}
      noValidate
      aria-label={t('goals.value.formLabel', { name: indicator.name })}
      onSubmit={form.onSubmit(
        (values) => add.mutate(toInput(values)),
        () => focusFirstInvalid(formRef.current),
      )}
    >
      <Stack gap="xs">
        <CaseworkFormProblem error={add.error} shown={['measuredOn', 'value', 'note']} />
        <Group align="flex-start" wrap="wrap">
          <DayInput
            label={t('goals.value.measuredOn')}
            required
            {...form.getInputProps('measuredOn')}
            error={error('measuredOn')}
            w={170}
          />
          <NumberInput
            label={t('goals.value.value', { unit: t(`goals.units.${indicator.unit}`) })}
            required
            decimalSeparator=","
            {...form.getInputProps('value')}
            error={error('value')}
            w={170}
          />
          <TextInput
            label={t('goals.value.note')}
            maxLength={1000}
            {...form.getInputProps('note')}
            error={error('note')}
            w={320}
          />
          <Button type="submit" mt={25} loading={add.isPending}>
            {t('goals.value.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
