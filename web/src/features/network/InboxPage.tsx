import { Group, SegmentedControl, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ExportMenu } from '../../components/ExportMenu.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { InboxTable, useOwnOrganisationName } from './InboxTable.tsx'
import { inboxQuery } from './referral-queries.ts'

/** The partner organisation's referrals: open ones first by due day, or all. */
export function InboxPage() {
  const { t } = useTranslation()
  const [include, setInclude] = useState<'open' | 'all'>('open')
  const params = new URLSearchParams({ include, limit: '100' })
  const inbox = useQuery(inboxQuery(params))
  const organisation = useOwnOrganisationName()
  return (
    <Stack gap="lg" maw={1100}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t('network.inbox.title')}</Title>
          <Text mt="xs">{t('network.inbox.intro', { organisation })}</Text>
        </div>
        <ExportMenu path="/referrals/inbox/export" query={{ include }} listName={t('network.inbox.title')} />
      </Group>
      <SegmentedControl
        w="fit-content"
        value={include}
        onChange={(value) => setInclude(value as 'open' | 'all')}
        data={[
          { value: 'open', label: t('network.inbox.open') },
          { value: 'all', label: t('network.inbox.all') },
        ]}
        aria-label={t('network.inbox.filter')}
      />
      <QueryState query={inbox}>
        {(page) =>
          page.items.length === 0 ? (
            <Text c="dimmed">{t('network.inbox.empty')}</Text>
          ) : (
            <InboxTable items={page.items} />
          )
        }
      </QueryState>
    </Stack>
  )
}
