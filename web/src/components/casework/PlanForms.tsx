import { Button, Group, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type Case,
  type Goal,
  goalStatuses,
  type LifeDomain,
  lifeDomains,
  type Measure,
  measureOwners,
  measureStatuses,
} from '../../../../common/casework.ts'
import { ApiError, apiSend } from '../../api.ts'
import { CaseworkFormProblem, useCaseworkProblems } from '../../casework-problems.tsx'
import { caseworkKeys, type Plan, planQuery, useOrganisations } from '../../casework-queries.ts'
import { useEnumOptions } from './bits.tsx'

/** Saves a goal or measure and puts the plan the server answers with in place. */
function usePlanMutation(item: Case, send: () => Promise<Plan>, onDone: () => void) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: send,
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

export function GoalForm({ item, goal, onDone }: { item: Case; goal?: Goal; onDone: () => void }) {
  const { t } = useTranslation()
  const problems = useCaseworkProblems()
  const options = useEnumOptions()
  const [form, setForm] = useState({
    domain: (goal?.domain ?? null) as LifeDomain | null,
    statement: goal?.statement ?? '',
    indicator: goal?.indicator ?? '',
    targetDate: goal?.targetDate ?? '',
    status: goal?.status ?? 'open',
  })
  const body = () => ({ ...form, targetDate: form.targetDate || null })
  const save = usePlanMutation(
    item,
    () =>
      goal
        ? apiSend<Plan>('PUT', `/cases/${item.id}/goals/${goal.id}`, body(), {
            'if-match': `"${goal.version}"`,
          })
        : apiSend<Plan>('POST', `/cases/${item.id}/goals`, body()),
    onDone,
  )
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate()
  }
  const error = (field: string) => problems.field(save.error, field)
  return (
    <Stack component="form" onSubmit={submit} gap="sm">
      <CaseworkFormProblem
        error={save.error}
        shown={['domain', 'statement', 'indicator', 'targetDate', 'status']}
      />
      <Select
        label={t('casework.fields.domain')}
        required
        data-autofocus
        data={options(lifeDomains, 'domains')}
        value={form.domain}
        onChange={(domain) => setForm({ ...form, domain: domain as LifeDomain | null })}
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
        maxLength={500}
        value={form.statement}
        onChange={(event) => setForm({ ...form, statement: event.currentTarget.value })}
        error={error('statement')}
      />
      <TextInput
        label={t('casework.plan.indicator')}
        description={t('casework.plan.indicatorHint')}
        maxLength={500}
        value={form.indicator}
        onChange={(event) => setForm({ ...form, indicator: event.currentTarget.value })}
        error={error('indicator')}
      />
      <SimpleGrid cols={2} spacing="sm">
        <TextInput
          label={t('casework.plan.targetDate')}
          type="date"
          value={form.targetDate}
          onChange={(event) => setForm({ ...form, targetDate: event.currentTarget.value })}
          error={error('targetDate')}
        />
        <Select
          label={t('casework.plan.status')}
          data={options(goalStatuses, 'goalStatuses')}
          value={form.status}
          onChange={(status) => status && setForm({ ...form, status: status as Goal['status'] })}
          allowDeselect={false}
          error={error('status')}
        />
      </SimpleGrid>
      <Group justify="flex-end">
        <Button type="submit" loading={save.isPending}>
          {t('casework.common.save')}
        </Button>
      </Group>
    </Stack>
  )
}

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
  const problems = useCaseworkProblems()
  const options = useEnumOptions()
  const organisations = useOrganisations()
  const [form, setForm] = useState({
    goalId: measure?.goalId ?? goalId ?? null,
    description: measure?.description ?? '',
    owner: measure?.owner ?? 'case-manager',
    organisationId: measure?.organisationId ?? null,
    dueOn: measure?.dueOn ?? '',
    status: measure?.status ?? 'planned',
  })
  const body = () => ({
    ...form,
    organisationId: form.owner === 'partner' ? form.organisationId : null,
    dueOn: form.dueOn || null,
  })
  const save = usePlanMutation(
    item,
    () =>
      measure
        ? apiSend<Plan>('PUT', `/cases/${item.id}/measures/${measure.id}`, body(), {
            'if-match': `"${measure.version}"`,
          })
        : apiSend<Plan>('POST', `/cases/${item.id}/measures`, body()),
    onDone,
  )
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate()
  }
  const error = (field: string) => problems.field(save.error, field)
  return (
    <Stack component="form" onSubmit={submit} gap="sm">
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
        maxLength={500}
        value={form.description}
        onChange={(event) => setForm({ ...form, description: event.currentTarget.value })}
        error={error('description')}
      />
      <Select
        label={t('casework.plan.forGoal')}
        data={goals.map((goal) => ({ value: goal.id, label: goal.statement }))}
        value={form.goalId}
        onChange={(value) => setForm({ ...form, goalId: value })}
        placeholder={t('casework.plan.noGoal')}
        clearable
        error={error('goalId')}
      />
      <SimpleGrid cols={2} spacing="sm">
        <Select
          label={t('casework.plan.owner')}
          required
          data={options(measureOwners, 'measureOwners')}
          value={form.owner}
          onChange={(owner) => owner && setForm({ ...form, owner: owner as Measure['owner'] })}
          allowDeselect={false}
          error={error('owner')}
        />
        {form.owner === 'partner' && (
          <Select
            label={t('casework.plan.organisation')}
            required
            data={(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
            value={form.organisationId}
            onChange={(organisationId) => setForm({ ...form, organisationId })}
            searchable
            openOnFocus={false}
            error={error('organisationId')}
          />
        )}
        <TextInput
          label={t('casework.plan.dueOn')}
          type="date"
          value={form.dueOn}
          onChange={(event) => setForm({ ...form, dueOn: event.currentTarget.value })}
          error={error('dueOn')}
        />
        <Select
          label={t('casework.plan.status')}
          data={options(measureStatuses, 'measureStatuses')}
          value={form.status}
          onChange={(status) => status && setForm({ ...form, status: status as Measure['status'] })}
          allowDeselect={false}
          error={error('status')}
        />
      </SimpleGrid>
      <Group justify="flex-end">
        <Button type="submit" loading={save.isPending}>
          {t('casework.common.save')}
        </Button>
      </Group>
    </Stack>
  )
}
