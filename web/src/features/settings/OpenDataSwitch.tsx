import { Anchor, Stack, Switch, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { OpenDataSetting } from '../../../../common/open-data.ts'
import { apiSend } from '../../api.ts'
import { QueryState } from '../../components/QueryState.tsx'
import { CaseworkFormProblem } from '../casework/problems.tsx'
import { openDataSettingQuery } from '../reporting/queries.ts'

/** Open data: off until coordination or administration turns it on; shows where it is published. */
export function OpenDataSwitch() {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const setting = useQuery(openDataSettingQuery)
  const save = useMutation({
    mutationFn: (enabled: boolean) => apiSend<OpenDataSetting>('PUT', '/open-data-setting', { enabled }),
    onSuccess: (saved) => queryClient.setQueryData(openDataSettingQuery.queryKey, saved),
  })
  return (
    <Stack gap="sm" maw={720}>
      <Title order={3}>{t('reporting.openData.title')}</Title>
      <Text>{t('reporting.openData.intro')}</Text>
      <CaseworkFormProblem error={save.error} shown={[]} />
      <QueryState query={setting}>
        {(data) => (
          <Stack gap="xs">
            <Switch
              label={t('reporting.openData.enabled')}
              checked={data.enabled}
              disabled={save.isPending}
              onChange={(event) => save.mutate(event.currentTarget.checked)}
            />
            {data.enabled ? (
              <Text size="sm">
                {t('reporting.openData.published')} <Anchor href={data.path}>{data.path}</Anchor>,{' '}
                <Anchor href={data.path.replace(/\.json$/, '.csv')}>
                  {data.path.replace(/\.json$/, '.csv')}
                </Anchor>
              </Text>
            ) : null}
          </Stack>
        )}
      </QueryState>
    </Stack>
  )
}
