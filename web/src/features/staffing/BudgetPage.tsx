import { Anchor, Group, Select, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { QueryState } from '../../components/QueryState.tsx'
import { todayIso } from '../casework/format.ts'
import { budgetQuery, fteFormat, numberFormat } from './queries.ts'
import { RateTables } from './RateTables.tsx'
import { StaffingNav } from './StaffingNav.tsx'

/** Personnel cost against funding for a fiscal year, per position and per Baustein, with the workbook. */
export function BudgetPage() {
  const { t, i18n } = useTranslation()
  const current = Number(todayIso().slice(0, 4))
  const [year, setYear] = useState(current)
  const budget = useQuery(budgetQuery(year))
  const euro = (value: number) => `${numberFormat(i18n.language).format(value)} €`
  const months = (value: number) => numberFormat(i18n.language, 1).format(value)
  const years = [current - 2, current - 1, current, current + 1, current + 2]
  return (
    <Stack maw={1300} gap="lg">
      <Title order={2}>{t('staffing.budget.title')}</Title>
      <StaffingNav />
      <Group align="flex-end">
        <Select
          label={t('staffing.budget.year')}
          data={years.map((value) => String(value))}
          value={String(year)}
          onChange={(value) => setYear(Number(value ?? current))}
          allowDeselect={false}
          w={140}
        />
        <Anchor href={`/api/budget.xlsx?year=${year}`} download>
          {t('staffing.budget.download', { year })}
        </Anchor>
      </Group>
      <Text size="sm" maw={820}>
        {t('staffing.budget.rule')}
      </Text>
      <QueryState query={budget}>
        {(figures) => (
          <>
            <section aria-labelledby="budget-bausteine">
              <Title order={3} size="h4" id="budget-bausteine" mb="sm">
                {t('staffing.budget.byBaustein')}
              </Title>
              <Table.ScrollContainer minWidth={800}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('staffing.position.baustein')}</Table.Th>
                      <Table.Th scope="col">{t('staffing.budget.fteMonthsAssigned')}</Table.Th>
                      <Table.Th scope="col">{t('staffing.budget.fteMonthsFunded')}</Table.Th>
                      <Table.Th scope="col">{t('staffing.budget.personnelCost')}</Table.Th>
                      <Table.Th scope="col">{t('staffing.budget.funding')}</Table.Th>
                      <Table.Th scope="col">{t('staffing.budget.districtShare')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {figures.bausteine.map((row) => (
                      <Table.Tr key={row.baustein}>
                        <Table.Th scope="row">
                          {row.bausteinNumber} · {t(`staffing.bausteine.${row.baustein}`)}
                        </Table.Th>
                        <Table.Td>{months(row.fteMonthsAssigned)}</Table.Td>
                        <Table.Td>{months(row.fteMonthsFunded)}</Table.Td>
                        <Table.Td>{euro(row.personnelCost)}</Table.Td>
                        <Table.Td>{euro(row.funding)}</Table.Td>
                        <Table.Td>{euro(row.districtShare)}</Table.Td>
                      </Table.Tr>
                    ))}
                    <Table.Tr fw={700}>
                      <Table.Th scope="row">{t('staffing.budget.total')}</Table.Th>
                      <Table.Td>{months(figures.totals.fteMonthsAssigned)}</Table.Td>
                      <Table.Td>{months(figures.totals.fteMonthsFunded)}</Table.Td>
                      <Table.Td>{euro(figures.totals.personnelCost)}</Table.Td>
                      <Table.Td>{euro(figures.totals.funding)}</Table.Td>
                      <Table.Td>{euro(figures.totals.districtShare)}</Table.Td>
                    </Table.Tr>
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </section>
            <section aria-labelledby="budget-positions">
              <Title order={3} size="h4" id="budget-positions" mb="sm">
                {t('staffing.budget.byPosition')}
              </Title>
              <Table.ScrollContainer minWidth={1000}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('staffing.position.title')}</Table.Th>
                      <Table.Th scope="col">{t('staffing.budget.fte')}</Table.Th>
                      <Table.Th scope="col">{t('staffing.position.payGrade')}</Table.Th>
                      <Table.Th scope="col">{t('staffing.budget.fteMonthsAssigned')}</Table.Th>
                      <Table.Th scope="col">{t('staffing.budget.personnelCost')}</Table.Th>
                      <Table.Th scope="col">{t('staffing.budget.funding')}</Table.Th>
                      <Table.Th scope="col">{t('staffing.budget.districtShare')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {figures.positions.map((row) => (
                      <Table.Tr key={row.positionId}>
                        <Table.Th scope="row">{row.title}</Table.Th>
                        <Table.Td>{fteFormat(row.fte, i18n.language)}</Table.Td>
                        <Table.Td>
                          {row.payGrade || '–'}
                          {row.missingPayGrade && ` (${t('staffing.budget.missingPayGrade')})`}
                        </Table.Td>
                        <Table.Td>{months(row.fteMonthsAssigned)}</Table.Td>
                        <Table.Td>{euro(row.personnelCost)}</Table.Td>
                        <Table.Td>{euro(row.funding)}</Table.Td>
                        <Table.Td>{euro(row.districtShare)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </section>
          </>
        )}
      </QueryState>
      <RateTables />
    </Stack>
  )
}
