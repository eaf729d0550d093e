import { Button, Group, NumberInput, Radio, Select, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type GoalAgreementDetail,
  type Indicator,
  type IndicatorDirection,
  type IndicatorSource,
  type IndicatorUnit,
  indicatorDirections,
  indicatorInputSchema,
  indicatorUnits,
  type MetricKey,
  metricKeys,
  metricsByMunicipality,
  metricUnits,
} from '../../../../common/goals.ts'
import { apiSend } from '../../api.ts'
import { municipalitiesQuery } from '../../queries.ts'
import { useSchemaValidator } from '../../schema-form.ts'
import { useSession } from '../../session.tsx'
import { CaseworkFormProblem, focusFirstInvalid, useFieldError } from '../casework/problems.tsx'
import { goalKeys } from './queries.ts'

type IndicatorValues = {
  name: string
  source: IndicatorSource
  metric: MetricKey | null
  municipalityId: string | null
  unit: IndicatorUnit
  baseline: number | string
  target: number | string
  direction: IndicatorDirection
}

const fields = ['name', 'source', 'metric', 'parameters', 'unit', 'baseline', 'target', 'direction']

const valuesOf = (indicator: Indicator): IndicatorValues => ({
  name: indicator.name,
  source: indicator.source,
  metric: indicator.metric,
  municipalityId: indicator.parameters.municipalityId,
  unit: indicator.unit,
  baseline: indicator.baseline,
  target: indicator.target,
  direction: indicator.direction,
})

/**
 * Adds an indicator: entered by hand in a unit of its own, or computed by a metric of the
 * catalogue, whose unit it then takes (the form sets it; the server refuses another). Given an
 * indicator, changes it instead, with the agreement's version: whether it is computed stays, and so
 * does the unit once values have been entered in it.
 */
