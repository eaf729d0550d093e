import { Button, Group, NumberInput, Stack, Switch, Text, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type CaseWorkSettings, caseWorkSettingsSchema } from '../../../../common/casework.ts'
import { apiSend } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { QueryState } from '../../components/QueryState.tsx'
import { useSchemaValidator } from '../../schema-form.ts'
import { CaseworkFormProblem, focusFirstInvalid, useFieldError } from '../casework/problems.tsx'
import { caseWorkSettingsQuery } from '../casework/queries.ts'

type Values = { teamCasesVisibleToCaseManagers: boolean; residenceExpiryLeadDays: number | string }
const leadDays = caseWorkSettingsSchema.shape.residenceExpiryLeadDays

const settingsInput = (values: Values) => ({
  teamCasesVisibleToCaseManagers: values.teamCasesVisibleToCaseManagers,
  residenceExpiryLeadDays:
    values.residenceExpiryLeadDays === '' ? undefined : Number(values.residenceExpiryLeadDays),
})

function SettingsForm({ settings }: { settings: CaseWorkSettings }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const formRef = useRef<HTMLFormElement>(null)
  const form = useForm<Values>({
    initialValues: settings,
    validate: useSchemaValidator(caseWorkSettingsSchema, settingsInput),
  })
  const [notice, setNotice] = useState('')
  const save = useMutation({
    mutationFn: (body: ReturnType<typeof settingsInput>) =>
      apiSend<CaseWorkSettings>('PUT', '/case-work-settings', body),
    onSuccess: (saved) => {
      queryClient.setQueryData(caseWorkSettingsQuery.queryKey, saved)
      setNotice(t('casework.settings.saved'))
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
        <CaseworkFormProblem
          error={save.error}
          shown={['teamCasesVisibleToCaseManagers', 'residenceExpiryLeadDays']}
        />
        <Switch
          label={t('casework.settings.teamCasesVisible')}
          description={t('casework.settings.teamCasesVisibleHint')}
          {...form.getInputProps('teamCasesVisibleToCaseManagers', { type: 'checkbox' })}
          error={fieldError('teamCasesVisibleToCaseManagers')}
        />
        <NumberInput
          label={t('casework.settings.leadDays')}
          description={t('casework.settings.leadDaysHint')}
          min={leadDays.minValue ?? undefined}
          max={leadDays.maxValue ?? undefined}
          allowDecimal={false}
          {...form.getInputProps('residenceExpiryLeadDays')}
          error={fieldError('residenceExpiryLeadDays')}
          suffix={` ${t('casework.settings.days')}`}
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

/** The district's settings of case work (administrators). */
export function CaseWorkSettingsPage() {
  const { t } = useTranslation()
  const settings = useQuery(caseWorkSettingsQuery)
  return (
    <Stack gap="md" maw={1000}>
      <Title order={2}>{t('casework.settings.title')}</Title>
      <Text maw={720}>{t('casework.settings.intro')}</Text>
      <QueryState query={settings}>{(data) => <SettingsForm settings={data} />}</QueryState>
    </Stack>
  )
}
