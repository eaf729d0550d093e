import { Alert, Button, Card, Center, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionInfo } from '../../../../common/identity.ts'
import { ApiError, apiSend } from '../../api.ts'
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx'
import { useProblemText } from '../../problems.ts'
import { useReplaceSession } from '../../session.tsx'
import { SingleSignOnButtons, SingleSignOnError } from './SingleSignOnLogin.tsx'

export function LoginPage() {
  const { t } = useTranslation()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [code, setCode] = useState('')
  const [askForCode, setAskForCode] = useState(false)
  const replaceSession = useReplaceSession()
  const login = useMutation({
    mutationFn: () =>
      apiSend<SessionInfo>('POST', '/auth/login', {
        username,
        password,
        ...(askForCode && code ? { code } : {}),
      }),
    onSuccess: (session) => replaceSession(session),
    onError: (error) => {
      // The password was right; the account has a second factor, so the form asks for its code.
      if (error instanceof ApiError && error.problem?.code?.startsWith('second-factor')) setAskForCode(true)
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    login.mutate()
  }
  const problems = useProblemText()
  const codeRequested =
    login.error instanceof ApiError && login.error.problem?.code === 'second-factor-required'
  const error = codeRequested ? undefined : problems.message(login.error)

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
          <SingleSignOnError />
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
          {askForCode && (
            <TextInput
              label={t('login.code')}
              description={t('login.codeHint')}
              autoComplete="one-time-code"
              inputMode="text"
              required
              value={code}
              onChange={(event) => setCode(event.currentTarget.value)}
              // The field appears because the user just submitted: focus belongs there.
              data-autofocus
              autoFocus
            />
          )}
          <Button type="submit" loading={login.isPending} disabled={!username || !password}>
            {t('login.submit')}
          </Button>
          <SingleSignOnButtons />
          <LanguageSwitch />
        </Stack>
      </Card>
    </Center>
  )
}
