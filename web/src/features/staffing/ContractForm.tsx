import { Button, Group, Stack, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { type Contract, type ContractDetail, contractUpdateSchema } from '../../../../common/staffing.ts'
import { apiSend } from '../../api.ts'
import { DayInput } from '../../components/DateFields.tsx'
import { useSchemaValidator } from '../../schema-form.ts'
import { CaseworkFormProblem, focusFirstInvalid, useFieldError } from '../casework/problems.tsx'
import { ContractTermFields, type ContractTermValues } from './contract-fields.tsx'
import { staffingKeys } from './queries.ts'

type Values = ContractTermValues & {
  leavesOn: string
  departureNote: string
}

/** Change or extend a contract (a new end, or none), or record that the person leaves earlier. */
export function ContractForm({ contract, onDone }: { contract: Contract; onDone: () => void }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const formRef = useRef<HTMLFormElement>(null)
  const toInput = (values: Values) => ({
    fte: typeof values.fte === 'number' ? values.fte : Number(values.fte),
    startsOn: values.startsOn,
    endsOn: values.endsOn || null,
    fixedTermReason: values.fixedTermReason,
    plannedDeparture: values.leavesOn ? { leavesOn: values.leavesOn, note: values.departureNote } : null,
  })
  const form = useForm<Values>({
    initialValues: {
      fte: contract.fte,
      startsOn: contract.startsOn,
      endsOn: contract.endsOn ?? '',
      fixedTermReason: contract.fixedTermReason,
      leavesOn: contract.plannedDeparture?.leavesOn ?? '',
      departureNote: contract.plannedDeparture?.note ?? '',
    },
    validate: useSchemaValidator(contractUpdateSchema, toInput, (path) =>
      path === 'plannedDeparture.leavesOn' ? 'leavesOn' : path,
    ),
  })
  const save = useMutation({
    mutationFn: (input: ReturnType<typeof toInput>) =>
      apiSend<ContractDetail>('PUT', `/contracts/${contract.id}`, input, {
        'if-match': `"${contract.version}"`,
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: staffingKeys.all })
      onDone()
    },
  })
  const error = useFieldError<Values & { plannedDeparture: string }>(form.errors, save.error)
  return (
    <form
      ref={formRef}
      noValidate
      aria-label={t('staffing.contract.editTitle', { name: contract.staffName })}
      onSubmit={form.onSubmit(
        (values) => save.mutate(toInput(values)),
        () => focusFirstInvalid(formRef.current),
      )}
    >
      <Stack gap="xs">
        <CaseworkFormProblem
          error={save.error}
          shown={['fte', 'startsOn', 'endsOn', 'fixedTermReason', 'plannedDeparture']}
        />
        <Group align="flex-start" wrap="wrap">
          <ContractTermFields form={form} error={error} />
        </Group>
        <Group align="flex-start" wrap="wrap">
          <DayInput
            label={t('staffing.contract.leavesOn')}
            {...form.getInputProps('leavesOn')}
            error={error('leavesOn', 'leavesOn') ?? error('plannedDeparture')}
            w={200}
          />
          <TextInput
            label={t('staffing.contract.departureNote')}
            maxLength={500}
            {...form.getInputProps('departureNote')}
            w={320}
          />
        </Group>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('staffing.contract.save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('staffing.contract.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
