import { Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type Case,
  type Goal,
  goalInputSchema,
  goalStatuses,
  type LifeDomain,
  lifeDomains,
  type Measure,
  measureInputSchema,
  measureOwners,
  measureStatuses,
} from '../../../../common/casework.ts'
import { ApiError, apiSend } from '../../api.ts'
import { DayInput } from '../../components/DateFields.tsx'
import { maxLengthOf, useSchemaValidator } from '../../schema-form.ts'
import { SaveButton, useEnumOptions } from '../casework/bits.tsx'
import { CaseworkFormProblem, focusFirstInvalid, useFieldError } from '../casework/problems.tsx'
import { caseworkKeys, type Plan, planQuery, useOrganisations } from '../casework/queries.ts'

/**
 * Saves a new goal or measure (POST) or changes the one given (PUT with its version) and puts the
 * plan the server answers with in place.
 */
function usePlanMutation<Body>(
  item: Case,
  kind: 'goals' | 'measures',
  existing: { id: string; version: number } | undefined,
  onDone: () => void,
) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: Body) =>
      existing
        ? apiSend<Plan>('PUT', `/cases/${item.id}/${kind}/${existing.id}`, body, {
            'if-match': `"${existing.version}"`,
          })
        : apiSend<Plan>('POST', `/cases/${item.id}/${kind}`, body),
    onSuccess: (plan) => {
      queryClient.setQueryData(planQuery(item.id).queryKey, plan)
      void queryClient.invalidateQueries({ queryKey: caseworkKeys.caseRecord(item.id, 'timeline') })
      onDone()
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) {
        void queryClient.invalidateQueries({ queryKey: planQuery(item.id).queryKey })
      }
    },
  })
}

type GoalFormValues = {
  domain: LifeDomain | null
  statement: string
  indicator: string
  targetDate: string
  status: Goal['status']
}

const goalInput = (values: GoalFormValues) => ({
  domain: values.domain ?? undefined,
  statement: values.statement,
  indicator: values.indicator,
  targetDate: values.targetDate || null,
  status: values.status,
})

export function GoalForm({ item, goal, onDone }: { item: Case; goal?: Goal; onDone: () => void }) {
  const { t } = useTranslation()
  const options = useEnumOptions()
  const formRef = useRef<HTMLFormElement>(null)
  const form = useForm<GoalFormValues>({
    initialValues: {
      domain: goal?.domain ?? null,
      statement: goal?.statement ?? '',
      indicator: goal?.indicator ?? '',
      targetDate: goal?.targetDate ?? '',
      status: goal?.status ?? 'open',
    },
    validate: useSchemaValidator(goalInputSchema, goalInput),
  })
  const save = usePlanMutation<ReturnType<typeof goalInput>>(item, 'goals', goal, onDone)
  const error = useFieldError<GoalFormValues>(form.errors, save.error)
  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={form.onSubmit(
        (values) => save.mutate(goalInput(values)),
        () => focusFirstInvalid(formRef.current),
      )}
    >
      <Stack gap="sm">
        <CaseworkFormProblem
          error={save.error}
          shown={['domain', 'statement', 'indicator', 'targetDate', 'status']}
        />
        <Select
          label={t('casework.fields.domain')}
          required
          data-autofocus
          data={options(lifeDomains, 'domains')}
          {...form.getInputProps('domain')}
          error={error('domain')}
          searchable
          openOnFocus={false}
        />
        <Textarea
          label={t('casework.plan.statement')}
          description={t('casework.plan.statementHint')}
          required
          autosize
          minRows={2}
          maxLength={maxLengthOf(goalInputSchema, 'statement')}
          {...form.getInputProps('statement')}
          error={error('statement')}
        />
        <TextInput
          label={t('casework.plan.indicator')}
          description={t('casework.plan.indicatorHint')}
          maxLength={maxLengthOf(goalInputSchema, 'indicator')}
          {...form.getInputProps('indicator')}
          error={error('indicator')}
        />
        <SimpleGrid cols={2} spacing="sm">
          <DayInput
            label={t('casework.plan.targetDate')}
            {...form.getInputProps('targetDate')}
            error={error('targetDate')}
          />
          <Select
            label={t('casework.plan.status')}
            data={options(goalStatuses, 'goalStatuses')}
            {...form.getInputProps('status')}
            allowDeselect={false}
            error={error('status')}
          />
        </SimpleGrid>
        <SaveButton saving={save.isPending} />
      </Stack>
    </form>
  )
}

