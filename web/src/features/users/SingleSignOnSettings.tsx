import {
  Badge,
  Button,
  Checkbox,
  CopyButton,
  Fieldset,
  Group,
  MultiSelect,
  PasswordInput,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useDisclosure } from '@mantine/hooks'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { Team } from '../../../../common/identity.ts'
import {
  type SsoProvider,
  type SsoProviderInput,
  type SsoRoleMapping,
  type SsoSettings,
  ssoProviderInputSchema,
  ssoRoles,
} from '../../../../common/sso.ts'
import { ApiError, apiGet, apiSend } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { Dialog } from '../../components/Dialog.tsx'
import { FormProblem } from '../../components/FormProblem.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { useProblemText } from '../../problems.ts'
import { useSchemaValidator } from '../../schema-form.ts'
import { useCan } from '../../session.tsx'

const settingsKey = ['identity-policy', 'sso'] as const

type FormState = Omit<SsoProviderInput, 'clientSecret'> & {
  scopes: string
  roleClaim: string
  usernameClaim: string
  roleMappings: SsoRoleMapping[]
  linkByUsername: boolean
  createUsers: boolean
  enabled: boolean
  /** Empty keeps the stored secret. */
  clientSecret: string
  publicClient: boolean
}

function initialForm(provider: SsoProvider | null): FormState {
  return {
    label: provider?.label ?? '',
    issuer: provider?.issuer ?? '',
    clientId: provider?.clientId ?? 'lotse',
    clientSecret: '',
    publicClient: provider ? !provider.clientSecretSet : false,
    scopes: provider?.scopes ?? 'openid profile email',
    roleClaim: provider?.roleClaim ?? 'groups',
    usernameClaim: provider?.usernameClaim ?? 'preferred_username',
    roleMappings: provider?.roleMappings ?? [{ value: '', roles: [], teamIds: [] }],
    linkByUsername: provider?.linkByUsername ?? true,
    createUsers: provider?.createUsers ?? false,
    enabled: provider?.enabled ?? false,
  }
}

/** The secret is sent only when typed (or removed on purpose); otherwise the server keeps it. */
function requestBody({ clientSecret, publicClient, ...rest }: FormState): SsoProviderInput {
  if (publicClient) return { ...rest, clientSecret: null }
  return clientSecret ? { ...rest, clientSecret } : rest
}

