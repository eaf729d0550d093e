import { Anchor, Group, Pagination, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { QueryState } from '../../components/QueryState.tsx'
import { districtQuery, municipalitiesQuery } from '../../queries.ts'

const pageSize = 25

export function DistrictPage({ districtId }: { districtId: string }) {
  const { t } = useTranslation()
  const district = useQuery(districtQuery(districtId))
  const [search, setSearch] = useState('')
  const [debouncedSearch] = useDebouncedValue(search.trim(), 250)
  const [page, setPage] = useState(1)
  const municipalities = useQuery(
    municipalitiesQuery(districtId, debouncedSearch, (page - 1) * pageSize, pageSize),
  )

  return (
    <Stack gap="md" maw={1000}>
      <Anchor component={Link} to="/districts" size="sm">
        ← {t('districts.back')}
      </Anchor>
      <QueryState query={district}>
        {(data) => (
          <>
            <Title order={2}>{data.name}</Title>
            <Text>
              {t(`districts.kind_${data.kind}`)} · {t('districts.code')} {data.code} · {t('districts.state')}{' '}
              {data.stateCode}
            </Text>
            <section aria-labelledby="municipalities-heading">
              <Title order={3} id="municipalities-heading" mb="sm">
                {t('districts.municipalitiesOf', { name: data.name })}
              </Title>
              <TextInput
                label={t('districts.searchMunicipality')}
                description={t('districts.searchHint')}
                type="search"
                value={search}
                onChange={(event) => {
                  setSearch(event.currentTarget.value)
                  setPage(1)
                }}
                maw={360}
                mb="sm"
              />
              <QueryState query={municipalities}>
                {(result) => (
                  <>
                    <Text size="sm" role="status" mb="xs">
                      {t('districts.total', { count: result.total })}
                    </Text>
                    {result.items.length === 0 ? (
                      <Text>{t('common.noResults')}</Text>
                    ) : (
                      <Table striped withTableBorder>
                        <Table.Thead>
                          <Table.Tr>
                            <Table.Th scope="col">{t('districts.name')}</Table.Th>
                            <Table.Th scope="col">{t('districts.code')}</Table.Th>
                          </Table.Tr>
                        </Table.Thead>
                        <Table.Tbody>
                          {result.items.map((municipality) => (
                            <Table.Tr key={municipality.id}>
                              <Table.Td>{municipality.name}</Table.Td>
                              <Table.Td>{municipality.code}</Table.Td>
                            </Table.Tr>
                          ))}
                        </Table.Tbody>
                      </Table>
                    )}
                    {result.total > pageSize && (
                      <Group mt="sm">
                        <Pagination
                          total={Math.ceil(result.total / pageSize)}
                          value={page}
                          onChange={setPage}
                          getControlProps={(control) => ({ 'aria-label': control })}
                        />
                      </Group>
                    )}
                  </>
                )}
              </QueryState>
            </section>
          </>
        )}
      </QueryState>
    </Stack>
  )
}
