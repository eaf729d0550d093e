import {
  Badge,
  Button,
  CopyButton,
  Group,
  MultiSelect,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useDisclosure } from '@mantine/hooks'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type CreateUser,
  createUserSchema,
  type Organisation,
  type ResetLink,
  type Role,
  roles,
  type Team,
  type User,
  updateUserSchema,
} from '../../../../common/identity.ts'
import type { Page } from '../../../../common/pagination.ts'
import { apiGet, apiSend } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { Dialog } from '../../components/Dialog.tsx'
import { ExportMenu } from '../../components/ExportMenu.tsx'
import { FormProblem } from '../../components/FormProblem.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { formatDateTime } from '../../i18n.ts'
import { useProblemText } from '../../problems.ts'
import { useSchemaValidator } from '../../schema-form.ts'
import { useCan, useSession } from '../../session.tsx'
import { SingleSignOnSettings } from './SingleSignOnSettings.tsx'

const usersKey = ['users'] as const

type AccessValues = Pick<CreateUser, 'displayName' | 'roles' | 'organisationId' | 'teamIds'>

/** Name, roles, organisation (partners only) and teams: the part of a user that create and edit share. */
function AccessFields({
  values,
  onChange,
  fieldError,
}: {
  values: AccessValues
  onChange: (values: AccessValues) => void
  fieldError: (field: string) => string | undefined
}) {
  const { t } = useTranslation()
  const teams = useQuery({ queryKey: ['teams'], queryFn: ({ signal }) => apiGet<Team[]>('/teams', signal) })
  const organisations = useQuery({
    queryKey: ['organisations'],
    queryFn: ({ signal }) => apiGet<Organisation[]>('/organisations', signal),
  })
  return (
    <>
      <TextInput
        label={t('users.displayName')}
        required
        value={values.displayName}
        error={fieldError('displayName')}
        onChange={(e) => onChange({ ...values, displayName: e.currentTarget.value })}
      />
      <MultiSelect
        label={t('users.roles')}
        required
        data={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        value={values.roles}
        error={fieldError('roles')}
        onChange={(value) => {
          const next = value as Role[]
          // Only partners belong to an organisation; dropping the role drops it too.
          onChange({
            ...values,
            roles: next,
            organisationId: next.includes('partner') ? values.organisationId : null,
          })
        }}
      />
      {values.roles.includes('partner') && (
        <Select
          label={t('users.organisation')}
          required
          data={(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
          value={values.organisationId}
          error={fieldError('organisationId')}
          onChange={(value) => onChange({ ...values, organisationId: value })}
        />
      )}
      <MultiSelect
        label={t('users.teams')}
        data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
        value={values.teamIds}
        error={fieldError('teamIds')}
        onChange={(value) => onChange({ ...values, teamIds: value })}
      />
    </>
  )
}

/** The form's field for an issue inside a list (`roles.0` is at `roles`). */
const userField = (path: string) => path.split('.')[0] ?? path

/** Messages that say more than the general ones: the rules of a username and of a password. */
function useUserMessages() {
  const { t } = useTranslation()
  return {
    username: (issue: { code: string; input?: unknown }) =>
      issue.input === '' || issue.input === undefined ? undefined : t('users.usernameRule'),
    password: (issue: { code: string; input?: unknown }) =>
      issue.code === 'too_small' && issue.input !== '' ? t('problems.password-too-short') : undefined,
  }
}

function CreateUserForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation()
  const problems = useProblemText()
  const queryClient = useQueryClient()
  const form = useForm<CreateUser>({
    initialValues: {
      username: '',
      displayName: '',
      roles: ['case_manager'],
      organisationId: null,
      teamIds: [],
      password: '',
    },
    validate: useSchemaValidator(
      createUserSchema,
      (values: CreateUser) => values,
      userField,
      useUserMessages(),
    ),
  })
  const create = useMutation({
    mutationFn: (body: CreateUser) => apiSend<User>('POST', '/users', body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: usersKey })
      onDone()
    },
  })
  const fieldError = (field: string) =>
    (form.errors[field] as string | undefined) ?? problems.field(create.error, field)
  return (
    <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
      <Stack gap="sm">
        <FormProblem error={create.error} />
        <TextInput
          label={t('users.username')}
          required
          {...form.getInputProps('username')}
          error={fieldError('username')}
        />
        <AccessFields
          values={form.values}
          onChange={(values) => form.setValues(values)}
          fieldError={fieldError}
        />
        <PasswordInput
          label={t('users.initialPassword')}
          description={t('account.passwordRules')}
          required
          autoComplete="new-password"
          {...form.getInputProps('password')}
          error={fieldError('password')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending}>
            {t('users.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** Changes sent with the version the admin saw: if someone else changed the user meanwhile, 409. */
function EditUserForm({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useTranslation()
  const problems = useProblemText()
  const queryClient = useQueryClient()
  const form = useForm<AccessValues>({
    initialValues: {
      displayName: user.displayName,
      roles: user.roles,
      organisationId: user.organisationId,
      teamIds: user.teamIds,
    },
    validate: useSchemaValidator(updateUserSchema, (values: AccessValues) => values, userField),
  })
  const save = useMutation({
    mutationFn: (body: AccessValues) =>
      apiSend<User>('PATCH', `/users/${user.id}`, body, { 'if-match': `"${user.version}"` }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: usersKey })
      onDone()
    },
  })
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          {t('users.username')}: {user.username}
        </Text>
        <FormProblem error={save.error} />
        <AccessFields
          values={form.values}
          onChange={(values) => form.setValues(values)}
          fieldError={(field) =>
            (form.errors[field] as string | undefined) ?? problems.field(save.error, field)
          }
        />
        <Text size="sm" c="dimmed">
          {t('users.editHint')}
        </Text>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('users.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** The link is shown once: the server keeps only its hash. */
function ResetLinkView({ link }: { link: ResetLink }) {
  const { t, i18n } = useTranslation()
  const url = `${window.location.origin}/reset#${link.token}`
  return (
    <Stack gap="sm">
      <Text size="sm">
        {t('users.resetLinkIntro', { until: formatDateTime(link.expiresAt, i18n.language) })}
      </Text>
      <TextInput
        label={t('users.resetLinkLabel')}
        value={url}
        readOnly
        onFocus={(event) => event.currentTarget.select()}
      />
      <Group justify="flex-end">
        <CopyButton value={url}>
          {({ copied, copy }) => (
            <Button onClick={copy} variant={copied ? 'light' : 'filled'}>
              {copied ? t('users.copied') : t('users.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  )
}

function UserActions({ user }: { user: User }) {
  const { t } = useTranslation()
  const session = useSession()
  const problems = useProblemText()
  const queryClient = useQueryClient()
  const [editing, { open: openEdit, close: closeEdit }] = useDisclosure(false)
  const refresh = () => queryClient.invalidateQueries({ queryKey: usersKey })
  const toggle = useMutation({
    mutationFn: () =>
      apiSend<User>(
        'PATCH',
        `/users/${user.id}`,
        { disabled: !user.disabled },
        { 'if-match': `"${user.version}"` },
      ),
    onSettled: refresh,
  })
  const endSessions = useMutation({
    mutationFn: () => apiSend('DELETE', `/users/${user.id}/sessions`),
    onSettled: refresh,
  })
  const resetLink = useMutation({
    mutationFn: () => apiSend<ResetLink>('POST', `/users/${user.id}/reset-link`),
  })
  const removeSecondFactor = useMutation({
    mutationFn: () => apiSend('DELETE', `/users/${user.id}/second-factor`),
    onSettled: refresh,
  })
  if (!user.can['user.manage']) return null
  const isSelf = user.id === session.user.id
  const failure = problems.message(
    toggle.error ?? endSessions.error ?? resetLink.error ?? removeSecondFactor.error,
  )
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="wrap" maw={420}>
        <Button
          size="xs"
          variant="default"
          onClick={openEdit}
          aria-label={`${t('users.edit')}: ${user.displayName}`}
        >
          {t('users.edit')}
        </Button>
        <Button
          size="xs"
          variant="light"
          disabled={isSelf}
          color={user.disabled ? 'green' : 'red'}
          onClick={() => toggle.mutate()}
          loading={toggle.isPending}
          aria-label={`${user.disabled ? t('users.enable') : t('users.disable')}: ${user.displayName}`}
        >
          {user.disabled ? t('users.enable') : t('users.disable')}
        </Button>
        <Button
          size="xs"
          variant="default"
          disabled={isSelf}
          onClick={() => resetLink.mutate()}
          loading={resetLink.isPending}
          aria-label={`${t('users.resetLink')}: ${user.displayName}`}
        >
          {t('users.resetLink')}
        </Button>
        <Button
          size="xs"
          variant="default"
          disabled={isSelf || user.activeSessions === 0}
          onClick={() => endSessions.mutate()}
          loading={endSessions.isPending}
          aria-label={`${t('users.endSessions')}: ${user.displayName}`}
        >
          {t('users.endSessions')}
        </Button>
        {user.secondFactor && !isSelf && (
          <Button
            size="xs"
            variant="default"
            onClick={() => removeSecondFactor.mutate()}
            loading={removeSecondFactor.isPending}
            aria-label={`${t('users.removeSecondFactor')}: ${user.displayName}`}
          >
            {t('users.removeSecondFactor')}
          </Button>
        )}
      </Group>
      {failure && (
        <Text size="xs" c="red.9" role="alert">
          {failure}
        </Text>
      )}
      <Dialog opened={editing} onClose={closeEdit} title={t('users.editTitle', { name: user.displayName })}>
        <EditUserForm user={user} onDone={closeEdit} />
      </Dialog>
      <Dialog
        opened={resetLink.isSuccess}
        onClose={() => resetLink.reset()}
        title={t('users.resetLinkTitle', { name: user.displayName })}
      >
        {resetLink.data && <ResetLinkView link={resetLink.data} />}
      </Dialog>
    </Stack>
  )
}

/** Which roles of the district must use a second factor (administrators only). */
function SecondFactorPolicy() {
  const { t } = useTranslation()
  const can = useCan()
  const problems = useProblemText()
  const queryClient = useQueryClient()
  const policy = useQuery({
    queryKey: ['identity-policy'],
    queryFn: ({ signal }) => apiGet<{ roles: Role[] }>('/identity-policy', signal),
    enabled: can('identity-policy.manage'),
  })
  const [draft, setDraft] = useState<Role[]>()
  const save = useMutation({
    mutationFn: (next: Role[]) => apiSend<{ roles: Role[] }>('PUT', '/identity-policy', { roles: next }),
    onSuccess: (result) => {
      queryClient.setQueryData(['identity-policy'], result)
      setDraft(undefined)
    },
  })
  if (!can('identity-policy.manage') || !policy.data) return null
  const value = draft ?? policy.data.roles
  return (
    <Group align="flex-end" wrap="wrap">
      <MultiSelect
        label={t('users.secondFactorRoles')}
        description={t('users.secondFactorRolesHint')}
        data={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        value={value}
        onChange={(next) => setDraft(next as Role[])}
        w={520}
        error={problems.message(save.error)}
      />
      <Button
        variant="default"
        disabled={!draft}
        loading={save.isPending}
        onClick={() => draft && save.mutate(draft)}
      >
        {t('users.save')}
      </Button>
    </Group>
  )
}

export function UsersPage() {
  const { t } = useTranslation()
  const [search, setSearch] = useState('')
  const [opened, { open, close }] = useDisclosure(false)
  const users = useQuery({
    queryKey: [...usersKey, search],
    queryFn: ({ signal }) =>
      apiGet<Page<User>>(`/users?limit=200${search ? `&q=${encodeURIComponent(search)}` : ''}`, signal),
    placeholderData: (previous) => previous,
  })
  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between">
        <Title order={2}>{t('users.title')}</Title>
        <Group gap="sm">
          <ExportMenu path="/users/export" query={{ q: search.trim() }} listName={t('users.title')} />
          <Button onClick={open}>{t('users.new')}</Button>
        </Group>
      </Group>
      <TextInput
        label={t('users.search')}
        type="search"
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        maw={360}
      />
      <SecondFactorPolicy />
      <QueryState query={users}>
        {(page) => (
          <Table striped withTableBorder>
            <Table.Caption>{t('users.count', { count: page.total })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('users.displayName')}</Table.Th>
                <Table.Th scope="col">{t('users.username')}</Table.Th>
                <Table.Th scope="col">{t('users.roles')}</Table.Th>
                <Table.Th scope="col">{t('users.status')}</Table.Th>
                <Table.Th scope="col">{t('users.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.items.map((user) => (
                <Table.Tr key={user.id}>
                  <Table.Td>{user.displayName}</Table.Td>
                  <Table.Td>{user.username}</Table.Td>
                  <Table.Td>{user.roles.map((role) => t(`roles.${role}`)).join(', ')}</Table.Td>
                  <Table.Td>
                    {user.disabled ? (
                      <Badge color={statusColors.neutral}>{t('users.disabled')}</Badge>
                    ) : (
                      <Text size="sm">{t('users.sessions', { count: user.activeSessions })}</Text>
                    )}
                    {user.secondFactor && (
                      <Badge color={statusColors.positive} mt={4}>
                        {t('users.secondFactorOn')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <UserActions user={user} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      <SingleSignOnSettings />
      <Dialog opened={opened} onClose={close} title={t('users.new')}>
        <CreateUserForm onDone={close} />
      </Dialog>
    </Stack>
  )
}
