import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  MultiSelect,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type ApiToken,
  type CreatedApiToken,
  type IntegrationSettings,
  tokenScopes,
  type Webhook,
  webhookEventTypes,
} from '../../../../common/integration.ts'
import { apiSend } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { DayInput } from '../../components/DateFields.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { formatDateTime } from '../../i18n.ts'
import { formatDay, todayIso } from '../casework/format.ts'
import { CaseworkFormProblem, useFieldError } from '../casework/problems.tsx'
import {
  apiTokensQuery,
  deliveriesQuery,
  integrationKeys,
  integrationSettingsQuery,
  webhooksQuery,
} from './queries.ts'

const stateColor = {
  active: statusColors.positive,
  expired: statusColors.neutral,
  revoked: statusColors.negative,
} as const
const deliveryColor = {
  pending: statusColors.warning,
  delivered: statusColors.positive,
  failed: statusColors.negative,
} as const

const formatInstant = (value: string | null, language: string) =>
  value ? formatDateTime(value, language) : '–'

/** A value shown once, with a button to copy it. */
function ShownOnce({ title, value }: { title: string; value: string }) {
  const { t } = useTranslation()
  return (
    <Alert
      color="blue"
      variant="light"
      title={title}
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
    >
      <Stack gap="xs">
        <Text size="sm">{t('integrations.shownOnce')}</Text>
        <Code block>{value}</Code>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button size="compact-sm" variant="default" onClick={copy} w="fit-content">
              {copied ? t('integrations.copied') : t('integrations.copy')}
            </Button>
          )}
        </CopyButton>
      </Stack>
    </Alert>
  )
}

function TokenForm() {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [name, setName] = useState('')
  const [scopes, setScopes] = useState<string[]>([])
  const [expiresOn, setExpiresOn] = useState(todayIso(90))
  const [created, setCreated] = useState<CreatedApiToken | null>(null)
  const create = useMutation({
    mutationFn: () => apiSend<CreatedApiToken>('POST', '/api-tokens', { name, scopes, expiresOn }),
    onSuccess: (result) => {
      setCreated(result)
      setName('')
      setScopes([])
      void queryClient.invalidateQueries({ queryKey: integrationKeys.all })
    },
  })
  const error = useFieldError<{ name: string; scopes: string; expiresOn: string }>({}, create.error)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setCreated(null)
    create.mutate()
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="token-new">
      <Stack gap="sm">
        <Title order={4} id="token-new">
          {t('integrations.newToken')}
        </Title>
        <CaseworkFormProblem error={create.error} shown={['name', 'scopes', 'expiresOn']} />
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label={t('integrations.tokenName')}
            required
            maxLength={200}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={error('name')}
            w={260}
          />
          <MultiSelect
            label={t('integrations.scopes')}
            description={t('integrations.scopesHint')}
            required
            data={tokenScopes.map((scope) => ({ value: scope, label: scope }))}
            value={scopes}
            onChange={setScopes}
            searchable
            error={error('scopes')}
            w={360}
          />
          <DayInput
            label={t('integrations.expiresOn')}
            required
            value={expiresOn}
            onChange={setExpiresOn}
            min={todayIso()}
            max={todayIso(366)}
            error={error('expiresOn')}
            w={170}
          />
        </Group>
        <Button type="submit" loading={create.isPending} w="fit-content">
          {t('integrations.createToken')}
        </Button>
        {created && (
          <ShownOnce
            title={t('integrations.tokenCreated', { name: created.token.name })}
            value={created.value}
          />
        )}
      </Stack>
    </form>
  )
}