export function IndicatorForm({
  agreement,
  indicator,
  onDone,
}: {
  agreement: GoalAgreementDetail
  indicator?: Indicator
  onDone?: () => void
}) {
  const { t } = useTranslation()
  const session = useSession()
  const queryClient = useQueryClient()
  const formRef = useRef<HTMLFormElement>(null)
  const municipalities = useQuery(municipalitiesQuery(session.user.districtId, '', 0, 200))
  const toInput = (values: IndicatorValues) => ({
    name: values.name,
    unit: values.unit,
    baseline: values.baseline === '' ? undefined : Number(values.baseline),
    target: values.target === '' ? undefined : Number(values.target),
    direction: values.direction,
    source: values.source,
    metric: values.source === 'computed' ? values.metric : null,
    parameters: { municipalityId: values.source === 'computed' ? values.municipalityId || null : null },
  })
  const form = useForm<IndicatorValues>({
    initialValues: indicator
      ? valuesOf(indicator)
      : {
          name: '',
          source: 'computed',
          metric: 'counselling-contacts',
          municipalityId: null,
          unit: 'count',
          baseline: '',
          target: '',
          direction: 'increase',
        },
    validate: useSchemaValidator(indicatorInputSchema, toInput, (path) =>
      path.startsWith('parameters') ? 'municipalityId' : path,
    ),
  })
  const add = useMutation({
    mutationFn: (input: ReturnType<typeof toInput>) =>
      indicator
        ? apiSend<GoalAgreementDetail>(
            'PUT',
            `/goal-agreements/${agreement.id}/indicators/${indicator.id}`,
            input,
            { 'if-match': `"${agreement.version}"` },
          )
        : apiSend<GoalAgreementDetail>('POST', `/goal-agreements/${agreement.id}/indicators`, input),
    onSuccess: (saved) => {
      // The answer is the agreement as it is now; the form is cleared at once, not after the
      // list and the start page have been fetched again (someone may already type the next one).
      queryClient.setQueryData(goalKeys.agreement(agreement.id), saved)
      form.reset()
      onDone?.()
      void queryClient.invalidateQueries({ queryKey: goalKeys.all, exact: true })
      void queryClient.invalidateQueries({ queryKey: ['steering', 'overview'] })
    },
  })
  const error = useFieldError<IndicatorValues & { parameters: unknown }>(form.errors, add.error)
  const computed = form.values.source === 'computed'
  const metric = form.values.metric
  // Values entered by hand were given in the unit; it stays (the server refuses a change).
  const unitKept = indicator !== undefined && indicator.source === 'manual' && indicator.series.length > 0
  return (
    <form
      ref={formRef}
      aria-label={indicator ? t('goals.indicator.edit', { name: indicator.name }) : undefined}
      noValidate
      onSubmit={form.onSubmit(
        (values) => add.mutate(toInput(values)),
        () => focusFirstInvalid(formRef.current),
      )}
    >
      <Stack gap="xs" maw={820}>
        <CaseworkFormProblem error={add.error} shown={fields} />
        <TextInput
          label={t('goals.indicator.name')}
          required
          maxLength={200}
          {...form.getInputProps('name')}
          error={error('name')}
        />
        <Radio.Group
          label={t('goals.indicator.source')}
          {...form.getInputProps('source')}
          onChange={(value) => form.setFieldValue('source', value as IndicatorSource)}
          error={error('source')}
          description={indicator ? t('goals.indicator.sourceFixed') : undefined}
        >
          <Group mt={4}>
            <Radio value="computed" label={t('goals.sources.computed')} disabled={indicator !== undefined} />
            <Radio value="manual" label={t('goals.sources.manual')} disabled={indicator !== undefined} />
          </Group>
        </Radio.Group>
        {computed && (
          <Group align="flex-start" wrap="wrap">
            <Select
              label={t('goals.indicator.metric')}
              data={metricKeys.map((key) => ({ value: key, label: t(`goals.metrics.${key}.name`) }))}
              allowDeselect={false}
              required
              {...form.getInputProps('metric')}
              onChange={(value) => {
                const key = value as MetricKey
                form.setValues({
                  metric: key,
                  unit: metricUnits[key],
                  municipalityId: metricsByMunicipality.includes(key) ? form.values.municipalityId : null,
                })
              }}
              error={error('metric')}
              w={460}
            />
            {metric && metricsByMunicipality.includes(metric) && (
              <Select
                label={t('goals.indicator.municipality')}
                placeholder={t('goals.indicator.wholeDistrict')}
                data={(municipalities.data?.items ?? []).map((municipality) => ({
                  value: municipality.id,
                  label: municipality.name,
                }))}
                searchable
                clearable
                {...form.getInputProps('municipalityId')}
                error={error('parameters', 'municipalityId')}
                w={300}
              />
            )}
          </Group>
        )}
        {computed && metric && (
          <Text size="sm" c="dimmed">
            {t(`goals.metrics.${metric}.description`)}
          </Text>
        )}
        <Group align="flex-start" wrap="wrap">
          <Select
            label={t('goals.indicator.unit')}
            data={indicatorUnits.map((unit) => ({ value: unit, label: t(`goals.units.${unit}`) }))}
            allowDeselect={false}
            disabled={computed || unitKept}
            description={
              computed
                ? t('goals.indicator.unitOfMetric')
                : unitKept
                  ? t('goals.indicator.unitKept')
                  : undefined
            }
            {...form.getInputProps('unit')}
            error={error('unit')}
            w={200}
          />
          <NumberInput
            label={t('goals.indicator.baseline')}
            required
            decimalSeparator=","
            {...form.getInputProps('baseline')}
            error={error('baseline')}
            w={150}
          />
          <NumberInput
            label={t('goals.indicator.target')}
            required
            decimalSeparator=","
            {...form.getInputProps('target')}
            error={error('target')}
            w={150}
          />
          <Select
            label={t('goals.indicator.direction')}
            data={indicatorDirections.map((direction) => ({
              value: direction,
              label: t(`goals.directions.${direction}`),
            }))}
            allowDeselect={false}
            {...form.getInputProps('direction')}
            error={error('direction')}
            w={200}
          />
        </Group>
        <Group>
          <Button type="submit" loading={add.isPending}>
            {indicator ? t('goals.indicator.save') : t('goals.indicator.add')}
          </Button>
          {onDone && (
            <Button variant="default" onClick={onDone}>
              {t('goals.indicator.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  )
}
