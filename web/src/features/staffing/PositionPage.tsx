import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { bausteinNumber } from '../../../../common/staffing.ts'
import { statusColors } from '../../colors.ts'
import { ExportMenu } from '../../components/ExportMenu.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { useCan } from '../../session.tsx'
import { formatDay } from '../casework/format.ts'
import { ContractForm } from './ContractForm.tsx'
import { NewContractForm } from './NewContractForm.tsx'
import { PositionForm } from './PositionForm.tsx'
import { fteFormat, positionQuery, stateColor } from './queries.ts'
import { StaffingNav } from './StaffingNav.tsx'

/** A position with its facts and all its contracts; a contract can be changed or extended here. */
export function PositionPage({ positionId }: { positionId: string }) {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const position = useQuery(positionQuery(positionId))
  const [editing, setEditing] = useState<string | null>(null)
  const [editingPosition, setEditingPosition] = useState(false)
  const day = (value: string | null) => formatDay(value, i18n.language)
  return (
    <Stack maw={1200} gap="lg">
      <QueryState query={position}>
        {(item) => (
          <>
            <Group justify="space-between">
              <Title order={2}>{item.title}</Title>
              <Badge color={stateColor[item.state]} variant="filled" size="lg">
                {t(`staffing.states.${item.state}`)}
              </Badge>
            </Group>
            <StaffingNav />
            <Card withBorder component="section" aria-labelledby="position-facts">
              <Title order={3} size="h4" id="position-facts" mb="sm">
                {t('staffing.position.facts')}
              </Title>
              <Table variant="vertical" layout="fixed" withTableBorder={false}>
                <Table.Tbody>
                  {[
                    [
                      t('staffing.position.baustein'),
                      `${bausteinNumber[item.baustein]} · ${t(`staffing.bausteine.${item.baustein}`)}`,
                    ],
                    [
                      t('staffing.position.fte'),
                      `${fteFormat(item.assignedFte, i18n.language)} / ${fteFormat(item.fte, i18n.language)}`,
                    ],
                    [
                      t('staffing.position.employer'),
                      item.employerOrganisationName ?? t(`staffing.employers.${item.employerKind}`),
                    ],
                    [
                      t('staffing.position.area'),
                      [item.municipalityName, item.area].filter(Boolean).join(' · ') || '–',
                    ],
                    [t('staffing.position.payGrade'), item.payGrade || '–'],
                    [t('staffing.position.programme'), item.fundingProgramme || '–'],
                    [
                      t('staffing.position.fundingPeriod'),
                      `${day(item.fundedFrom)} – ${day(item.fundedUntil)}`,
                    ],
                  ].map(([label, value]) => (
                    <Table.Tr key={label}>
                      <Table.Th w={240}>{label}</Table.Th>
                      <Table.Td>{value}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {can('staffing.manage') &&
                (editingPosition ? (
                  <PositionForm position={item} onDone={() => setEditingPosition(false)} />
                ) : (
                  <Group mt="sm">
                    <Button variant="light" onClick={() => setEditingPosition(true)}>
                      {t('staffing.positionForm.edit')}
                    </Button>
                  </Group>
                ))}
            </Card>
            <section aria-labelledby="position-contracts">
              <Group justify="space-between" align="flex-start" mb="sm">
                <Title order={3} size="h4" id="position-contracts">
                  {t('staffing.contract.listTitle')}
                </Title>
                {item.contracts.length > 0 && (
                  <ExportMenu
                    path="/contracts/export"
                    query={{ positionId: item.id }}
                    listName={t('staffing.contract.listTitle')}
                  />
                )}
              </Group>
              {item.contracts.length === 0 ? (
                <Text>{t('staffing.contract.none')}</Text>
              ) : (
                <Table.ScrollContainer minWidth={800}>
                  <Table striped>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('staffing.contract.staff')}</Table.Th>
                        <Table.Th scope="col">{t('staffing.contract.fte')}</Table.Th>
                        <Table.Th scope="col">{t('staffing.contract.startsOn')}</Table.Th>
                        <Table.Th scope="col">{t('staffing.contract.endsOn')}</Table.Th>
                        <Table.Th scope="col">{t('staffing.contract.fixedTermReason')}</Table.Th>
                        <Table.Th scope="col">{t('staffing.contract.actions')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {item.contracts.map((contract) => (
                        <Table.Tr key={contract.id}>
                          <Table.Td>{contract.staffName}</Table.Td>
                          <Table.Td>{fteFormat(contract.fte, i18n.language)}</Table.Td>
                          <Table.Td>{day(contract.startsOn)}</Table.Td>
                          <Table.Td>
                            {contract.endsOn ? day(contract.endsOn) : t('staffing.contract.openEnded')}
                            {contract.plannedDeparture && (
                              <Text size="sm" fw={700} c={statusColors.warning}>
                                {t('staffing.contract.leaves', {
                                  date: day(contract.plannedDeparture.leavesOn),
                                })}
                              </Text>
                            )}
                          </Table.Td>
                          <Table.Td>{contract.fixedTermReason || '–'}</Table.Td>
                          <Table.Td>
                            {can('staffing.manage') && (
                              <Button
                                size="xs"
                                variant="light"
                                onClick={() => setEditing(contract.id)}
                                aria-label={t('staffing.contract.editTitle', { name: contract.staffName })}
                              >
                                {t('staffing.contract.edit')}
                              </Button>
                            )}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
              {item.contracts
                .filter((contract) => contract.id === editing)
                .map((contract) => (
                  <Card withBorder mt="md" key={contract.id}>
                    <Title order={4} size="h5" mb="xs">
                      {t('staffing.contract.editTitle', { name: contract.staffName })}
                    </Title>
                    <ContractForm contract={contract} onDone={() => setEditing(null)} />
                  </Card>
                ))}
            </section>
            {can('staffing.manage') && (
              <Card withBorder component="section" aria-labelledby="position-new-contract">
                <Title order={3} size="h4" id="position-new-contract" mb="sm">
                  {t('staffing.contract.newTitle')}
                </Title>
                <NewContractForm positionId={item.id} />
              </Card>
            )}
            <Anchor component={Link} to="/staffing">
              {t('staffing.positions.back')}
            </Anchor>
          </>
        )}
      </QueryState>
    </Stack>
  )
}
