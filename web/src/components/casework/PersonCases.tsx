import {
  Anchor,
  Button,
  Group,
  MultiSelect,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Case, Person } from '../../../../common/casework.ts'
import { apiSend } from '../../api.ts'
import { formatDay, todayIso } from '../../casework-format.ts'
import { CaseworkFormProblem, useCaseworkProblems } from '../../casework-problems.tsx'
import {
  caseQuery,
  caseworkKeys,
  useCaseManagers,
  useMunicipalities,
  useTeams,
} from '../../casework-queries.ts'
import { useCan, useSession } from '../../session.tsx'
import { Dialog } from '../Dialog.tsx'
import { PhaseBadge } from './bits.tsx'

function OpenCaseForm({ person }: { person: Person }) {
  const { t } = useTranslation()
  const session = useSession()
  const problems = useCaseworkProblems()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const municipalities = useMunicipalities()
  const teams = useTeams()
  const managers = useCaseManagers()
  const [form, setForm] = useState({
    municipalityId: person.municipalityId as string | null,
    teamId: (session.user.teamIds[0] ?? null) as string | null,
    managerIds: [] as string[],
    openedOn: todayIso(),
  })
  const open = useMutation({
    mutationFn: () => apiSend<Case>('POST', '/cases', { personIds: [person.id], ...form }),
    onSuccess: async (created) => {
      queryClient.setQueryData(caseworkKeys.case(created.id), created)
      await queryClient.invalidateQueries({ queryKey: caseworkKeys.person(person.id) })
      await navigate({ to: '/cases/$caseId', params: { caseId: created.id } })
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    open.mutate()
  }
  const fields = ['municipalityId', 'teamId', 'managerIds', 'openedOn']
  return (
    <Stack component="form" onSubmit={submit} gap="sm">
      <CaseworkFormProblem error={open.error} shown={fields} />
      <Select
        label={t('casework.fields.municipality')}
        required
        data-autofocus
        data={municipalities.options}
        value={form.municipalityId}
        onChange={(municipalityId) => setForm({ ...form, municipalityId })}
        error={problems.field(open.error, 'municipalityId')}
        searchable
        openOnFocus={false}
      />
      <Select
        label={t('casework.fields.team')}
        data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
        value={form.teamId}
        onChange={(teamId) => setForm({ ...form, teamId })}
        error={problems.field(open.error, 'teamId')}
        clearable
      />
      <MultiSelect
        label={t('casework.fields.managers')}
        description={t('casework.openCase.managersHint')}
        data={(managers.data ?? []).map((manager) => ({ value: manager.id, label: manager.displayName }))}
        value={form.managerIds}
        onChange={(managerIds) => setForm({ ...form, managerIds })}
        error={problems.field(open.error, 'managerIds')}
        maxValues={4}
        searchable
        openOnFocus={false}
      />
      <TextInput
        label={t('casework.openCase.openedOn')}
        type="date"
        required
        max={todayIso()}
        value={form.openedOn}
        onChange={(event) => setForm({ ...form, openedOn: event.currentTarget.value })}
        error={problems.field(open.error, 'openedOn')}
      />
      <Group justify="flex-end">
        <Button type="submit" loading={open.isPending} disabled={!form.municipalityId}>
          {t('casework.openCase.submit')}
        </Button>
      </Group>
    </Stack>
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
