import { Alert, Button, Card, Center, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionInfo } from '../../../common/identity.ts'
import { apiSend } from '../api.ts'
import { LanguageSwitch } from '../components/LanguageSwitch.tsx'
import { useProblemText } from '../problems.ts'
import { useReplaceSession } from '../session.tsx'

export function LoginPage() {
  const { t } = useTranslation()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const replaceSession = useReplaceSession()
  const login = useMutation({
    mutationFn: () => apiSend<SessionInfo>('POST', '/auth/login', { username, password }),
    onSuccess: (session) => replaceSession(session),
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    login.mutate()
  }
  const error = useProblemText().message(login.error)

  return (
    <Center mih="100vh" p="md" component="main">
      <Card withBorder shadow="sm" p="xl" w={420}>
        <Stack component="form" onSubmit={submit} gap="md">
          <Title order={1} size="h2">
            {t('login.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('login.intro')}
          </Text>
          {error && (
            <Alert color="red" role="alert" title={t('login.failed')}>
              {error}
            </Alert>
          )}
          <TextInput
            label={t('login.username')}
            autoComplete="username"
            required
            value={username}
            onChange={(event) => setUsername(event.currentTarget.value)}
            data-autofocus
          />
          <PasswordInput
            label={t('login.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
          <Button type="submit" loading={login.isPending} disabled={!username || !password}>
            {t('login.submit')}
          </Button>
          <LanguageSwitch />
        </Stack>
      </Card>
    </Center>
  )
}
