import { Anchor, Badge, Table, Text } from '@mantine/core'
import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import type { InboxItem } from '../../../../common/referral.ts'
import { statusColors } from '../../colors.ts'
import { useSession } from '../../session.tsx'
import { useOrganisations } from '../casework/queries.ts'
import { referralColors } from './referral-colors.ts'

function clientName(item: InboxItem, withheld: string) {
  if (!item.person) return withheld
  return [item.person.familyName, item.person.givenNames].filter(Boolean).join(', ')
}

/**
 * A calendar day as the rest of the app shows it (TT.MM.JJJJ, or DD/MM/YYYY in English), here
 * without the case-work formatters: the start page loads this table and should stay small.
 */
function formatDay(value: string, language: string): string {
  const [year, month, day] = value.split('-').map(Number)
  if (!year || !month || !day) return value
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'de-DE', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, month - 1, day)))
}

/** The inbox as a table: who (only while shared), what for, status, the day it is due. */
export function InboxTable({ items }: { items: InboxItem[] }) {
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
            <Table.Th scope="col">{t('network.inbox.due')}</Table.Th>
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
              <Table.Td>
                {t(`network.purposes.${item.purpose}`)}
                {item.serviceName && (
                  <Text size="xs" c="dimmed">
                    {item.serviceName}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge color={referralColors[item.status]} variant="filled">
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

/** The name of the partner's own organisation, for headings. */
export function useOwnOrganisationName() {
  const session = useSession()
  const organisations = useOrganisations()
  return (
    organisations.data?.find((organisation) => organisation.id === session.user.organisationId)?.name ?? ''
  )
}
