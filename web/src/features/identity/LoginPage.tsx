import { Alert, Button, Card, Center, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation } from '@tanstack/react-query'
import { type FormEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionInfo } from '../../../../common/identity.ts'
import { ApiError, apiSend } from '../../api.ts'
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx'
import { useProblemText } from '../../problems.ts'
import { useLazySchema, useValidationAfterSubmit } from '../../schema-form.ts'
import { useReplaceSession } from '../../session.tsx'
import { focusFirstInvalid } from '../casework/problems.tsx'
import { SingleSignOnButtons, SingleSignOnError } from './SingleSignOnLogin.tsx'

type Values = { username: string; password: string; code: string }

/** The API's login schema, fetched after the page shows: zod is no part of the first load. */
const loadLoginSchema = () =>
  import('../../../../common/identity.ts').then((module) => module.loginRequestSchema)

export function LoginPage() {
  const { t } = useTranslation()
  const [askForCode, setAskForCode] = useState(false)
  const [submitted, setSubmitted] = useState(false)
  const formRef = useRef<HTMLFormElement>(null)
  /** The API's login request; the code only once the server has asked for it. */
  const loginInput = (values: Values) => ({
    username: values.username,
    password: values.password,
    ...(askForCode ? { code: values.code } : {}),
  })
  const schema = useLazySchema(loadLoginSchema, loginInput)
  const form = useForm<Values>({
    initialValues: { username: '', password: '', code: '' },
    validate: schema.validate,
  })
  useValidationAfterSubmit(form, submitted)
  const replaceSession = useReplaceSession()
  const login = useMutation({
    mutationFn: (body: ReturnType<typeof loginInput>) => apiSend<SessionInfo>('POST', '/auth/login', body),
    onSuccess: (session) => replaceSession(session),
    onError: (error) => {
      // The password was right; the account has a second factor, so the form asks for its code.
      if (error instanceof ApiError && error.problem?.code?.startsWith('second-factor')) setAskForCode(true)
    },
  })
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setSubmitted(true)
    const values = form.values
    const errors = await schema.check(values)
    form.setErrors(errors)
    if (Object.keys(errors).length > 0) focusFirstInvalid(formRef.current)
    else login.mutate(loginInput(values))
  }
  const problems = useProblemText()
  const codeRequested =
    login.error instanceof ApiError && login.error.problem?.code === 'second-factor-required'
  const error = codeRequested ? undefined : problems.message(login.error)

  return (
    <Center mih="100vh" p="md" component="main">
      <Card withBorder shadow="sm" p="xl" w={420}>
        <form ref={formRef} onSubmit={(event) => void submit(event)} noValidate>
          <Stack gap="md">
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
              {...form.getInputProps('username')}
              data-autofocus
            />
            <PasswordInput
              label={t('login.password')}
              autoComplete="current-password"
              required
              {...form.getInputProps('password')}
            />
            {askForCode && (
              <TextInput
                label={t('login.code')}
                description={t('login.codeHint')}
                autoComplete="one-time-code"
                inputMode="text"
                required
                {...form.getInputProps('code')}
                // The field appears because the user just submitted: focus belongs there.
                data-autofocus
                autoFocus
              />
            )}
            <Button type="submit" loading={login.isPending}>
              {t('login.submit')}
            </Button>
            <SingleSignOnButtons />
            <LanguageSwitch />
          </Stack>
        </form>
      </Card>
    </Center>
  )
}
