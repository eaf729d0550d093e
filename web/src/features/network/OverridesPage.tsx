import { Badge, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { QueryState } from '../../components/QueryState.tsx'
import { formatDateTime } from '../../i18n.ts'
import { referralColors } from './referral-colors.ts'
import { overridesQuery } from './referral-queries.ts'

/**
 * For the data protection officer: every referral sent without a valid consent, on a stated legal
 * basis, with the case reference, the organisation, the basis, the reason, who sent it and when.
 * No names and no shared values: the review is of the decision, not of the person.
 */
export function OverridesPage() {
  const { t, i18n } = useTranslation()
  const language = i18n.language
  const list = useQuery(overridesQuery)
  return (
    <Stack gap="lg">
      <Title order={2}>{t('network.overrides.title')}</Title>
      <Text maw={900}>{t('network.overrides.intro')}</Text>
      <QueryState query={list}>
        {(items) =>
          items.length === 0 ? (
            <Text c="dimmed">{t('network.overrides.none')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={900} type="native">
              <Table withTableBorder striped verticalSpacing="sm">
                <Table.Caption>{t('network.overrides.count', { count: items.length })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('network.overrides.sentAt')}</Table.Th>
                    <Table.Th scope="col">{t('network.overrides.case')}</Table.Th>
                    <Table.Th scope="col">{t('network.overrides.organisation')}</Table.Th>
                    <Table.Th scope="col">{t('network.overrides.legalBasis')}</Table.Th>
                    <Table.Th scope="col">{t('network.overrides.reason')}</Table.Th>
                    <Table.Th scope="col">{t('network.overrides.referredBy')}</Table.Th>
                    <Table.Th scope="col">{t('network.overrides.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((item) => (
                    <Table.Tr key={item.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {item.sentAt ? formatDateTime(item.sentAt, language) : t('network.overrides.notSent')}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{item.caseReference ?? '–'}</Table.Td>
                      <Table.Td>{item.organisation.name}</Table.Td>
                      <Table.Td>
                        {item.override ? t(`network.overrideBases.${item.override.legalBasis}`) : '–'}
                      </Table.Td>
                      <Table.Td maw={360} style={{ whiteSpace: 'pre-wrap' }}>
                        {item.override?.reason ?? '–'}
                        <Text size="xs" c="dimmed" mt={4}>
                          {t('network.overrides.sharedFields')}:{' '}
                          {item.sharedFields.map((field) => t(`network.fields.${field}`)).join(', ')}
                        </Text>
                      </Table.Td>
                      <Table.Td>{item.referredBy}</Table.Td>
                      <Table.Td miw={130}>
                        <Badge color={referralColors[item.status]} variant="filled">
                          {t(`network.referralStatuses.${item.status}`)}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
    </Stack>
  )
}
