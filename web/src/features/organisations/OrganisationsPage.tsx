import { Button, Group, MultiSelect, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useDisclosure } from '@mantine/hooks'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import {
  legalSpheres,
  type Organisation,
  type OrganisationInput,
  organisationInputSchema,
  organisationKinds,
  type Team,
  teamInputSchema,
} from '../../../../common/identity.ts'
import { apiGet, apiSend } from '../../api.ts'
import { Dialog } from '../../components/Dialog.tsx'
import { ExportMenu } from '../../components/ExportMenu.tsx'
import { FormProblem } from '../../components/FormProblem.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { useProblemText } from '../../problems.ts'
import { maxLengthOf, useSchemaValidator } from '../../schema-form.ts'

const teamsKey = ['teams'] as const
const organisationsKey = ['organisations'] as const

type TeamValues = { name: string }

function TeamForm({ team, onDone }: { team?: Team; onDone: () => void }) {
  const { t } = useTranslation()
  const problems = useProblemText()
  const queryClient = useQueryClient()
  const form = useForm<TeamValues>({
    initialValues: { name: team?.name ?? '' },
    validate: useSchemaValidator(teamInputSchema, (values: TeamValues) => values),
  })
  const save = useMutation({
    mutationFn: (body: TeamValues) =>
      team
        ? apiSend<Team>('PATCH', `/teams/${team.id}`, body, { 'if-match': `"${team.version}"` })
        : apiSend<Team>('POST', '/teams', body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: teamsKey })
      form.reset()
      onDone()
    },
  })
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack gap="sm">
        <FormProblem error={save.error} />
        <Group align="flex-end">
          <TextInput
            label={team ? t('organisations.teamName') : t('organisations.newTeam')}
            required
            maxLength={maxLengthOf(teamInputSchema, 'name')}
            {...form.getInputProps('name')}
            error={(form.errors.name as string | undefined) ?? problems.field(save.error, 'name')}
            w={320}
          />
          <Button type="submit" loading={save.isPending} disabled={!form.values.name.trim()}>
            {team ? t('users.save') : t('organisations.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

function OrganisationForm({ organisation, onDone }: { organisation?: Organisation; onDone: () => void }) {
  const { t } = useTranslation()
  const problems = useProblemText()
  const queryClient = useQueryClient()
  const form = useForm<OrganisationInput>({
    initialValues: {
      name: organisation?.name ?? '',
      kind: organisation?.kind ?? 'jobcenter',
      legalSpheres: organisation?.legalSpheres ?? [],
    },
    validate: useSchemaValidator(organisationInputSchema, (values: OrganisationInput) => values),
  })
  const save = useMutation({
    mutationFn: (body: OrganisationInput) =>
      organisation
        ? apiSend<Organisation>('PUT', `/organisations/${organisation.id}`, body, {
            'if-match': `"${organisation.version}"`,
          })
        : apiSend<Organisation>('POST', '/organisations', body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: organisationsKey })
      onDone()
    },
  })
  const fieldError = (field: keyof OrganisationInput) =>
    (form.errors[field] as string | undefined) ?? problems.field(save.error, field)
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack gap="sm">
        <FormProblem error={save.error} />
        <TextInput
          label={t('organisations.name')}
          required
          maxLength={maxLengthOf(organisationInputSchema, 'name')}
          {...form.getInputProps('name')}
          error={fieldError('name')}
        />
        <Select
          label={t('organisations.kind')}
          required
          allowDeselect={false}
          data={organisationKinds.map((kind) => ({ value: kind, label: t(`organisationKinds.${kind}`) }))}
          {...form.getInputProps('kind')}
          error={fieldError('kind')}
        />
        <MultiSelect
          label={t('organisations.legalSpheres')}
          data={[...legalSpheres]}
          {...form.getInputProps('legalSpheres')}
          error={fieldError('legalSpheres')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {organisation ? t('users.save') : t('organisations.create')}
          </Button>
        </Group>
      </Stack>
    </form>
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
        <Group justify="space-between" mb="sm">
          <Title order={3} id="teams-heading">
            {t('organisations.teams')}
          </Title>
          <ExportMenu path="/teams/export" listName={t('organisations.teams')} />
        </Group>
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
          <Group gap="sm">
            <ExportMenu path="/organisations/export" listName={t('organisations.organisations')} />
            <Button onClick={openCreate}>{t('organisations.newOrganisation')}</Button>
          </Group>
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
