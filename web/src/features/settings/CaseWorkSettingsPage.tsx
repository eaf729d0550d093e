import { Button, Group, NumberInput, Stack, Switch, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaseWorkSettings } from '../../../../common/casework.ts'
import { apiSend } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { QueryState } from '../../components/QueryState.tsx'
import { CaseworkFormProblem, useCaseworkProblems } from '../casework/problems.tsx'
import { caseWorkSettingsQuery } from '../casework/queries.ts'

function SettingsForm({ settings }: { settings: CaseWorkSettings }) {
  const { t } = useTranslation()
  const problems = useCaseworkProblems()
  const queryClient = useQueryClient()
  const [form, setForm] = useState<{
    teamCasesVisibleToCaseManagers: boolean
    residenceExpiryLeadDays: number | string
  }>(settings)
  const [notice, setNotice] = useState('')
  const save = useMutation({
    mutationFn: () =>
      apiSend<CaseWorkSettings>('PUT', '/case-work-settings', {
        ...form,
        residenceExpiryLeadDays: Number(form.residenceExpiryLeadDays),
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(caseWorkSettingsQuery.queryKey, saved)
      setNotice(t('casework.settings.saved'))
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setNotice('')
    save.mutate()
  }
  return (
    <Stack component="form" onSubmit={submit} gap="md" maw={640}>
      <CaseworkFormProblem
        error={save.error}
        shown={['teamCasesVisibleToCaseManagers', 'residenceExpiryLeadDays']}
      />
      <Switch
        label={t('casework.settings.teamCasesVisible')}
        description={t('casework.settings.teamCasesVisibleHint')}
        checked={form.teamCasesVisibleToCaseManagers}
        onChange={(event) =>
          setForm({ ...form, teamCasesVisibleToCaseManagers: event.currentTarget.checked })
        }
        error={problems.field(save.error, 'teamCasesVisibleToCaseManagers')}
      />
      <NumberInput
        label={t('casework.settings.leadDays')}
        description={t('casework.settings.leadDaysHint')}
        min={7}
        max={365}
        value={form.residenceExpiryLeadDays}
        onChange={(residenceExpiryLeadDays) => setForm({ ...form, residenceExpiryLeadDays })}
        error={problems.field(save.error, 'residenceExpiryLeadDays')}
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
