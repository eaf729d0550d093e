import { Button, Group, MultiSelect, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  legalSpheres,
  type Organisation,
  type OrganisationInput,
  organisationKinds,
  type Team,
} from '../../../../common/identity.ts'
import { apiGet, apiSend } from '../../api.ts'
import { Dialog } from '../../components/Dialog.tsx'
import { FormProblem } from '../../components/FormProblem.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { useProblemText } from '../../problems.ts'

const teamsKey = ['teams'] as const
const organisationsKey = ['organisations'] as const

function TeamForm({ team, onDone }: { team?: Team; onDone: () => void }) {
  const { t } = useTranslation()
  const problems = useProblemText()
  const queryClient = useQueryClient()
  const [name, setName] = useState(team?.name ?? '')
  const save = useMutation({
    mutationFn: () =>
      team
        ? apiSend<Team>('PATCH', `/teams/${team.id}`, { name }, { 'if-match': `"${team.version}"` })
        : apiSend<Team>('POST', '/teams', { name }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: teamsKey })
      setName('')
      onDone()
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate()
  }
  return (
    <Stack component="form" onSubmit={submit} gap="sm">
      <FormProblem error={save.error} />
      <Group align="flex-end">
        <TextInput
          label={team ? t('organisations.teamName') : t('organisations.newTeam')}
          required
          value={name}
          error={problems.field(save.error, 'name')}
          onChange={(event) => setName(event.currentTarget.value)}
          w={320}
        />
        <Button type="submit" loading={save.isPending} disabled={!name.trim()}>
          {team ? t('users.save') : t('organisations.create')}
        </Button>
      </Group>
    </Stack>
  )
}

function OrganisationForm({ organisation, onDone }: { organisation?: Organisation; onDone: () => void }) {
  const { t } = useTranslation()
  const problems = useProblemText()
  const queryClient = useQueryClient()
  const [form, setForm] = useState<OrganisationInput>({
    name: organisation?.name ?? '',
    kind: organisation?.kind ?? 'jobcenter',
    legalSpheres: organisation?.legalSpheres ?? [],
  })
  const save = useMutation({
    mutationFn: () =>
      organisation
        ? apiSend<Organisation>('PUT', `/organisations/${organisation.id}`, form, {
            'if-match': `"${organisation.version}"`,
          })
        : apiSend<Organisation>('POST', '/organisations', form),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: organisationsKey })
      onDone()
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate()
  }
  return (
    <Stack component="form" onSubmit={submit} gap="sm">
      <FormProblem error={save.error} />
      <TextInput
        label={t('organisations.name')}
        required
        value={form.name}
        error={problems.field(save.error, 'name')}
        onChange={(event) => setForm({ ...form, name: event.currentTarget.value })}
      />
      <Select
        label={t('organisations.kind')}
        required
        allowDeselect={false}
        data={organisationKinds.map((kind) => ({ value: kind, label: t(`organisationKinds.${kind}`) }))}
        value={form.kind}
        onChange={(value) => value && setForm({ ...form, kind: value as OrganisationInput['kind'] })}
      />
      <MultiSelect
        label={t('organisations.legalSpheres')}
        data={[...legalSpheres]}
        value={form.legalSpheres}
        onChange={(value) => setForm({ ...form, legalSpheres: value as OrganisationInput['legalSpheres'] })}
      />
      <Group justify="flex-end">
        <Button type="submit" loading={save.isPending}>
          {organisation ? t('users.save') : t('organisations.create')}
        </Button>
      </Group>
    </Stack>
  )
}

/** One row's edit button with its dialog. */
function EditButton({
  label,
  title,
  children,
}: {
  label: string
  title: string
  children: (close: () => void) => React.ReactNode
}) {
  const { t } = useTranslation()
  const [opened, { open, close }] = useDisclosure(false)
  return (
    <>
      <Button size="xs" variant="default" onClick={open} aria-label={label}>
        {t('users.edit')}
      </Button>
      <Dialog opened={opened} onClose={close} title={title}>
        {children(close)}
      </Dialog>
    </>
  )
}

export function OrganisationsPage() {
  const { t } = useTranslation()
  const teams = useQuery({ queryKey: teamsKey, queryFn: ({ signal }) => apiGet<Team[]>('/teams', signal) })
  const organisations = useQuery({
    queryKey: organisationsKey,
    queryFn: ({ signal }) => apiGet<Organisation[]>('/organisations', signal),
  })
  const [creating, { open: openCreate, close: closeCreate }] = useDisclosure(false)

  return (
    <Stack gap="xl" maw={1100}>
      <Title order={2}>{t('organisations.title')}</Title>
      <section aria-labelledby="teams-heading">
        <Title order={3} id="teams-heading" mb="sm">
          {t('organisations.teams')}
        </Title>
        <Stack gap="sm">
          <TeamForm onDone={() => {}} />
          <QueryState query={teams}>
            {(items) => (
              <Table striped withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('organisations.teamName')}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('organisations.members')}
                    </Table.Th>
                    <Table.Th scope="col">{t('users.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((team) => (
                    <Table.Tr key={team.id}>
                      <Table.Td>{team.name}</Table.Td>
                      <Table.Td ta="right">{team.memberCount}</Table.Td>
                      <Table.Td>
                        <EditButton
                          label={`${t('users.edit')}: ${team.name}`}
                          title={t('users.editTitle', { name: team.name })}
                        >
                          {(close) => <TeamForm team={team} onDone={close} />}
                        </EditButton>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </QueryState>
        </Stack>
      </section>
      <section aria-labelledby="organisations-heading">
        <Group justify="space-between" mb="sm">
          <Title order={3} id="organisations-heading">
            {t('organisations.organisations')}
          </Title>
          <Button onClick={openCreate}>{t('organisations.newOrganisation')}</Button>
        </Group>
        <Text size="sm" mb="sm">
          {t('organisations.intro')}
        </Text>
        <QueryState query={organisations}>
          {(items) => (
            <Table striped withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('organisations.name')}</Table.Th>
                  <Table.Th scope="col">{t('organisations.kind')}</Table.Th>
                  <Table.Th scope="col">{t('organisations.legalSpheres')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('organisations.partnerUsers')}
                  </Table.Th>
                  <Table.Th scope="col">{t('users.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((organisation) => (
                  <Table.Tr key={organisation.id}>
                    <Table.Td>{organisation.name}</Table.Td>
                    <Table.Td>{t(`organisationKinds.${organisation.kind}`)}</Table.Td>
                    <Table.Td>{organisation.legalSpheres.join(', ') || '–'}</Table.Td>
                    <Table.Td ta="right">{organisation.memberCount}</Table.Td>
                    <Table.Td>
                      <EditButton
                        label={`${t('users.edit')}: ${organisation.name}`}
                        title={t('users.editTitle', { name: organisation.name })}
                      >
                        {(close) => <OrganisationForm organisation={organisation} onDone={close} />}
                      </EditButton>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </QueryState>
      </section>
      <Dialog opened={creating} onClose={closeCreate} title={t('organisations.newOrganisation')}>
        <OrganisationForm onDone={closeCreate} />
      </Dialog>
    </Stack>
  )
}
