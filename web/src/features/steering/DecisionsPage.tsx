import { Anchor, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ExportMenu } from '../../components/ExportMenu.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { useCan } from '../../session.tsx'
import { formatDay } from '../casework/format.ts'
import { registerQuery } from './queries.ts'

/** The register of decisions (Beschlussregister): every decision of the district's bodies, searchable. */
export function DecisionsPage() {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const [search, setSearch] = useState('')
  const [q] = useDebouncedValue(search.trim(), 250)
  const params = new URLSearchParams({ limit: '100', ...(q ? { q } : {}) })
  const register = useQuery({ ...registerQuery(params), placeholderData: keepPreviousData })
  return (
    <Stack maw={1200} gap="md">
      <Group justify="space-between" align="flex-start">
        <Title order={2}>{t('steering.register.title')}</Title>
        <ExportMenu path="/decisions/export" query={{ q }} listName={t('steering.register.title')} />
      </Group>
      <TextInput
        label={t('steering.register.search')}
        description={t('steering.register.searchHint')}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        maxLength={200}
        w={420}
      />
      <QueryState query={register}>
        {(page) => (
          <Stack gap="xs">
            <Text size="sm" role="status">
              {t('steering.register.count', { count: page.total })}
            </Text>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('steering.decisions.number')}</Table.Th>
                  <Table.Th>{t('steering.decisions.text')}</Table.Th>
                  <Table.Th>{t('steering.register.body')}</Table.Th>
                  <Table.Th>{t('steering.register.decidedOn')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.items.map((entry) => (
                  <Table.Tr key={entry.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{entry.number}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{entry.text}</Text>
                      {entry.agendaItemTitle && (
                        <Text size="xs" c="dimmed">
                          {entry.agendaItemTitle}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {can('steering.read') ? (
                        <Anchor component={Link} to={`/steering/meetings/${entry.meetingId}`} size="sm">
                          {entry.bodyName}: {entry.meetingTitle}
                        </Anchor>
                      ) : (
                        <Group gap={4}>
                          <Text size="sm">
                            {entry.bodyName}: {entry.meetingTitle}
                          </Text>
                        </Group>
                      )}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatDay(entry.decidedOn, i18n.language)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
      </QueryState>
    </Stack>
  )
}
