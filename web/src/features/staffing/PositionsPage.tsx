import { Anchor, Badge, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type Baustein, bausteine, bausteinNumber } from '../../../../common/staffing.ts'
import { ExportMenu } from '../../components/ExportMenu.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { useCan } from '../../session.tsx'
import { formatDay } from '../casework/format.ts'
import { PositionForm } from './PositionForm.tsx'
import { fteFormat, positionsQuery, stateColor } from './queries.ts'
import { StaffingNav } from './StaffingNav.tsx'

/** The district's positions by Baustein with their state today and who holds them. */
export function PositionsPage() {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const positions = useQuery(positionsQuery)
  const [baustein, setBaustein] = useState<Baustein | null>(null)
  return (
    <Stack maw={1200} gap="lg">
      <Group justify="space-between" align="flex-start">
        <Title order={2}>{t('staffing.positions.title')}</Title>
        <Stack gap="xs" align="flex-end">
          <ExportMenu path="/positions/export" listName={t('staffing.positions.title')} showName />
          <ExportMenu path="/contracts/export" listName={t('staffing.contract.listTitle')} showName />
        </Stack>
      </Group>
      <StaffingNav />
      <Select
        label={t('staffing.filter.baustein')}
        data={bausteine.map((value) => ({ value, label: t(`staffing.bausteine.${value}`) }))}
        value={baustein}
        onChange={(value) => setBaustein(value as Baustein | null)}
        clearable
        w={320}
      />
      <QueryState query={positions}>
        {({ items }) => {
          const shown = items.filter((item) => baustein === null || item.baustein === baustein)
          return shown.length === 0 ? (
            <Text>{t('staffing.positions.none')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={900}>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('staffing.position.title')}</Table.Th>
                    <Table.Th scope="col">{t('staffing.position.baustein')}</Table.Th>
                    <Table.Th scope="col">{t('staffing.position.fte')}</Table.Th>
                    <Table.Th scope="col">{t('staffing.position.employer')}</Table.Th>
                    <Table.Th scope="col">{t('staffing.position.state')}</Table.Th>
                    <Table.Th scope="col">{t('staffing.position.holders')}</Table.Th>
                    <Table.Th scope="col">{t('staffing.position.fundedUntil')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {shown.map((item) => (
                    <Table.Tr key={item.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/staffing/positions/${item.id}`}>
                          {item.title}
                        </Anchor>
                        {item.municipalityName && (
                          <Text size="xs" c="dimmed">
                            {item.municipalityName}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {bausteinNumber[item.baustein]} · {t(`staffing.bausteine.${item.baustein}`)}
                      </Table.Td>
                      <Table.Td>
                        {fteFormat(item.assignedFte, i18n.language)} / {fteFormat(item.fte, i18n.language)}
                      </Table.Td>
                      <Table.Td>
                        {item.employerOrganisationName ?? t(`staffing.employers.${item.employerKind}`)}
                      </Table.Td>
                      <Table.Td>
                        <Badge color={stateColor[item.state]} variant="filled">
                          {t(`staffing.states.${item.state}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{item.holders.join(', ') || '–'}</Table.Td>
                      <Table.Td>{formatDay(item.fundedUntil, i18n.language)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }}
      </QueryState>
      {can('staffing.manage') && (
        <Card withBorder component="section" aria-labelledby="positions-new">
          <Title order={3} size="h4" id="positions-new" mb="sm">
            {t('staffing.positionForm.newTitle')}
          </Title>
          <PositionForm />
        </Card>
      )}
    </Stack>
  )
}
