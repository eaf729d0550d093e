import { Anchor, Stack, Table, Text, UnstyledButton } from '@mantine/core'
import { Link } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaseSummary } from '../../../../common/casework.ts'
import { OverdueCount, PhaseBadge } from '../casework/bits.tsx'
import { formatBirthDate, formatDay, personName } from '../casework/format.ts'
import type { CaseListSearch, CaseSort } from './case-search.ts'

type SortState = { sort: CaseSort; direction: 'asc' | 'desc' }

/** A column header that sorts: a real button, with the sort order announced through aria-sort. */
function SortHeader({
  column,
  state,
  onSort,
  children,
}: {
  column: CaseSort
  state: SortState
  onSort: (changes: Partial<CaseListSearch>) => void
  children: ReactNode
}) {
  const { t } = useTranslation()
  const active = state.sort === column
  const next = active && state.direction === 'asc' ? 'desc' : 'asc'
  return (
    <Table.Th
      scope="col"
      aria-sort={active ? (state.direction === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <UnstyledButton
        onClick={() => onSort({ sort: column, direction: next })}
        fw={700}
        fz="sm"
        title={t(next === 'asc' ? 'casework.list.sortAsc' : 'casework.list.sortDesc')}
      >
        {children}
        <span aria-hidden="true">{active ? (state.direction === 'asc' ? ' ▲' : ' ▼') : ' ↕'}</span>
      </UnstyledButton>
    </Table.Th>
  )
}

export function CaseTable({
  cases,
  caption,
  sort,
  onSort,
}: {
  cases: CaseSummary[]
  caption: string
  sort: SortState
  onSort: (changes: Partial<CaseListSearch>) => void
}) {
  const { t, i18n } = useTranslation()
  const language = i18n.language
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped withTableBorder verticalSpacing="xs">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <SortHeader column="reference" state={sort} onSort={onSort}>
              {t('casework.fields.reference')}
            </SortHeader>
            <SortHeader column="name" state={sort} onSort={onSort}>
              {t('casework.fields.persons')}
            </SortHeader>
            <SortHeader column="phase" state={sort} onSort={onSort}>
              {t('casework.fields.phase')}
            </SortHeader>
            <Table.Th scope="col">{t('casework.fields.municipality')}</Table.Th>
            <Table.Th scope="col">{t('casework.fields.managers')}</Table.Th>
            <SortHeader column="last-contact" state={sort} onSort={onSort}>
              {t('casework.fields.lastContact')}
            </SortHeader>
            <Table.Th scope="col">{t('casework.fields.overdueTasks')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {cases.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>
                <Anchor component={Link} to={`/cases/${item.id}`} fw={600}>
                  {item.reference}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {t('casework.list.openedOn', { date: formatDay(item.openedOn, language) })}
                </Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  {item.persons.map((person) => (
                    <Text size="sm" key={person.id}>
                      {personName(person)}{' '}
                      <Text span size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                        {t('casework.list.born', { date: formatBirthDate(person.birthDate, language) })}
                      </Text>
                    </Text>
                  ))}
                </Stack>
              </Table.Td>
              <Table.Td>
                <PhaseBadge phase={item.phase} />
              </Table.Td>
              <Table.Td>{item.municipalityName}</Table.Td>
              <Table.Td>{item.managers.map((manager) => manager.displayName).join(', ') || '–'}</Table.Td>
              <Table.Td>
                {item.lastContactOn ? formatDay(item.lastContactOn, language) : t('casework.list.noContact')}
              </Table.Td>
              <Table.Td>
                <OverdueCount count={item.overdueTaskCount} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