type MeasureFormValues = {
  goalId: string | null
  description: string
  owner: Measure['owner']
  organisationId: string | null
  dueOn: string
  status: Measure['status']
}

const measureInput = (values: MeasureFormValues) => ({
  goalId: values.goalId,
  description: values.description,
  owner: values.owner,
  organisationId: values.owner === 'partner' ? values.organisationId : null,
  dueOn: values.dueOn || null,
  status: values.status,
})

export function MeasureForm({
  item,
  goals,
  measure,
  goalId,
  onDone,
}: {
  item: Case
  goals: Goal[]
  measure?: Measure
  goalId?: string | null
  onDone: () => void
}) {
  const { t } = useTranslation()
  const options = useEnumOptions()
  const organisations = useOrganisations()
  const formRef = useRef<HTMLFormElement>(null)
  const form = useForm<MeasureFormValues>({
    initialValues: {
      goalId: measure?.goalId ?? goalId ?? null,
      description: measure?.description ?? '',
      owner: measure?.owner ?? 'case-manager',
      organisationId: measure?.organisationId ?? null,
      dueOn: measure?.dueOn ?? '',
      status: measure?.status ?? 'planned',
    },
    validate: useSchemaValidator(measureInputSchema, measureInput),
  })
  const save = usePlanMutation<ReturnType<typeof measureInput>>(item, 'measures', measure, onDone)
  const error = useFieldError<MeasureFormValues>(form.errors, save.error)
  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={form.onSubmit(
        (values) => save.mutate(measureInput(values)),
        () => focusFirstInvalid(formRef.current),
      )}
    >
      <Stack gap="sm">
        <CaseworkFormProblem
          error={save.error}
          shown={['goalId', 'description', 'owner', 'organisationId', 'dueOn', 'status']}
        />
        <Textarea
          label={t('casework.plan.description')}
          required
          data-autofocus
          autosize
          minRows={2}
          maxLength={maxLengthOf(measureInputSchema, 'description')}
          {...form.getInputProps('description')}
          error={error('description')}
        />
        <Select
          label={t('casework.plan.forGoal')}
          data={goals.map((goal) => ({ value: goal.id, label: goal.statement }))}
          {...form.getInputProps('goalId')}
          placeholder={t('casework.plan.noGoal')}
          clearable
          error={error('goalId')}
        />
        <SimpleGrid cols={2} spacing="sm">
          <Select
            label={t('casework.plan.owner')}
            required
            data={options(measureOwners, 'measureOwners')}
            {...form.getInputProps('owner')}
            allowDeselect={false}
            error={error('owner')}
          />
          {form.values.owner === 'partner' && (
            <Select
              label={t('casework.plan.organisation')}
              required
              data={(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
              {...form.getInputProps('organisationId')}
              searchable
              openOnFocus={false}
              error={error('organisationId')}
            />
          )}
          <DayInput
            label={t('casework.plan.dueOn')}
            {...form.getInputProps('dueOn')}
            error={error('dueOn')}
          />
          <Select
            label={t('casework.plan.status')}
            data={options(measureStatuses, 'measureStatuses')}
            {...form.getInputProps('status')}
            allowDeselect={false}
            error={error('status')}
          />
        </SimpleGrid>
        <SaveButton saving={save.isPending} />
      </Stack>
    </form>
  )
}
