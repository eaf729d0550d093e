import { Anchor, Badge, Card, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { InboxItem } from '../../../../common/referral.ts'
import { statusColors } from '../../colors.ts'
import { QueryState } from '../../components/QueryState.tsx'
import { useCan, useSession } from '../../session.tsx'
import { formatDay } from '../casework/format.ts'
import { useOrganisations } from '../casework/queries.ts'
import { inboxQuery } from './queries.ts'
import { referralColors } from './ReferralsTab.tsx'

function clientName(item: InboxItem, withheld: string) {
  if (!item.person) return withheld
  return [item.person.familyName, item.person.givenNames].filter(Boolean).join(', ')
}

function InboxTable({ items }: { items: InboxItem[] }) {
  const { t, i18n } = useTranslation()
  const language = i18n.language
  return (
    <Table.ScrollContainer minWidth={680}>
      <Table withTableBorder striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('network.inbox.client')}</Table.Th>
            <Table.Th scope="col">{t('network.referrals.purpose')}</Table.Th>
            <Table.Th scope="col">{t('network.referrals.status')}</Table.Th>
            <Table.Th scope="col">{t('network.referrals.dueOn')}</Table.Th>
            <Table.Th scope="col">{t('network.referrals.referredBy')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>
                <Anchor component={Link} to={`/referrals/${item.id}`}>
                  {clientName(item, t('network.inbox.withheld'))}
                </Anchor>
              </Table.Td>
              <Table.Td>{t(`network.purposes.${item.purpose}`)}</Table.Td>
              <Table.Td>
                <Badge color={referralColors[item.status]} variant="light">
                  {t(`network.referralStatuses.${item.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                {formatDay(
                  item.status === 'accepted' && item.completeBy ? item.completeBy : item.dueOn,
                  language,
                )}
                {item.overdue && (
                  <Text span size="sm" fw={700} c={statusColors.negative}>
                    {' '}
                    ({t('network.referrals.overdue')})
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{item.referredBy}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

function useOwnOrganisationName() {
  const session = useSession()
  const organisations = useOrganisations()
  return (
    organisations.data?.find((organisation) => organisation.id === session.user.organisationId)?.name ?? ''
  )
}

/** The partner organisation's referrals: open ones first by due day, or all. */
export function InboxPage() {
  const { t } = useTranslation()
  const [include, setInclude] = useState<'open' | 'all'>('open')
  const params = new URLSearchParams({ include, limit: '100' })
  const inbox = useQuery(inboxQuery(params))
  const organisation = useOwnOrganisationName()
  return (
    <Stack gap="lg" maw={1100}>
      <div>
        <Title order={2}>{t('network.inbox.title')}</Title>
        <Text mt="xs">{t('network.inbox.intro', { organisation })}</Text>
      </div>
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
