import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link, useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ExportMenu } from '../../components/ExportMenu.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { useCan } from '../../session.tsx'
import { formatDay } from '../casework/format.ts'
import { AgreementForm } from './AgreementForm.tsx'
import { agreementsQuery } from './queries.ts'
import { StatusBadge } from './StatusBadge.tsx'

/**
 * The district's goal agreements (Zielvereinbarungen), each with its overall status. With a
 * `decisionId` (from "goal agreement from this decision") the form opens with that decision chosen.
 */
export function GoalAgreementsPage({ decisionId }: { decisionId?: string } = {}) {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const navigate = useNavigate()
  const agreements = useQuery(agreementsQuery)
  const [creating, setCreating] = useState(Boolean(decisionId) && can('steering.manage'))
  return (
    <Stack maw={1200} gap="lg">
      <Group justify="space-between">
        <Title order={2}>{t('goals.list.title')}</Title>
        <Group gap="sm">
          <ExportMenu path="/goal-agreements/export" listName={t('goals.list.title')} />
          {can('steering.manage') && !creating && (
            <Button onClick={() => setCreating(true)}>{t('goals.list.new')}</Button>
          )}
        </Group>
      </Group>
      <Text size="sm" c="dimmed" maw={820}>
        {t('goals.list.intro')}
      </Text>
      {creating && (
        <Stack gap="xs">
          <Title order={3}>{t('goals.list.new')}</Title>
          <AgreementForm
            decisionId={decisionId}
            onSaved={(saved) => void navigate({ to: `/goal-agreements/${saved.id}` })}
          />
        </Stack>
      )}
      <QueryState query={agreements}>
        {({ items }) =>
          items.length === 0 ? (
            <Text c="dimmed">{t('goals.list.none')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={760}>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('goals.agreement.title')}</Table.Th>
                    <Table.Th scope="col">{t('goals.agreement.period')}</Table.Th>
                    <Table.Th scope="col">{t('goals.agreement.decision')}</Table.Th>
                    <Table.Th scope="col">{t('goals.agreement.indicators')}</Table.Th>
                    <Table.Th scope="col">{t('goals.agreement.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((agreement) => (
                    <Table.Tr key={agreement.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/goal-agreements/${agreement.id}`}>
                          {agreement.title}
                        </Anchor>
                        {agreement.responsibleOrganisation && (
                          <Text size="xs" c="dimmed">
                            {t('goals.agreement.responsibleShort', {
                              name: agreement.responsibleOrganisation.name,
                            })}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {formatDay(agreement.startsOn, i18n.language)} –{' '}
                        {formatDay(agreement.endsOn, i18n.language)}
                      </Table.Td>
                      <Table.Td>{agreement.decision ? agreement.decision.number : '–'}</Table.Td>
                      <Table.Td>{agreement.indicatorCount}</Table.Td>
                      <Table.Td>
                        <StatusBadge status={agreement.status} />
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
