import { Button, Group, NumberInput, Stack, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { type ContractDetail, contractInputSchema } from '../../../../common/staffing.ts'
import { apiSend } from '../../api.ts'
import { DayInput } from '../../components/DateFields.tsx'
import { useSchemaValidator } from '../../schema-form.ts'
import { CaseworkFormProblem, focusFirstInvalid, useFieldError } from '../casework/problems.tsx'
import { staffingKeys } from './queries.ts'

type Values = {
  familyName: string
  givenNames: string
  fte: number | string
  startsOn: string
  endsOn: string
  fixedTermReason: string
}

const initialValues: Values = {
  familyName: '',
  givenNames: '',
  fte: 1,
  startsOn: '',
  endsOn: '',
  fixedTermReason: '',
}

/** Enters a contract on the position for a new staff member (or N. N. while nobody is named). */
export function NewContractForm({ positionId }: { positionId: string }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const formRef = useRef<HTMLFormElement>(null)
  const toInput = (values: Values) => ({
    positionId,
    fte: typeof values.fte === 'number' ? values.fte : Number(values.fte),
    startsOn: values.startsOn,
    endsOn: values.endsOn || null,
    fixedTermReason: values.fixedTermReason,
    staffMember: values.familyName ? { familyName: values.familyName, givenNames: values.givenNames } : null,
  })
  const form = useForm<Values>({
    initialValues,
    validate: useSchemaValidator(contractInputSchema, toInput, (path) =>
      path.startsWith('staffMember.') ? path.slice('staffMember.'.length) : path,
    ),
  })
  const create = useMutation({
    mutationFn: (input: ReturnType<typeof toInput>) => apiSend<ContractDetail>('POST', '/contracts', input),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: staffingKeys.all })
      form.setValues(initialValues)
    },
  })
  const error = useFieldError<Values & { staffMember: string }>(form.errors, create.error)
  return (
    <form
      ref={formRef}
      noValidate
      aria-label={t('staffing.contract.newTitle')}
      onSubmit={form.onSubmit(
        (values) => create.mutate(toInput(values)),
        () => focusFirstInvalid(formRef.current),
      )}
    >
      <Stack gap="xs">
        <CaseworkFormProblem
          error={create.error}
          shown={['fte', 'startsOn', 'endsOn', 'fixedTermReason', 'staffMember']}
        />
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label={t('staffing.contract.familyName')}
            maxLength={200}
            {...form.getInputProps('familyName')}
            error={error('familyName') ?? error('staffMember')}
            w={220}
          />
          <TextInput
            label={t('staffing.contract.givenNames')}
            maxLength={200}
            {...form.getInputProps('givenNames')}
            w={220}
          />
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
        </Group>
        <Group align="flex-start" wrap="wrap">
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
            maxLength={300}
            {...form.getInputProps('fixedTermReason')}
            error={error('fixedTermReason')}
            w={320}
          />
        </Group>
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('staffing.contract.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
