import { Anchor, Group, Select, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ExportMenu } from '../../components/ExportMenu.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { formatDay } from '../casework/format.ts'
import { fteFormat, warningsQuery } from './queries.ts'
import { StaffingNav } from './StaffingNav.tsx'

const horizons = [3, 6, 9, 12, 18, 24]

/** Every early warning within a chosen horizon, by date: what ends, falls vacant or runs out of funding. */
export function WarningsPage() {
  const { t, i18n } = useTranslation()
  const [horizon, setHorizon] = useState(6)
  const warnings = useQuery(warningsQuery(horizon))
  return (
    <Stack maw={1200} gap="lg">
      <Group justify="space-between">
        <Title order={2}>{t('staffing.warnings.title')}</Title>
        <ExportMenu
          path="/staffing/warnings/export"
          query={{ horizonMonths: horizon }}
          listName={t('staffing.warnings.title')}
        />
      </Group>
      <StaffingNav />
      <Select
        label={t('staffing.warnings.horizon')}
        data={horizons.map((months) => ({
          value: String(months),
          label: t('staffing.warnings.months', { count: months }),
        }))}
        value={String(horizon)}
        onChange={(value) => setHorizon(Number(value ?? 6))}
        allowDeselect={false}
        w={220}
      />
      <QueryState query={warnings}>
        {(list) => (
          <>
            <Text>
              {t('staffing.warnings.summary', {
                count: list.items.length,
                from: formatDay(list.today, i18n.language),
                until: formatDay(list.until, i18n.language),
              })}
            </Text>
            {list.items.length > 0 && (
              <Table.ScrollContainer minWidth={800}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('staffing.warnings.date')}</Table.Th>
                      <Table.Th scope="col">{t('staffing.warnings.kind')}</Table.Th>
                      <Table.Th scope="col">{t('staffing.position.title')}</Table.Th>
                      <Table.Th scope="col">{t('staffing.contract.staff')}</Table.Th>
                      <Table.Th scope="col">{t('staffing.position.fte')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {list.items.map((item) => (
                      <Table.Tr key={`${item.kind}-${item.positionId}-${item.contractId ?? ''}-${item.date}`}>
                        <Table.Td>{formatDay(item.date, i18n.language)}</Table.Td>
                        <Table.Td>
                          {t(`staffing.warningKinds.${item.kind}`)}
                          {item.plannedDeparture && ` (${t('staffing.warnings.plannedDeparture')})`}
                        </Table.Td>
                        <Table.Td>
                          <Anchor component={Link} to={`/staffing/positions/${item.positionId}`}>
                            {item.positionTitle}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{item.staffName ?? '–'}</Table.Td>
                        <Table.Td>
                          {item.assignedFte === null
                            ? fteFormat(item.fte, i18n.language)
                            : `${fteFormat(item.assignedFte, i18n.language)} / ${fteFormat(item.fte, i18n.language)}`}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </>
        )}
      </QueryState>
    </Stack>
  )
}
