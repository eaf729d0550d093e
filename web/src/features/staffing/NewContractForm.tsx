import { Button, Group, Stack, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { type ContractDetail, contractInputSchema } from '../../../../common/staffing.ts'
import { apiSend } from '../../api.ts'
import { useSchemaValidator } from '../../schema-form.ts'
import { CaseworkFormProblem, focusFirstInvalid, useFieldError } from '../casework/problems.tsx'
import { ContractTermFields, type ContractTermValues } from './contract-fields.tsx'
import { staffingKeys } from './queries.ts'

type Values = ContractTermValues & {
  familyName: string
  givenNames: string
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
        </Group>
        <Group align="flex-start" wrap="wrap">
          <ContractTermFields form={form} error={error} />
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
