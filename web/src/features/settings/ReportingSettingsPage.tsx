import { Button, Group, NumberInput, Stack, Text, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type ReportingSettings, reportingSettingsSchema } from '../../../../common/reporting.ts'
import { apiSend } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { QueryState } from '../../components/QueryState.tsx'
import { useSchemaValidator } from '../../schema-form.ts'
import { CaseworkFormProblem, focusFirstInvalid, useFieldError } from '../casework/problems.tsx'
import { reportingKeys, reportingSettingsQuery } from '../reporting/queries.ts'
import { OpenDataSwitch } from './OpenDataSwitch.tsx'

/** The ranges the API takes, read from its schema for the inputs' arrows and hints. */
const { threshold, specialThreshold } = reportingSettingsSchema.shape

type Values = { threshold: number | string; specialThreshold: number | string }

const settingsInput = (values: Values) => ({
  threshold: values.threshold === '' ? undefined : Number(values.threshold),
  specialThreshold: values.specialThreshold === '' ? undefined : Number(values.specialThreshold),
})

function SettingsForm({ settings }: { settings: ReportingSettings }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const formRef = useRef<HTMLFormElement>(null)
  const form = useForm<Values>({
    initialValues: settings,
    validate: useSchemaValidator(reportingSettingsSchema, settingsInput),
  })
  const [notice, setNotice] = useState('')
  const save = useMutation({
    mutationFn: (body: ReturnType<typeof settingsInput>) =>
      apiSend<ReportingSettings>('PUT', '/reporting-settings', body),
    onSuccess: (saved) => {
      queryClient.setQueryData(reportingSettingsQuery.queryKey, saved)
      // Every figure shown so far was protected with the old thresholds.
      void queryClient.invalidateQueries({ queryKey: reportingKeys.all })
      setNotice(t('reporting.settings.saved'))
    },
  })
  const submit = form.onSubmit(
    (values) => {
      setNotice('')
      save.mutate(settingsInput(values))
    },
    () => {
      setNotice('')
      focusFirstInvalid(formRef.current)
    },
  )
  const fieldError = useFieldError<Values>(form.errors, save.error)
  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md" maw={640}>
        <CaseworkFormProblem error={save.error} shown={['threshold', 'specialThreshold']} />
        <NumberInput
          label={t('reporting.settings.threshold')}
          description={t('reporting.settings.thresholdHint')}
          min={threshold.minValue ?? undefined}
          max={threshold.maxValue ?? undefined}
          allowDecimal={false}
          // A value below 3 is shown and explained, not silently raised on blur.
          clampBehavior="none"
          {...form.getInputProps('threshold')}
          error={fieldError('threshold')}
          maw={480}
        />
        <NumberInput
          label={t('reporting.settings.specialThreshold')}
          description={t('reporting.settings.specialThresholdHint')}
          min={specialThreshold.minValue ?? undefined}
          max={specialThreshold.maxValue ?? undefined}
          allowDecimal={false}
          // A value below 3 is shown and explained, not silently raised on blur.
          clampBehavior="none"
          {...form.getInputProps('specialThreshold')}
          error={fieldError('specialThreshold')}
          maw={480}
        />
        <Group justify="flex-end" gap="sm">
          <Text size="sm" role="status" c={statusColors.positive} fw={600}>
            {notice}
          </Text>
          <Button type="submit" loading={save.isPending}>
            {t('casework.common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** The district's thresholds for small numbers (coordination and administration). */
export function ReportingSettingsPage() {
  const { t } = useTranslation()
  const settings = useQuery(reportingSettingsQuery)
  return (
    <Stack gap="md" maw={1000}>
      <Title order={2}>{t('reporting.settings.title')}</Title>
      <Text maw={720}>{t('reporting.settings.intro')}</Text>
      <QueryState query={settings}>{(data) => <SettingsForm settings={data} />}</QueryState>
      <OpenDataSwitch />
    </Stack>
  )
}
