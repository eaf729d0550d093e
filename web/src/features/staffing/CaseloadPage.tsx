import { Group, Select, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Caseload, CaseloadRow } from '../../../../common/staffing.ts'
import { apiGet } from '../../api.ts'
import { ExportMenu } from '../../components/ExportMenu.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { fteFormat, numberFormat, staffingKeys } from './queries.ts'
import { StaffingNav } from './StaffingNav.tsx'

/** One month's rows of one grouping; the district's row first and in bold. */
function CaseloadTable({
  caption,
  groupLabel,
  rows,
}: {
  caption: string
  groupLabel: string
  rows: CaseloadRow[]
}) {
  const { t, i18n } = useTranslation()
  const count = (value: number | null) => (value === null ? t('staffing.caseload.withheld') : String(value))
  const ratio = (value: number | null) =>
    value === null ? '–' : numberFormat(i18n.language, 1).format(value)
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped captionSide="top">
        <Table.Caption>
          <Title order={3} size="h4" ta="left">
            {caption}
          </Title>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{groupLabel}</Table.Th>
            <Table.Th scope="col">{t('staffing.caseload.activeCases')}</Table.Th>
            <Table.Th scope="col">{t('staffing.caseload.contacts')}</Table.Th>
            <Table.Th scope="col">{t('staffing.caseload.fte')}</Table.Th>
            <Table.Th scope="col">{t('staffing.caseload.casesPerFte')}</Table.Th>
            <Table.Th scope="col">{t('staffing.caseload.contactsPerFte')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr
              key={row.municipalityId ?? row.teamId ?? 'district'}
              fw={row.by === 'district' ? 700 : undefined}
            >
              <Table.Th scope="row">
                {row.municipalityName ?? row.teamName ?? t('staffing.caseload.district')}
              </Table.Th>
              <Table.Td>{count(row.activeCases)}</Table.Td>
              <Table.Td>{count(row.contacts)}</Table.Td>
              <Table.Td>{fteFormat(row.fte, i18n.language)}</Table.Td>
              <Table.Td>{ratio(row.casesPerFte)}</Table.Td>
              <Table.Td>{ratio(row.contactsPerFte)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

/** Active cases and contacts per case-management FTE, per municipality and per team, for a chosen month. */
export function CaseloadPage() {
  const { t, i18n } = useTranslation()
  const caseload = useQuery({
    queryKey: [...staffingKeys.all, 'caseload'],
    queryFn: ({ signal }) => apiGet<Caseload>('/staffing/caseload?months=12', signal),
  })
  const [month, setMonth] = useState<string | null>(null)
  const monthName = (value: string) =>
    new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'de-DE', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${value}-01T00:00:00Z`))
  return (
    <Stack maw={1200} gap="lg">
      <Group justify="space-between">
        <Title order={2}>{t('staffing.caseload.title')}</Title>
        <ExportMenu
          path="/staffing/caseload/export"
          query={{ months: 12 }}
          listName={t('staffing.caseload.title')}
        />
      </Group>
      <StaffingNav />
      <QueryState query={caseload}>
        {(data) => {
          const shown = month ?? data.months.at(-1) ?? ''
          const rows = data.rows.filter((row) => row.month === shown)
          return (
            <>
              <Select
                label={t('staffing.caseload.month')}
                data={[...data.months].reverse().map((value) => ({ value, label: monthName(value) }))}
                value={shown}
                onChange={setMonth}
                allowDeselect={false}
                w={240}
              />
              <Text size="sm">{t('staffing.caseload.hint', { count: data.minimumCount })}</Text>
              <CaseloadTable
                caption={t('staffing.caseload.byMunicipality')}
                groupLabel={t('staffing.position.area')}
                rows={rows.filter((row) => row.by !== 'team')}
              />
              <CaseloadTable
                caption={t('staffing.caseload.byTeam')}
                groupLabel={t('staffing.caseload.team')}
                rows={rows.filter((row) => row.by === 'team')}
              />
              <Text size="sm">{t('staffing.caseload.teamHint')}</Text>
            </>
          )
        }}
      </QueryState>
    </Stack>
  )
}
