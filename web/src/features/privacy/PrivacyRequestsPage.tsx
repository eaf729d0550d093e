import { Anchor, Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RequestSubject } from '../../../../common/privacy-requests.ts'
import { apiGet } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { QueryState } from '../../components/QueryState.tsx'
import { formatDate } from '../../i18n.ts'

/** Requests of data subjects: the data protection officer finds the person a request is about. */
export function PrivacyRequestsPage() {
  const { t, i18n } = useTranslation()
  const [text, setText] = useState('')
  const [query, setQuery] = useState('')
  const subjects = useQuery({
    queryKey: ['privacy-requests', 'subjects', query],
    queryFn: ({ signal }) =>
      apiGet<RequestSubject[]>(`/privacy-requests/subjects?${new URLSearchParams({ q: query })}`, signal),
    enabled: query.length >= 2,
  })
  return (
    <Stack gap="md" maw={1000}>
      <Title order={2}>{t('disclosure.requests.title')}</Title>
      <Text>{t('disclosure.requests.intro')}</Text>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          setQuery(text.trim())
        }}
      >
        <Group align="flex-end">
          <TextInput
            label={t('disclosure.requests.search')}
            description={t('disclosure.requests.searchHint')}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            minLength={2}
            maxLength={100}
            w={320}
          />
          <Button type="submit" disabled={text.trim().length < 2}>
            {t('disclosure.requests.find')}
          </Button>
        </Group>
      </form>
      {query.length >= 2 && (
        <QueryState query={subjects}>
          {(rows) =>
            rows.length === 0 ? (
              <Text>{t('disclosure.requests.none')}</Text>
            ) : (
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('disclosure.person.name')}</Table.Th>
                    <Table.Th>{t('disclosure.person.birthDate')}</Table.Th>
                    <Table.Th>{t('disclosure.person.city')}</Table.Th>
                    <Table.Th>{t('disclosure.restriction.state')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((row) => (
                    <Table.Tr key={row.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/privacy-requests/${row.id}`}>
                          {row.familyName}, {row.givenNames}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{formatDate(row.birthDate, i18n.language)}</Table.Td>
                      <Table.Td>{row.city}</Table.Td>
                      <Table.Td>
                        {row.processingRestricted ? (
                          <Badge color={statusColors.warning}>{t('disclosure.restriction.restricted')}</Badge>
                        ) : (
                          t('disclosure.restriction.notRestricted')
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )
          }
        </QueryState>
      )}
    </Stack>
  )
}
