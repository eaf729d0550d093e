import { Alert, Badge, Button, Card, Group, PasswordInput, Stack, Table, Text, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { changePasswordSchema, type OwnSessions } from '../../../../common/identity.ts'
import { summariseUserAgent } from '../../../../common/user-agent.ts'
import { apiGet, apiSend } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { QueryState } from '../../components/QueryState.tsx'
import { formatDateTime } from '../../i18n.ts'
import { useProblemText } from '../../problems.ts'
import { useSchemaValidator } from '../../schema-form.ts'
import { useSession } from '../../session.tsx'
import { SecondFactorSection } from './SecondFactorSection.tsx'

type PasswordValues = { currentPassword: string; newPassword: string }

function PasswordForm() {
  const { t } = useTranslation()
  const problems = useProblemText()
  const form = useForm<PasswordValues>({
    initialValues: { currentPassword: '', newPassword: '' },
    validate: useSchemaValidator(changePasswordSchema, (values: PasswordValues) => values, undefined, {
      newPassword: (issue) =>
        issue.code === 'too_small' && issue.input !== '' ? t('problems.password-too-short') : undefined,
    }),
  })
  const change = useMutation({
    mutationFn: (body: PasswordValues) => apiSend('POST', '/account/password', body),
    onSuccess: () => form.reset(),
  })
  const fieldError = (field: keyof PasswordValues) =>
    (form.errors[field] as string | undefined) ?? problems.field(change.error, field)
  return (
    <form onSubmit={form.onSubmit((values) => change.mutate(values))} noValidate>
      <Stack gap="sm" maw={420}>
        {change.isSuccess && (
          <Alert color="green" role="status">
            {t('account.passwordChanged')}
          </Alert>
        )}
        {change.isError && !problems.hasFields(change.error) && (
          <Alert color="red" role="alert">
            {problems.message(change.error)}
          </Alert>
        )}
        <PasswordInput
          label={t('account.currentPassword')}
          autoComplete="current-password"
          {...form.getInputProps('currentPassword')}
          error={fieldError('currentPassword')}
          required
        />
        <PasswordInput
          label={t('account.newPassword')}
          description={t('account.passwordRules')}
          autoComplete="new-password"
          {...form.getInputProps('newPassword')}
          error={fieldError('newPassword')}
          required
        />
        <Group>
          <Button type="submit" loading={change.isPending}>
            {t('account.changePassword')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

export function AccountPage() {
  const { t, i18n } = useTranslation()
  const session = useSession()
  const problems = useProblemText()
  const queryClient = useQueryClient()
  const sessions = useQuery({
    queryKey: ['account', 'sessions'],
    queryFn: ({ signal }) => apiGet<OwnSessions>('/account/sessions', signal),
  })
  const refreshSessions = () => queryClient.invalidateQueries({ queryKey: ['account', 'sessions'] })
  const endSession = useMutation({
    mutationFn: (id: string) => apiSend('DELETE', `/account/sessions/${id}`),
    onSuccess: refreshSessions,
  })
  const endOthers = useMutation({
    mutationFn: () => apiSend('DELETE', '/account/sessions'),
    onSuccess: refreshSessions,
  })

  return (
    <Stack gap="lg" maw={1000}>
      <Title order={2}>{t('account.title')}</Title>
      <Card withBorder component="section" aria-labelledby="me-heading">
        <Title order={3} size="h4" id="me-heading" mb="xs">
          {session.user.displayName}
        </Title>
        <Text size="sm">
          {t('account.username')}: {session.user.username} · {session.user.districtName}
        </Text>
        <Group gap="xs" mt="xs">
          {session.user.roles.map((role) => (
            <Badge key={role}>{t(`roles.${role}`)}</Badge>
          ))}
        </Group>
      </Card>
      <section aria-labelledby="password-heading">
        <Title order={3} id="password-heading" mb="sm">
          {t('account.passwordTitle')}
        </Title>
        <PasswordForm />
      </section>
      <SecondFactorSection />
      <section aria-labelledby="sessions-heading">
        <Title order={3} id="sessions-heading" mb="sm">
          {t('account.sessionsTitle')}
        </Title>
        <QueryState query={sessions}>
          {({ items, maxPerUser }) => (
            <Stack gap="sm">
              <Text size="sm">{t('account.sessionsIntro', { count: maxPerUser })}</Text>
              <Table striped withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('account.sessionStarted')}</Table.Th>
                    <Table.Th scope="col">{t('account.sessionLastSeen')}</Table.Th>
                    <Table.Th scope="col">{t('account.sessionBrowser')}</Table.Th>
                    <Table.Th scope="col">{t('account.sessionAddress')}</Table.Th>
                    <Table.Th scope="col">
                      <span className="visually-hidden">{t('account.sessionActions')}</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((item) => (
                    <Table.Tr key={item.id}>
                      <Table.Td>{formatDateTime(item.createdAt, i18n.language)}</Table.Td>
                      <Table.Td>{formatDateTime(item.lastSeenAt, i18n.language)}</Table.Td>
                      <Table.Td>
                        <Text size="sm" title={item.userAgent || undefined}>
                          {summariseUserAgent(item.userAgent) || '–'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" ff="monospace">
                          {item.clientPseudonym.slice(0, 8)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {item.current ? (
                          <Badge color={statusColors.positive}>{t('account.thisSession')}</Badge>
                        ) : (
                          <Button
                            size="xs"
                            variant="light"
                            color="red"
                            loading={endSession.isPending && endSession.variables === item.id}
                            onClick={() => endSession.mutate(item.id)}
                            aria-label={t('account.endSessionNamed', {
                              started: formatDateTime(item.createdAt, i18n.language),
                            })}
                          >
                            {t('account.endSession')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {items.some((item) => !item.current) && (
                <Group>
                  <Button
                    variant="default"
                    color="red"
                    loading={endOthers.isPending}
                    onClick={() => endOthers.mutate()}
                  >
                    {t('account.endOtherSessions')}
                  </Button>
                </Group>
              )}
              {(endSession.isError || endOthers.isError) && (
                <Alert color="red" role="alert">
                  {problems.message(endSession.error ?? endOthers.error)}
                </Alert>
              )}
            </Stack>
          )}
        </QueryState>
      </section>
    </Stack>
  )
}
