import { Alert, Anchor, Button, Card, Center, PasswordInput, Stack, Text, Title } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { apiSend } from '../../api.ts'
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx'
import { useProblemText } from '../../problems.ts'

/** The token travels in the URL fragment, which browsers never send to a server or in a Referer. */
const tokenFromLocation = () => window.location.hash.replace(/^#/, '')

export function ResetPasswordPage() {
  const { t } = useTranslation()
  const problems = useProblemText()
  const [token] = useState(tokenFromLocation)
  const [newPassword, setNewPassword] = useState('')
  const reset = useMutation({ mutationFn: () => apiSend('POST', '/auth/reset', { token, newPassword }) })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    reset.mutate()
  }

  return (
    <Center mih="100vh" p="md" component="main">
      <Card withBorder shadow="sm" p="xl" w={440}>
        <Stack gap="md">
          <Title order={1} size="h2">
            {t('reset.title')}
          </Title>
          {reset.isSuccess ? (
            <>
              <Alert color="green" role="status">
                {t('reset.done')}
              </Alert>
              <Anchor href="/">{t('reset.toLogin')}</Anchor>
            </>
          ) : (
            <Stack component="form" onSubmit={submit} gap="md">
              <Text size="sm">{t('reset.intro')}</Text>
              {reset.isError && !problems.hasFields(reset.error) && (
                <Alert color="red" role="alert">
                  {problems.message(reset.error)}
                </Alert>
              )}
              {!token && (
                <Alert color="red" role="alert">
                  {t('reset.noToken')}
                </Alert>
              )}
              <PasswordInput
                label={t('account.newPassword')}
                description={t('account.passwordRules')}
                autoComplete="new-password"
                required
                value={newPassword}
                error={problems.field(reset.error, 'newPassword')}
                onChange={(event) => setNewPassword(event.currentTarget.value)}
              />
              <Button type="submit" loading={reset.isPending} disabled={!token || !newPassword}>
                {t('reset.submit')}
              </Button>
            </Stack>
          )}
          <LanguageSwitch />
        </Stack>
      </Card>
    </Center>
  )
}
