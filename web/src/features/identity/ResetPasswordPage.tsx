import { Alert, Anchor, Button, Card, Center, PasswordInput, Stack, Text, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation } from '@tanstack/react-query'
import { type FormEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { apiSend } from '../../api.ts'
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx'
import { useProblemText } from '../../problems.ts'
import { useLazySchema, useValidationAfterSubmit } from '../../schema-form.ts'
import { focusFirstInvalid } from '../casework/problems.tsx'

/** The token travels in the URL fragment, which browsers never send to a server or in a Referer. */
const tokenFromLocation = () => window.location.hash.replace(/^#/, '')

/** The API's schema, fetched after the page shows: the page is part of the first load, zod is not. */
const loadResetSchema = () =>
  import('../../../../common/identity.ts').then((module) => module.resetPasswordSchema)

type Values = { newPassword: string }

export function ResetPasswordPage() {
  const { t } = useTranslation()
  const problems = useProblemText()
  const [token] = useState(tokenFromLocation)
  const [submitted, setSubmitted] = useState(false)
  const formRef = useRef<HTMLFormElement>(null)
  const resetInput = (values: Values) => ({ token, newPassword: values.newPassword })
  const schema = useLazySchema(loadResetSchema, resetInput)
  const form = useForm<Values>({ initialValues: { newPassword: '' }, validate: schema.validate })
  useValidationAfterSubmit(form, submitted)
  const reset = useMutation({
    mutationFn: (body: ReturnType<typeof resetInput>) => apiSend('POST', '/auth/reset', body),
  })
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setSubmitted(true)
    const values = form.values
    const errors = await schema.check(values)
    form.setErrors(errors)
    if (Object.keys(errors).length > 0) focusFirstInvalid(formRef.current)
    else reset.mutate(resetInput(values))
  }
  // A token the schema refuses is no field of the form: the link is broken, as without a token.
  const tokenBroken = !token || Boolean(form.errors.token)

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
            <form ref={formRef} onSubmit={(event) => void submit(event)} noValidate>
              <Stack gap="md">
                <Text size="sm">{t('reset.intro')}</Text>
                {reset.isError && !problems.hasFields(reset.error) && (
                  <Alert color="red" role="alert">
                    {problems.message(reset.error)}
                  </Alert>
                )}
                {tokenBroken && (
                  <Alert color="red" role="alert">
                    {t('reset.noToken')}
                  </Alert>
                )}
                <PasswordInput
                  label={t('account.newPassword')}
                  description={t('account.passwordRules')}
                  autoComplete="new-password"
                  required
                  {...form.getInputProps('newPassword')}
                  error={
                    (form.errors.newPassword as string | undefined) ??
                    problems.field(reset.error, 'newPassword')
                  }
                />
                <Button type="submit" loading={reset.isPending} disabled={!token}>
                  {t('reset.submit')}
                </Button>
              </Stack>
            </form>
          )}
          <LanguageSwitch />
        </Stack>
      </Card>
    </Center>
  )
}