function MappingRows({
  mappings,
  onChange,
  fieldError,
}: {
  mappings: SsoRoleMapping[]
  onChange: (mappings: SsoRoleMapping[]) => void
  fieldError: (field: string) => string | undefined
}) {
  const { t } = useTranslation()
  const teams = useQuery({ queryKey: ['teams'], queryFn: ({ signal }) => apiGet<Team[]>('/teams', signal) })
  const change = (index: number, next: Partial<SsoRoleMapping>) =>
    onChange(mappings.map((mapping, at) => (at === index ? { ...mapping, ...next } : mapping)))
  return (
    <Fieldset legend={t('sso.mappings')}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('sso.mappingsHint')}
        </Text>
        {mappings.map((mapping, index) => (
          // Rows have no identity of their own; they are edited in place and removed by position.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <Group key={index} align="flex-end" wrap="wrap" gap="xs">
            <TextInput
              label={t('sso.mappingValue')}
              required
              w={220}
              value={mapping.value}
              error={fieldError(`roleMappings.${index}.value`)}
              onChange={(event) => change(index, { value: event.currentTarget.value })}
            />
            <MultiSelect
              label={t('sso.mappingRoles')}
              required
              w={260}
              data={ssoRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
              value={mapping.roles}
              error={fieldError(`roleMappings.${index}.roles`)}
              onChange={(value) => change(index, { roles: value as SsoRoleMapping['roles'] })}
            />
            <MultiSelect
              label={t('sso.mappingTeams')}
              w={220}
              data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
              value={mapping.teamIds}
              error={fieldError(`roleMappings.${index}.teamIds`)}
              onChange={(value) => change(index, { teamIds: value })}
            />
            <Button
              variant="subtle"
              color="red"
              onClick={() => onChange(mappings.filter((_, at) => at !== index))}
              aria-label={`${t('sso.removeMapping')}: ${mapping.value || index + 1}`}
            >
              {t('sso.removeMapping')}
            </Button>
          </Group>
        ))}
        <Group>
          <Button
            variant="default"
            size="xs"
            onClick={() => onChange([...mappings, { value: '', roles: [], teamIds: [] }])}
          >
            {t('sso.addMapping')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  )
}

/** Sent with the version the administrator saw: a change made meanwhile answers 409. */
function ProviderForm({ settings, onDone }: { settings: SsoSettings; onDone: () => void }) {
  const { t, i18n } = useTranslation()
  const problems = useProblemText()
  const queryClient = useQueryClient()
  const provider = settings.provider
  // The schema's own codes (`https-required`, `openid-scope-required`) have texts under `sso.problems`.
  const ssoText = (issue: { message: string }) =>
    i18n.exists(`sso.problems.${issue.message}`) ? t(`sso.problems.${issue.message}`) : undefined
  const form = useForm<FormState>({
    initialValues: initialForm(provider),
    validate: useSchemaValidator(ssoProviderInputSchema, requestBody, undefined, {
      issuer: ssoText,
      scopes: ssoText,
    }),
  })
  const save = useMutation({
    mutationFn: (body: SsoProviderInput) =>
      apiSend<SsoSettings>(
        'PUT',
        '/identity-policy/sso',
        body,
        provider ? { 'if-match': `"${provider.version}"` } : {},
      ),
    onSuccess: (result) => {
      queryClient.setQueryData(settingsKey, result)
      void queryClient.invalidateQueries({ queryKey: ['auth', 'sso'] })
      onDone()
    },
  })
  const fieldError = (field: string) => {
    const own = form.errors[field] as string | undefined
    if (own) return own
    const problem = save.error instanceof ApiError ? save.error.problem : undefined
    const hit = problem?.fields?.find((entry) => entry.path === `body.${field}`)
    return hit
      ? t(`sso.problems.${hit.message}`, { defaultValue: problems.field(save.error, field) })
      : undefined
  }
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    form.setValues({ [key]: value } as Partial<FormState>)
  const submit = form.onSubmit((values) => save.mutate(requestBody(values)))
  const values = form.values
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormProblem error={save.error} />
        <TextInput
          label={t('sso.label')}
          description={t('sso.labelHint')}
          required
          value={values.label}
          error={fieldError('label')}
          onChange={(event) => set('label', event.currentTarget.value)}
        />
        <TextInput
          label={t('sso.issuer')}
          description={t('sso.issuerHint')}
          required
          type="url"
          value={values.issuer}
          error={fieldError('issuer')}
          onChange={(event) => set('issuer', event.currentTarget.value)}
        />
        <Group grow align="flex-start">
          <TextInput
            label={t('sso.clientId')}
            required
            value={values.clientId}
            error={fieldError('clientId')}
            onChange={(event) => set('clientId', event.currentTarget.value)}
          />
          <PasswordInput
            label={t('sso.clientSecret')}
            description={provider?.clientSecretSet ? t('sso.clientSecretKept') : t('sso.clientSecretHint')}
            autoComplete="off"
            disabled={values.publicClient}
            value={values.clientSecret}
            error={fieldError('clientSecret')}
            onChange={(event) => set('clientSecret', event.currentTarget.value)}
          />
        </Group>
        <Checkbox
          label={t('sso.publicClient')}
          checked={values.publicClient}
          onChange={(event) => set('publicClient', event.currentTarget.checked)}
        />
        <Group grow align="flex-start">
          <TextInput
            label={t('sso.scopes')}
            value={values.scopes}
            error={fieldError('scopes')}
            onChange={(event) => set('scopes', event.currentTarget.value)}
          />
          <TextInput
            label={t('sso.roleClaim')}
            description={t('sso.roleClaimHint')}
            value={values.roleClaim}
            error={fieldError('roleClaim')}
            onChange={(event) => set('roleClaim', event.currentTarget.value)}
          />
          <TextInput
            label={t('sso.usernameClaim')}
            value={values.usernameClaim}
            error={fieldError('usernameClaim')}
            onChange={(event) => set('usernameClaim', event.currentTarget.value)}
          />
        </Group>
        <MappingRows
          mappings={values.roleMappings}
          onChange={(mappings) => set('roleMappings', mappings)}
          fieldError={fieldError}
        />
        <Switch
          label={t('sso.linkByUsername')}
          description={t('sso.linkByUsernameHint')}
          checked={values.linkByUsername}
          onChange={(event) => set('linkByUsername', event.currentTarget.checked)}
        />
        <Switch
          label={t('sso.createUsers')}
          description={t('sso.createUsersHint')}
          checked={values.createUsers}
          onChange={(event) => set('createUsers', event.currentTarget.checked)}
        />
        <Switch
          label={t('sso.enabled')}
          description={t('sso.enabledHint')}
          checked={values.enabled}
          onChange={(event) => set('enabled', event.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('users.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

function Summary({ settings, onEdit }: { settings: SsoSettings; onEdit: () => void }) {
  const { t } = useTranslation()
  const { provider } = settings
  return (
    <Stack gap="xs" maw={760}>
      <Group gap="sm">
        {provider ? (
          <Badge color={provider.enabled ? statusColors.positive : statusColors.neutral}>
            {provider.enabled ? t('sso.statusEnabled') : t('sso.statusDisabled')}
          </Badge>
        ) : (
          <Badge color={statusColors.neutral}>{t('sso.statusNone')}</Badge>
        )}
        {provider && (
          <Text size="sm">
            {provider.label} – {provider.issuer} ·{' '}
            {t('sso.mappingCount', { count: provider.roleMappings.length })}
          </Text>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t('sso.intro')}
      </Text>
      <Group align="flex-end" gap="xs">
        <TextInput
          label={t('sso.callbackUrl')}
          description={t('sso.callbackUrlHint')}
          value={settings.callbackUrl}
          readOnly
          w={480}
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton value={settings.callbackUrl}>
          {({ copied, copy }) => (
            <Button onClick={copy} variant={copied ? 'light' : 'default'}>
              {copied ? t('users.copied') : t('users.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Group>
        <Button variant="default" onClick={onEdit}>
          {provider ? t('sso.edit') : t('sso.setUp')}
        </Button>
      </Group>
    </Stack>
  )
}

/** Sign-in through the district's identity provider (OpenID Connect); administrators only. */
export function SingleSignOnSettings() {
  const { t } = useTranslation()
  const can = useCan()
  const [editing, { open, close }] = useDisclosure(false)
  const settings = useQuery({
    queryKey: settingsKey,
    queryFn: ({ signal }) => apiGet<SsoSettings>('/identity-policy/sso', signal),
    enabled: can('identity-policy.manage'),
  })
  if (!can('identity-policy.manage')) return null
  return (
    <Stack gap="xs" component="section" aria-labelledby="sso-settings-title">
      <Title order={3} id="sso-settings-title">
        {t('sso.title')}
      </Title>
      <QueryState query={settings}>
        {(data) => (
          <>
            <Summary settings={data} onEdit={open} />
            <Dialog opened={editing} onClose={close} title={t('sso.title')}>
              <ProviderForm settings={data} onDone={close} />
            </Dialog>
          </>
        )}
      </QueryState>
    </Stack>
  )
}
