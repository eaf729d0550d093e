import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { QueryState } from '../../components/QueryState.tsx'
import { useCan } from '../../session.tsx'
import { InboxTable, useOwnOrganisationName } from './InboxTable.tsx'
import { inboxQuery } from './referral-queries.ts'

/** The partner's start page shows the inbox: what is open, and what is overdue. */
export function InboxStartCard() {
  const { t } = useTranslation()
  const can = useCan()
  const show = can('referral.inbox')
  const inbox = useQuery({
    ...inboxQuery(new URLSearchParams({ include: 'open', limit: '5' })),
    enabled: show,
  })
  const organisation = useOwnOrganisationName()
  if (!show) return null
  return (
    <Card
      withBorder
      component="section"
      aria-labelledby="inbox-start-heading"
      style={{ gridColumn: '1 / -1' }}
    >
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4" id="inbox-start-heading">
          {t('network.inbox.title')}
        </Title>
        <Anchor component={Link} to="/referrals" size="sm">
          {t('network.inbox.toInbox')}
        </Anchor>
      </Group>
      <QueryState query={inbox}>
        {(page) => (
          <Stack gap="sm">
            <Text size="sm">{t('network.inbox.openCount', { count: page.total, organisation })}</Text>
            {page.items.length > 0 && <InboxTable items={page.items} />}
          </Stack>
        )}
      </QueryState>
    </Card>
  )
}
