import { Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { QueryState } from '../../components/QueryState.tsx'
import { districtsQuery } from '../../queries.ts'
import { DistrictTable } from './DistrictTable.tsx'

export function DistrictsPage() {
  const { t } = useTranslation()
  const districts = useQuery(districtsQuery)
  return (
    <Stack gap="md" maw={1000}>
      <Title order={2}>{t('districts.title')}</Title>
      <Text>{t('districts.intro')}</Text>
      <QueryState query={districts}>
        {(page) => (
          <DistrictTable districts={page.items} caption={t('start.districtsCount', { count: page.total })} />
        )}
      </QueryState>
    </Stack>
  )
}
