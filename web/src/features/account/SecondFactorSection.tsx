import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Image,
  List,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  passwordConfirmationSchema,
  type SecondFactorEnrolment,
  type SecondFactorStatus,
  secondFactorCodeSchema,
} from '../../../../common/identity.ts'
import { apiGet, apiSend } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { QueryState } from '../../components/QueryState.tsx'
import { useProblemText } from '../../problems.ts'
import { useSchemaValidator } from '../../schema-form.ts'
import { sessionQueryKey } from '../../session.tsx'

const statusKey = ['account', 'second-factor'] as const

function Enrolment({
  enrolment,
  onDone,
}: {
  enrolment: SecondFactorEnrolment
  onDone: (codes: string[]) => void
}) {
  const { t } = useTranslation()
  const problems = useProblemText()
  const form = useForm<{ code: string }>({
    initialValues: { code: '' },
    validate: useSchemaValidator(secondFactorCodeSchema, (values: { code: string }) => values),
  })
  const confirm = useMutation({
    mutationFn: (body: { code: string }) =>
      apiSend<{ recoveryCodes: string[] }>('POST', '/account/second-factor/confirm', body),
    onSuccess: (result) => onDone(result.recoveryCodes),
  })
  return (
    <form onSubmit={form.onSubmit((values) => confirm.mutate(values))} noValidate>
      <Stack gap="sm" maw={520}>
        <Text size="sm">{t('secondFactor.scan')}</Text>
        <Image src={enrolment.qrCode} alt={t('secondFactor.qrAlt')} w={200} h={200} />
        <Text size="sm">
          {t('secondFactor.manual')} <Code>{enrolment.secret}</Code>
        </Text>
        <TextInput
          label={t('secondFactor.code')}
          autoComplete="one-time-code"
          inputMode="numeric"
          required
          maw={200}
          {...form.getInputProps('code')}
          error={(form.errors.code as string | undefined) ?? problems.field(confirm.error, 'code')}
        />
        <Group>
          <Button type="submit" loading={confirm.isPending}>
            {t('secondFactor.confirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useTranslation()
  return (
    <Alert color="yellow" title={t('secondFactor.recoveryTitle')} role="status">
      <Text size="sm" mb="xs">
        {t('secondFactor.recoveryIntro')}
      </Text>
      <List spacing={2}>
        {codes.map((code) => (
          <List.Item key={code}>
            <Code>{code}</Code>
          </List.Item>
        ))}
      </List>
    </Alert>
  )
}

function DisableForm() {
  const { t } = useTranslation()
  const problems = useProblemText()
  const queryClient = useQueryClient()
  const form = useForm<{ password: string }>({
    initialValues: { password: '' },
    validate: useSchemaValidator(passwordConfirmationSchema, (values: { password: string }) => values),
  })
  const disable = useMutation({
    mutationFn: (body: { password: string }) => apiSend('POST', '/account/second-factor/disable', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: statusKey }),
  })
  return (
    <form onSubmit={form.onSubmit((values) => disable.mutate(values))} noValidate>
      <Stack gap="sm" maw={420}>
        {disable.isError && !problems.hasFields(disable.error) && (
          <Alert color="red" role="alert">
            {problems.message(disable.error)}
          </Alert>
        )}
        <PasswordInput
          label={t('secondFactor.passwordToDisable')}
          autoComplete="current-password"
          {...form.getInputProps('password')}
          error={(form.errors.password as string | undefined) ?? problems.field(disable.error, 'password')}
        />
        <Group>
          <Button type="submit" variant="default" loading={disable.isPending}>
            {t('secondFactor.disable')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** Set up, confirm and switch off the own TOTP second factor. */
export function SecondFactorSection() {
  const { t } = useTranslation()
  const problems = useProblemText()
  const queryClient = useQueryClient()
  const status = useQuery({
    queryKey: statusKey,
    queryFn: ({ signal }) => apiGet<SecondFactorStatus>('/account/second-factor', signal),
  })
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>()
  const setup = useMutation({
    mutationFn: () => apiSend<SecondFactorEnrolment>('POST', '/account/second-factor/setup'),
  })
  const finish = async (codes: string[]) => {
    setRecoveryCodes(codes)
    setup.reset()
    // The session's abilities change once a required second factor is in place.
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: statusKey }),
      queryClient.invalidateQueries({ queryKey: sessionQueryKey }),
    ])
  }

  return (
    <section aria-labelledby="second-factor-heading">
      <Title order={3} id="second-factor-heading" mb="sm">
        {t('secondFactor.title')}
      </Title>
      <QueryState query={status}>
        {(state) => (
          <Stack gap="sm">
            <Group gap="xs">
              <Badge color={state.enabled ? statusColors.positive : statusColors.neutral}>
                {state.enabled ? t('secondFactor.on') : t('secondFactor.off')}
              </Badge>
              {state.required && <Text size="sm">{t('secondFactor.requiredForRole')}</Text>}
              {state.enabled && (
                <Text size="sm">{t('secondFactor.recoveryLeft', { count: state.recoveryCodesLeft })}</Text>
              )}
            </Group>
            {recoveryCodes && <RecoveryCodes codes={recoveryCodes} />}
            {!state.enabled && !setup.data && (
              <>
                <Text size="sm">{t('secondFactor.intro')}</Text>
                {setup.isError && (
                  <Alert color="red" role="alert">
                    {problems.message(setup.error)}
                  </Alert>
                )}
                <Group>
                  <Button onClick={() => setup.mutate()} loading={setup.isPending}>
                    {t('secondFactor.start')}
                  </Button>
                </Group>
              </>
            )}
            {!state.enabled && setup.data && (
              <Enrolment enrolment={setup.data} onDone={(codes) => void finish(codes)} />
            )}
            {state.enabled && !state.required && <DisableForm />}
          </Stack>
        )}
      </QueryState>
    </section>
  )
}
