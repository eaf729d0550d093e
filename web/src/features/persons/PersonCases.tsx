import { Anchor, Button, Group, MultiSelect, Select, Stack, Table, Text, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate } from '@tanstack/react-router'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type Case, caseCreateSchema, type Person } from '../../../../common/casework.ts'
import { apiSend } from '../../api.ts'
import { DayInput } from '../../components/DateFields.tsx'
import { Dialog } from '../../components/Dialog.tsx'
import { maxItemsOf, useSchemaValidator } from '../../schema-form.ts'
import { useCan, useSession } from '../../session.tsx'
import { PhaseBadge } from '../casework/bits.tsx'
import { formatDay, todayIso } from '../casework/format.ts'
import { CaseworkFormProblem, focusFirstInvalid, useFieldError } from '../casework/problems.tsx'
import { caseQuery, caseworkKeys, useCaseManagers, useMunicipalities, useTeams } from '../casework/queries.ts'

type OpenCaseValues = {
  municipalityId: string | null
  teamId: string | null
  managerIds: string[]
  openedOn: string
}

function OpenCaseForm({ person }: { person: Person }) {
  const { t } = useTranslation()
  const session = useSession()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const municipalities = useMunicipalities()
  const teams = useTeams()
  const managers = useCaseManagers()
  const formRef = useRef<HTMLFormElement>(null)
  const toInput = (values: OpenCaseValues) => ({
    personIds: [person.id],
    municipalityId: values.municipalityId ?? undefined,
    teamId: values.teamId,
    managerIds: values.managerIds,
    openedOn: values.openedOn || undefined,
  })
  const form = useForm<OpenCaseValues>({
    initialValues: {
      municipalityId: person.municipalityId,
      teamId: session.user.teamIds[0] ?? null,
      managerIds: [],
      openedOn: todayIso(),
    },
    validate: useSchemaValidator(caseCreateSchema, toInput),
  })
  const open = useMutation({
    mutationFn: (body: ReturnType<typeof toInput>) => apiSend<Case>('POST', '/cases', body),
    onSuccess: async (created) => {
      queryClient.setQueryData(caseworkKeys.case(created.id), created)
      await queryClient.invalidateQueries({ queryKey: caseworkKeys.person(person.id) })
      await navigate({ to: '/cases/$caseId', params: { caseId: created.id } })
    },
  })
  const error = useFieldError<OpenCaseValues>(form.errors, open.error)
  const fields = ['municipalityId', 'teamId', 'managerIds', 'openedOn']
  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={form.onSubmit(
        (values) => open.mutate(toInput(values)),
        () => focusFirstInvalid(formRef.current),
      )}
    >
      <Stack gap="sm">
        <CaseworkFormProblem error={open.error} shown={fields} />
        <Select
          label={t('casework.fields.municipality')}
          required
          data-autofocus
          data={municipalities.options}
          {...form.getInputProps('municipalityId')}
          error={error('municipalityId')}
          searchable
          openOnFocus={false}
        />
        <Select
          label={t('casework.fields.team')}
          data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
          {...form.getInputProps('teamId')}
          error={error('teamId')}
          clearable
        />
        <MultiSelect
          label={t('casework.fields.managers')}
          description={t('casework.openCase.managersHint')}
          data={(managers.data ?? []).map((manager) => ({ value: manager.id, label: manager.displayName }))}
          {...form.getInputProps('managerIds')}
          error={error('managerIds')}
          maxValues={maxItemsOf(caseCreateSchema, 'managerIds')}
          searchable
          openOnFocus={false}
        />
        <DayInput
          label={t('casework.openCase.openedOn')}
          required
          max={todayIso()}
          {...form.getInputProps('openedOn')}
          error={error('openedOn')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={open.isPending}>
            {t('casework.openCase.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** The person's cases (each read on its own; a case outside the user's reach says so) and "open a case". */
export function PersonCases({ person }: { person: Person }) {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const [opening, setOpening] = useState(false)
  const cases = useQueries({
    queries: person.caseIds.map((caseId) => ({ ...caseQuery(caseId), retry: false })),
  })
  return (
    <section aria-labelledby="cases-heading">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4" id="cases-heading">
          {t('casework.person.cases')}
        </Title>
        {can('case.create') && (
          <Button onClick={() => setOpening(true)}>{t('casework.openCase.title')}</Button>
        )}
      </Group>
      {person.caseIds.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('casework.person.noCases')}
        </Text>
      ) : (
        <Table withTableBorder striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('casework.fields.reference')}</Table.Th>
              <Table.Th scope="col">{t('casework.fields.phase')}</Table.Th>
              <Table.Th scope="col">{t('casework.fields.openedOn')}</Table.Th>
              <Table.Th scope="col">{t('casework.fields.managers')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cases.map((query, index) => {
              const caseId = person.caseIds[index] as string
              if (!query.data) {
                return (
                  <Table.Tr key={caseId}>
                    <Table.Td colSpan={4}>
                      <Text size="sm" c="dimmed">
                        {query.isPending ? t('common.loading') : t('casework.person.caseHidden')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )
              }
              const item = query.data
              return (
                <Table.Tr key={caseId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/cases/${caseId}`} fw={600}>
                      {item.reference}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <PhaseBadge phase={item.phase} />
                  </Table.Td>
                  <Table.Td>{formatDay(item.openedOn, i18n.language)}</Table.Td>
                  <Table.Td>{item.managers.map((manager) => manager.displayName).join(', ')}</Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
      )}
      <Dialog opened={opening} onClose={() => setOpening(false)} title={t('casework.openCase.title')}>
        <OpenCaseForm person={person} />
      </Dialog>
    </section>
  )
}
