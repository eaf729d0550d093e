import { NumberInput, TextInput } from '@mantine/core'
import type { UseFormReturnType } from '@mantine/form'
import { useTranslation } from 'react-i18next'
import { contractInputSchema } from '../../../../common/staffing.ts'
import { DayInput } from '../../components/DateFields.tsx'
import { maxLengthOf } from '../../schema-form.ts'

/** The terms every contract form asks for; a new contract and a changed one share them. */
export type ContractTermValues = {
  fte: number | string
  startsOn: string
  endsOn: string
  fixedTermReason: string
}

type TermField = keyof ContractTermValues

export function ContractTermFields<Values extends ContractTermValues>({
  form,
  error,
}: {
  form: UseFormReturnType<Values>
  error: (field: TermField) => string | undefined
}) {
  const { t } = useTranslation()
  return (
    <>
      <NumberInput
        label={t('staffing.contract.fte')}
        min={0.001}
        max={1}
        step={0.1}
        decimalScale={3}
        required
        {...form.getInputProps('fte')}
        error={error('fte')}
        w={140}
      />
      <DayInput
        label={t('staffing.contract.startsOn')}
        required
        {...form.getInputProps('startsOn')}
        error={error('startsOn')}
        w={170}
      />
      <DayInput
        label={t('staffing.contract.endsOn')}
        description={t('staffing.contract.endsOnHint')}
        {...form.getInputProps('endsOn')}
        error={error('endsOn')}
        w={200}
      />
      <TextInput
        label={t('staffing.contract.fixedTermReason')}
        maxLength={maxLengthOf(contractInputSchema, 'fixedTermReason')}
        {...form.getInputProps('fixedTermReason')}
        error={error('fixedTermReason')}
        w={320}
      />
    </>
  )
}
