import { Button, Group, NumberInput, Select, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import {
  type Baustein,
  bausteine,
  type FundingRateKind,
  fundingRateCloseSchema,
  fundingRateInputSchema,
  fundingRateKinds,
  payGradeInputSchema,
} from '../../../../common/staffing.ts'
import { apiSend } from '../../api.ts'
import { DayInput } from '../../components/DateFields.tsx'
import { maxLengthOf, useSchemaValidator } from '../../schema-form.ts'
import { CaseworkFormProblem, useFieldError } from '../casework/problems.tsx'
import { staffingKeys } from './queries.ts'
import { useCreateForm } from './use-create-form.ts'

const numberOf = (value: number | string) => (typeof value === 'number' ? value : Number(value))

type RateValues = {
  baustein: Baustein
  kind: FundingRateKind
  amount: number | string
  fteBasis: number | string
  validFrom: string
  validUntil: string
  programme: string
}
const rateDefaults: RateValues = {
  baustein: 'case-management',
  kind: 'per-fte-year',
  amount: '',
  fteBasis: 1,
  validFrom: '',
  validUntil: '',
  programme: '',
}

/** Adds a funding rate; its validity (from and until) is required, as the state's programme is. */
export function FundingRateForm() {
  const { t } = useTranslation()
  const { form, create, error, formRef, onSubmit } = useCreateForm({
    defaults: rateDefaults,
    schema: fundingRateInputSchema,
    toInput: (values: RateValues) => ({
      ...values,
      amount: numberOf(values.amount),
      fteBasis: numberOf(values.fteBasis),
    }),
    path: '/funding-rates',
  })
  return (
    <form ref={formRef} noValidate aria-label={t('staffing.rateForm.newRate')} onSubmit={onSubmit}>
      <CaseworkFormProblem error={create.error} shown={Object.keys(rateDefaults)} />
      <Group align="flex-start" wrap="wrap" mt="sm">
        <Select
          label={t('staffing.position.baustein')}
          data={bausteine.map((value) => ({ value, label: t(`staffing.bausteine.${value}`) }))}
          allowDeselect={false}
          {...form.getInputProps('baustein')}
          w={260}
        />
        <Select
          label={t('staffing.rateForm.kind')}
          data={fundingRateKinds.map((value) => ({ value, label: t(`staffing.rateForm.kinds.${value}`) }))}
          allowDeselect={false}
          {...form.getInputProps('kind')}
          w={220}
        />
        <NumberInput
          label={t('staffing.rateForm.amount')}
          min={0}
          decimalScale={2}
          required
          {...form.getInputProps('amount')}
          error={error('amount')}
          w={160}
        />
        <NumberInput
          label={t('staffing.rateForm.fteBasis')}
          min={0.001}
          max={10}
          step={0.5}
          decimalScale={3}
          {...form.getInputProps('fteBasis')}
          error={error('fteBasis')}
          w={140}
        />
      </Group>
      <Group align="flex-start" wrap="wrap" mt="xs">
        <DayInput
          label={t('staffing.rateForm.validFrom')}
          required
          {...form.getInputProps('validFrom')}
          error={error('validFrom')}
          w={170}
        />
        <DayInput
          label={t('staffing.rateForm.validUntil')}
          required
          {...form.getInputProps('validUntil')}
          error={error('validUntil')}
          w={170}
        />
        <TextInput
          label={t('staffing.position.programme')}
          maxLength={maxLengthOf(fundingRateInputSchema, 'programme')}
          {...form.getInputProps('programme')}
          error={error('programme')}
          w={260}
        />
      </Group>
      <Button type="submit" mt="sm" loading={create.isPending}>
        {t('staffing.rateForm.addRate')}
      </Button>
    </form>
  )
}

/** Ends a funding rate on a day within its validity; a new rate can take over from the next day. */
export function CloseRateForm({
  rateId,
  validUntil,
  onDone,
}: {
  rateId: string
  validUntil: string
  onDone: () => void
}) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const form = useForm<{ validUntil: string }>({
    initialValues: { validUntil },
    validate: useSchemaValidator(fundingRateCloseSchema, (values) => values),
  })
  const close = useMutation({
    mutationFn: (input: { validUntil: string }) => apiSend('POST', `/funding-rates/${rateId}/close`, input),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: staffingKeys.all })
      onDone()
    },
  })
  const error = useFieldError<{ validUntil: string }>(form.errors, close.error)
  return (
    <form
      noValidate
      aria-label={t('staffing.rateForm.close')}
      onSubmit={form.onSubmit((values) => close.mutate(values))}
    >
      <CaseworkFormProblem error={close.error} shown={['validUntil']} />
      <Group align="flex-end" wrap="wrap">
        <DayInput
          label={t('staffing.rateForm.closeOn')}
          required
          {...form.getInputProps('validUntil')}
          error={error('validUntil')}
          w={170}
        />
        <Button type="submit" size="sm" loading={close.isPending}>
          {t('staffing.rateForm.close')}
        </Button>
        <Button variant="default" size="sm" onClick={onDone}>
          {t('staffing.contract.cancel')}
        </Button>
      </Group>
    </form>
  )
}

type GradeValues = { payGrade: string; annualCost: number | string; validFrom: string; validUntil: string }
const gradeDefaults: GradeValues = { payGrade: '', annualCost: '', validFrom: '', validUntil: '' }

/** Adds the annual cost of one FTE of a pay grade from a day (until a day, or open). */
export function PayGradeForm() {
  const { t } = useTranslation()
  const { form, create, error, formRef, onSubmit } = useCreateForm({
    defaults: gradeDefaults,
    schema: payGradeInputSchema,
    toInput: (values: GradeValues) => ({
      payGrade: values.payGrade.trim(),
      annualCost: numberOf(values.annualCost),
      validFrom: values.validFrom,
      validUntil: values.validUntil || null,
    }),
    path: '/pay-grades',
  })
  return (
    <form ref={formRef} noValidate aria-label={t('staffing.rateForm.newGrade')} onSubmit={onSubmit}>
      <CaseworkFormProblem error={create.error} shown={Object.keys(gradeDefaults)} />
      <Group align="flex-start" wrap="wrap" mt="sm">
        <TextInput
          label={t('staffing.position.payGrade')}
          required
          maxLength={maxLengthOf(payGradeInputSchema, 'payGrade')}
          {...form.getInputProps('payGrade')}
          error={error('payGrade')}
          w={140}
        />
        <NumberInput
          label={t('staffing.rates.annualCost')}
          min={0}
          decimalScale={2}
          required
          {...form.getInputProps('annualCost')}
          error={error('annualCost')}
          w={160}
        />
        <DayInput
          label={t('staffing.rateForm.validFrom')}
          required
          {...form.getInputProps('validFrom')}
          error={error('validFrom')}
          w={170}
        />
        <DayInput
          label={t('staffing.rateForm.validUntilOptional')}
          {...form.getInputProps('validUntil')}
          error={error('validUntil')}
          w={170}
        />
      </Group>
      <Button type="submit" mt="sm" loading={create.isPending}>
        {t('staffing.rateForm.addGrade')}
      </Button>
    </form>
  )
}