function TokenTable({ tokens }: { tokens: ApiToken[] }) {
  const { t, i18n } = useTranslation()
  const queryClient = useQueryClient()
  const revoke = useMutation({
    mutationFn: (id: string) => apiSend<ApiToken>('POST', `/api-tokens/${id}/revoke`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: integrationKeys.all }),
  })
  if (tokens.length === 0) return <Text c="dimmed">{t('integrations.noTokens')}</Text>
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped>
        <Table.Caption>{t('integrations.tokensCaption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('integrations.tokenName')}</Table.Th>
            <Table.Th scope="col">{t('integrations.prefix')}</Table.Th>
            <Table.Th scope="col">{t('integrations.scopes')}</Table.Th>
            <Table.Th scope="col">{t('integrations.expiresOn')}</Table.Th>
            <Table.Th scope="col">{t('integrations.lastUsed')}</Table.Th>
            <Table.Th scope="col">{t('integrations.state')}</Table.Th>
            <Table.Th scope="col">{t('integrations.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tokens.map((token) => (
            <Table.Tr key={token.id}>
              <Table.Td>
                {token.name}
                <Text size="xs" c="dimmed">
                  {t('integrations.createdBy', { name: token.createdBy ?? '–' })}
                </Text>
              </Table.Td>
              <Table.Td>
                <Code style={{ whiteSpace: 'nowrap' }}>{token.prefix}…</Code>
              </Table.Td>
              <Table.Td>{token.scopes.join(', ')}</Table.Td>
              <Table.Td>{formatDay(token.expiresOn, i18n.language)}</Table.Td>
              <Table.Td>{formatInstant(token.lastUsedAt, i18n.language)}</Table.Td>
              <Table.Td>
                <Badge color={stateColor[token.state]} variant="filled" miw="max-content">
                  {t(`integrations.states.${token.state}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                {token.state === 'active' && (
                  <Button
                    size="compact-sm"
                    color={statusColors.negative}
                    variant="outline"
                    loading={revoke.isPending && revoke.variables === token.id}
                    onClick={() => revoke.mutate(token.id)}
                    aria-label={t('integrations.revokeNamed', { name: token.name })}
                  >
                    {t('integrations.revoke')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

function WebhookForm() {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [name, setName] = useState('')
  const [url, setUrl] = useState('')
  const [events, setEvents] = useState<string[]>([])
  const [created, setCreated] = useState<{ webhook: Webhook; secret: string } | null>(null)
  const create = useMutation({
    mutationFn: () =>
      apiSend<{ webhook: Webhook; secret: string }>('POST', '/webhooks', { name, url, events, active: true }),
    onSuccess: (result) => {
      setCreated(result)
      setName('')
      setUrl('')
      setEvents([])
      void queryClient.invalidateQueries({ queryKey: integrationKeys.all })
    },
  })
  const error = useFieldError<{ name: string; url: string; events: string }>({}, create.error)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setCreated(null)
    create.mutate()
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="webhook-new">
      <Stack gap="sm">
        <Title order={4} id="webhook-new">
          {t('integrations.newWebhook')}
        </Title>
        <CaseworkFormProblem error={create.error} shown={['name', 'url', 'events']} />
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label={t('integrations.webhookName')}
            required
            maxLength={200}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={error('name')}
            w={240}
          />
          <TextInput
            label={t('integrations.url')}
            description={t('integrations.urlHint')}
            required
            type="url"
            maxLength={2000}
            value={url}
            onChange={(event) => setUrl(event.currentTarget.value)}
            error={error('url')}
            w={420}
          />
        </Group>
        <Checkbox.Group
          label={t('integrations.events')}
          required
          value={events}
          onChange={setEvents}
          error={error('events')}
        >
          <Group mt="xs">
            {webhookEventTypes.map((type) => (
              <Checkbox key={type} value={type} label={t(`integrations.eventTypes.${type}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Button type="submit" loading={create.isPending} w="fit-content">
          {t('integrations.createWebhook')}
        </Button>
        {created && (
          <ShownOnce
            title={t('integrations.webhookCreated', { name: created.webhook.name })}
            value={created.secret}
          />
        )}
      </Stack>
    </form>
  )
}

function DeliveryLog({ webhook }: { webhook: Webhook }) {
  const { t, i18n } = useTranslation()
  const deliveries = useQuery(deliveriesQuery(webhook.id))
  return (
    <QueryState query={deliveries}>
      {(items) =>
        items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('integrations.noDeliveries')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={700}>
            <Table>
              <Table.Caption>{t('integrations.logCaption', { name: webhook.name })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('integrations.event')}</Table.Th>
                  <Table.Th scope="col">{t('integrations.createdAt')}</Table.Th>
                  <Table.Th scope="col">{t('integrations.state')}</Table.Th>
                  <Table.Th scope="col">{t('integrations.attempts')}</Table.Th>
                  <Table.Th scope="col">{t('integrations.lastAnswer')}</Table.Th>
                  <Table.Th scope="col">{t('integrations.nextAttempt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((delivery) => (
                  <Table.Tr key={delivery.id}>
                    <Table.Td>{t(`integrations.eventTypes.${delivery.eventType}`)}</Table.Td>
                    <Table.Td>{formatInstant(delivery.createdAt, i18n.language)}</Table.Td>
                    <Table.Td>
                      <Badge color={deliveryColor[delivery.status]} variant="filled" miw="max-content">
                        {t(`integrations.deliveryStates.${delivery.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{delivery.attempts}</Table.Td>
                    <Table.Td>{delivery.lastStatusCode ?? delivery.lastError ?? '–'}</Table.Td>
                    <Table.Td>{formatInstant(delivery.nextAttemptAt, i18n.language)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      }
    </QueryState>
  )
}

function WebhookList({ webhooks }: { webhooks: Webhook[] }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [shown, setShown] = useState<string | null>(null)
  const remove = useMutation({
    mutationFn: (id: string) => apiSend<void>('DELETE', `/webhooks/${id}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: integrationKeys.all }),
  })
  if (webhooks.length === 0) return <Text c="dimmed">{t('integrations.noWebhooks')}</Text>
  return (
    <Stack gap="md">
      {webhooks.map((webhook) => (
        <Stack key={webhook.id} gap="xs" component="article" aria-label={webhook.name}>
          <Group justify="space-between" align="flex-start">
            <div>
              <Text fw={600}>{webhook.name}</Text>
              <Text size="sm">
                <Code>{webhook.url}</Code>
              </Text>
              <Text size="sm" c="dimmed">
                {webhook.events.map((type) => t(`integrations.eventTypes.${type}`)).join(', ')} ·{' '}
                {t('integrations.counts', { pending: webhook.pending, failed: webhook.failed })}
              </Text>
            </div>
            <Group gap="xs">
              <Button
                size="compact-sm"
                variant="default"
                aria-expanded={shown === webhook.id}
                onClick={() => setShown(shown === webhook.id ? null : webhook.id)}
              >
                {t('integrations.showLog')}
              </Button>
              <Button
                size="compact-sm"
                color={statusColors.negative}
                variant="outline"
                loading={remove.isPending && remove.variables === webhook.id}
                onClick={() => remove.mutate(webhook.id)}
                aria-label={t('integrations.deleteNamed', { name: webhook.name })}
              >
                {t('integrations.delete')}
              </Button>
            </Group>
          </Group>
          {shown === webhook.id && <DeliveryLog webhook={webhook} />}
        </Stack>
      ))}
    </Stack>
  )
}

function PrivateAddressSwitch({ settings }: { settings: IntegrationSettings }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const save = useMutation({
    mutationFn: (allow: boolean) =>
      apiSend<IntegrationSettings>(
        'PUT',
        '/integration-settings',
        { allowPrivateAddresses: allow },
        { 'if-match': `"${settings.version}"` },
      ),
    onSuccess: (saved) => queryClient.setQueryData(integrationSettingsQuery.queryKey, saved),
  })
  return (
    <Switch
      label={t('integrations.allowPrivate')}
      description={t('integrations.allowPrivateHint')}
      checked={settings.allowPrivateAddresses}
      onChange={(event) => save.mutate(event.currentTarget.checked)}
      disabled={save.isPending}
      error={save.error ? save.error.message : undefined}
    />
  )
}

/**
 * A plain GET form: the browser downloads the streamed file itself, and the required reason is
 * checked by the browser before anything is sent (the server checks it again).
 */
function DistrictExport() {
  const { t } = useTranslation()
  return (
    <Stack gap="xs" maw={720}>
      <Text size="sm">{t('integrations.districtExportIntro')}</Text>
      <form method="get" action="/api/district-export.json">
        <Group align="flex-end">
          <TextInput
            name="reason"
            label={t('integrations.reason')}
            required
            minLength={3}
            maxLength={500}
            w={420}
          />
          <Button type="submit" variant="default">
            {t('integrations.districtExport')}
          </Button>
        </Group>
      </form>
    </Stack>
  )
}

/** API tokens, webhooks with their delivery log, and the whole-district export (administration). */
export function IntegrationsPage() {
  const { t } = useTranslation()
  const tokens = useQuery(apiTokensQuery)
  const webhooks = useQuery(webhooksQuery)
  const settings = useQuery(integrationSettingsQuery)
  return (
    <Stack gap="xl" maw={1200}>
      <div>
        <Title order={2}>{t('integrations.title')}</Title>
        <Text mt="xs" maw={760}>
          {t('integrations.intro')}
        </Text>
      </div>
      <Stack component="section" aria-labelledby="tokens-heading" gap="md">
        <Title order={3} id="tokens-heading">
          {t('integrations.tokens')}
        </Title>
        <Text size="sm" maw={760}>
          {t('integrations.tokensIntro')}
        </Text>
        <QueryState query={tokens}>{(items) => <TokenTable tokens={items} />}</QueryState>
        <TokenForm />
      </Stack>
      <Stack component="section" aria-labelledby="webhooks-heading" gap="md">
        <Title order={3} id="webhooks-heading">
          {t('integrations.webhooks')}
        </Title>
        <Text size="sm" maw={760}>
          {t('integrations.webhooksIntro')}
        </Text>
        <QueryState query={settings}>{(data) => <PrivateAddressSwitch settings={data} />}</QueryState>
        <QueryState query={webhooks}>{(items) => <WebhookList webhooks={items} />}</QueryState>
        <WebhookForm />
      </Stack>
      <Stack component="section" aria-labelledby="district-export-heading" gap="md">
        <Title order={3} id="district-export-heading">
          {t('integrations.districtExportTitle')}
        </Title>
        <DistrictExport />
      </Stack>
    </Stack>
  )
}
