import { Button, Group, MultiSelect, Select, Stack, Textarea, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { type GoalAgreementDetail, goalAgreementInputSchema } from '../../../../common/goals.ts'
import { apiSend } from '../../api.ts'
import { DayInput } from '../../components/DateFields.tsx'
import { useSchemaValidator } from '../../schema-form.ts'
import { useCan } from '../../session.tsx'
import { CaseworkFormProblem, focusFirstInvalid, useFieldError } from '../casework/problems.tsx'
import { organisationsQuery, registerQuery } from '../steering/queries.ts'
import { goalKeys } from './queries.ts'

type AgreementValues = {
  title: string
  goalStatement: string
  partyIds: string[]
  startsOn: string
  endsOn: string
  decisionId: string | null
  responsibleOrganisationId: string | null
}

const decisionParams = new URLSearchParams({ limit: '100' })
const fields = [
  'title',
  'goalStatement',
  'partyIds',
  'startsOn',
  'endsOn',
  'decisionId',
  'responsibleOrganisationId',
]

const valuesOf = (agreement?: GoalAgreementDetail, decisionId?: string): AgreementValues => ({
  title: agreement?.title ?? '',
  goalStatement: agreement?.goalStatement ?? '',
  partyIds: agreement?.parties.map((party) => party.id) ?? [],
  startsOn: agreement?.startsOn ?? '',
  endsOn: agreement?.endsOn ?? '',
  decisionId: agreement?.decision?.id ?? decisionId ?? null,
  responsibleOrganisationId: agreement?.responsibleOrganisation?.id ?? null,
})

/**
 * Records a goal agreement, or changes one (with the version it was read at, so that a change
 * made meanwhile by someone else is not overwritten).
 */
export function AgreementForm({
  agreement,
  decisionId,
  onSaved,
}: {
  agreement?: GoalAgreementDetail
  /** Preselects the decision that agreed a new agreement. */
  decisionId?: string
  onSaved: (saved: GoalAgreementDetail) => void
}) {
  const { t } = useTranslation()
  const can = useCan()
  const queryClient = useQueryClient()
  const formRef = useRef<HTMLFormElement>(null)
  const organisations = useQuery(organisationsQuery)
  const decisions = useQuery({ ...registerQuery(decisionParams), enabled: can('decision.read') })
  const toInput = (values: AgreementValues) => ({
    ...values,
    decisionId: values.decisionId || null,
    responsibleOrganisationId: values.responsibleOrganisationId || null,
  })
  const form = useForm<AgreementValues>({
    initialValues: valuesOf(agreement, decisionId),
    validate: useSchemaValidator(goalAgreementInputSchema, toInput),
  })
  const save = useMutation({
    mutationFn: (input: ReturnType<typeof toInput>) =>
      agreement
        ? apiSend<GoalAgreementDetail>('PUT', `/goal-agreements/${agreement.id}`, input, {
            'if-match': `"${agreement.version}"`,
          })
        : apiSend<GoalAgreementDetail>('POST', '/goal-agreements', input),
    onSuccess: (saved) => {
      queryClient.setQueryData(goalKeys.agreement(saved.id), saved)
      void queryClient.invalidateQueries({ queryKey: goalKeys.all, exact: true })
      void queryClient.invalidateQueries({ queryKey: ['steering', 'overview'] })
      onSaved(saved)
    },
  })
  const error = useFieldError<AgreementValues>(form.errors, save.error)
  const organisationOptions = (organisations.data ?? []).map((organisation) => ({
    value: organisation.id,
    label: organisation.name,
  }))
  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={form.onSubmit(
        (values) => save.mutate(toInput(values)),
        () => focusFirstInvalid(formRef.current),
      )}
    >
      <Stack gap="xs" maw={820}>
        <CaseworkFormProblem error={save.error} shown={fields} />
        <TextInput
          label={t('goals.agreement.title')}
          required
          maxLength={200}
          {...form.getInputProps('title')}
          error={error('title')}
        />
        <Textarea
          label={t('goals.agreement.goalStatement')}
          required
          autosize
          minRows={3}
          maxLength={5000}
          {...form.getInputProps('goalStatement')}
          error={error('goalStatement')}
        />
        <MultiSelect
          label={t('goals.agreement.parties')}
          data={organisationOptions}
          searchable
          clearable
          {...form.getInputProps('partyIds')}
          error={error('partyIds')}
        />
        <Group align="flex-start" wrap="wrap">
          <DayInput
            label={t('goals.agreement.startsOn')}
            required
            {...form.getInputProps('startsOn')}
            error={error('startsOn')}
            w={170}
          />
          <DayInput
            label={t('goals.agreement.endsOn')}
            required
            {...form.getInputProps('endsOn')}
            error={error('endsOn')}
            w={170}
          />
          <Select
            label={t('goals.agreement.responsible')}
            data={organisationOptions}
            searchable
            clearable
            {...form.getInputProps('responsibleOrganisationId')}
            error={error('responsibleOrganisationId')}
            w={400}
          />
        </Group>
        <Select
          label={t('goals.agreement.decision')}
          description={t('goals.agreement.decisionHint')}
          data={(decisions.data?.items ?? []).map((decision) => ({
            value: decision.id,
            label: `${decision.number} · ${decision.bodyName}`,
          }))}
          searchable
          clearable
          {...form.getInputProps('decisionId')}
          error={error('decisionId')}
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {agreement ? t('goals.agreement.save') : t('goals.agreement.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
