import { Button, Group, MultiSelect, Select, Stack, Text, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type Case, caseUpdateSchema } from '../../../../common/casework.ts'
import { ApiError, apiSend } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { maxItemsOf, useSchemaValidator } from '../../schema-form.ts'
import { CaseworkFormProblem, focusFirstInvalid, useFieldError } from '../casework/problems.tsx'
import { caseworkKeys, useCaseManagers, useMunicipalities, useTeams } from '../casework/queries.ts'
import { caseHandover } from './HandoverNotice.tsx'

type Values = { municipalityId: string | null; teamId: string | null; managerIds: string[] }
const assignmentInput = (values: Values) => ({
  municipalityId: values.municipalityId ?? undefined,
  teamId: values.teamId,
  managerIds: values.managerIds,
})

/** Municipality, team and responsible case managers; for team leads and the case's own managers. */
export function AssignmentTab({ item }: { item: Case }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const municipalities = useMunicipalities()
  const teams = useTeams()
  const managers = useCaseManagers()
  const formRef = useRef<HTMLFormElement>(null)
  const form = useForm<Values>({
    initialValues: {
      municipalityId: item.municipalityId,
      teamId: item.teamId,
      managerIds: item.managers.map((manager) => manager.id),
    },
    validate: useSchemaValidator(caseUpdateSchema, assignmentInput, (path) => path.split('.')[0] ?? path),
  })
  const [notice, setNotice] = useState('')
  const save = useMutation({
    mutationFn: (body: ReturnType<typeof assignmentInput>) =>
      apiSend<Case>('PUT', `/cases/${item.id}`, body, { 'if-match': `"${item.version}"` }),
    onSuccess: async (updated) => {
      if (!updated.abilities['case.read']) {
        // Handed over beyond the user's reach: back to the list before anything reloads the case,
        // which the server would now refuse.
        await navigate({ to: '/cases', state: { caseHandover: caseHandover(updated) } })
        queryClient.removeQueries({ queryKey: caseworkKeys.case(item.id) })
        void queryClient.invalidateQueries({ queryKey: caseworkKeys.cases })
        return
      }
      queryClient.setQueryData(caseworkKeys.case(item.id), updated)
      void queryClient.invalidateQueries({ queryKey: caseworkKeys.cases })
      setNotice(t('casework.assignment.saved'))
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) {
        void queryClient.invalidateQueries({ queryKey: caseworkKeys.case(item.id), exact: true })
      }
    },
  })
  const fieldError = useFieldError<Values>(form.errors, save.error)
  if (!item.abilities['case.assign']) return null
  const submit = form.onSubmit(
    (values) => {
      setNotice('')
      save.mutate(assignmentInput(values))
    },
    () => {
      setNotice('')
      focusFirstInvalid(formRef.current)
    },
  )
  const { values } = form
  // Managers who left keep showing until someone removes them.
  const managerOptions = [
    ...(managers.data ?? []).map((manager) => ({ value: manager.id, label: manager.displayName })),
    ...item.managers
      .filter((manager) => !managers.data?.some((option) => option.id === manager.id))
      .map((manager) => ({ value: manager.id, label: manager.displayName })),
  ]
  return (
    <section aria-labelledby="assignment-heading">
      <Title order={3} size="h4" id="assignment-heading" mb="xs">
        {t('casework.tabs.assignment')}
      </Title>
      <Text size="sm" mb="sm" maw={640}>
        {t('casework.assignment.intro')}
      </Text>
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="sm" maw={520}>
          <CaseworkFormProblem error={save.error} shown={['municipalityId', 'teamId', 'managerIds']} />
          <Select
            label={t('casework.fields.municipality')}
            required
            data={municipalities.options}
            {...form.getInputProps('municipalityId')}
            error={fieldError('municipalityId')}
            searchable
            openOnFocus={false}
          />
          <Select
            label={t('casework.fields.team')}
            data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
            {...form.getInputProps('teamId')}
            error={fieldError('teamId')}
            clearable
          />
          <MultiSelect
            label={t('casework.fields.managers')}
            required
            data={managerOptions}
            {...form.getInputProps('managerIds')}
            error={fieldError('managerIds')}
            maxValues={maxItemsOf(caseUpdateSchema, 'managerIds')}
            searchable
            openOnFocus={false}
          />
          <Group justify="flex-end" gap="sm">
            <Text size="sm" role="status" c={statusColors.positive} fw={600}>
              {notice}
            </Text>
            <Button
              type="submit"
              loading={save.isPending}
              disabled={!values.municipalityId || values.managerIds.length === 0}
            >
              {t('casework.common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </section>
  )
}
