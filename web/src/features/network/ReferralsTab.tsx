import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Case } from '../../../../common/casework.ts'
import { statusColors } from '../../colors.ts'
import { Dialog } from '../../components/Dialog.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { canWrite } from '../casework/bits.tsx'
import { formatDay, personName } from '../casework/format.ts'
import { ReferralForm } from './ReferralForm.tsx'
import { referralColors } from './referral-colors.ts'
import { caseReferralsQuery } from './referral-queries.ts'

/** The case's referrals with their status and due day; a new one through the referral dialog. */
export function ReferralsTab({ item }: { item: Case }) {
  const { t, i18n } = useTranslation()
  const language = i18n.language
  const referrals = useQuery(caseReferralsQuery(item.id))
  const [adding, setAdding] = useState(false)
  const nameOf = (personId: string | null) => {
    const person = item.persons.find((each) => each.id === personId)
    return person ? personName(person) : ''
  }
  return (
    <section aria-labelledby="referrals-heading">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4" id="referrals-heading">
          {t('network.referrals.title')}
        </Title>
        {canWrite(item) && <Button onClick={() => setAdding(true)}>{t('network.referrals.new')}</Button>}
      </Group>
      <QueryState query={referrals}>
        {(items) =>
          items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('network.referrals.none')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={720}>
              <Table withTableBorder striped verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('network.referrals.organisation')}</Table.Th>
                    <Table.Th scope="col">{t('network.referrals.person')}</Table.Th>
                    <Table.Th scope="col">{t('network.referrals.purpose')}</Table.Th>
                    <Table.Th scope="col">{t('network.referrals.status')}</Table.Th>
                    <Table.Th scope="col">{t('network.referrals.dueOn')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((referral) => (
                    <Table.Tr key={referral.id}>
                      <Table.Td>
                        <Stack gap={2}>
                          <Anchor component={Link} to={`/referrals/${referral.id}`}>
                            {referral.organisation.name}
                          </Anchor>
                          {referral.override && (
                            <Text size="xs" c={statusColors.warning} fw={600}>
                              {t('network.referrals.flaggedForDpo')}
                            </Text>
                          )}
                        </Stack>
                      </Table.Td>
                      <Table.Td>{nameOf(referral.personId)}</Table.Td>
                      <Table.Td>{t(`network.purposes.${referral.purpose}`)}</Table.Td>
                      <Table.Td>
                        <Badge color={referralColors[referral.status]} variant="filled">
                          {t(`network.referralStatuses.${referral.status}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {formatDay(referral.dueOn, language)}
                        {referral.overdue && (
                          <Text span size="sm" fw={700} c={statusColors.negative}>
                            {' '}
                            ({t('network.referrals.overdue')})
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
      <Dialog opened={adding} onClose={() => setAdding(false)} title={t('network.referrals.dialogTitle')}>
        <ReferralForm item={item} onDone={() => setAdding(false)} />
      </Dialog>
    </section>
  )
}
