import { Anchor, Badge, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { legalSpheres, organisationKinds } from '../../../../common/identity.ts'
import { ExportMenu } from '../../components/ExportMenu.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { directoryQuery, useDistrictMunicipalities } from './queries.ts'

/** The partner directory: every organisation of the district, searched and filtered. */
export function DirectoryPage() {
  const { t } = useTranslation()
  const municipalities = useDistrictMunicipalities()
  const [search, setSearch] = useState('')
  const [kind, setKind] = useState<string | null>(null)
  const [legalSphere, setLegalSphere] = useState<string | null>(null)
  const [municipalityId, setMunicipalityId] = useState<string | null>(null)
  const [debounced] = useDebouncedValue(search.trim(), 250)
  const params = new URLSearchParams()
  if (debounced) params.set('q', debounced.slice(0, 100))
  if (kind) params.set('kind', kind)
  if (legalSphere) params.set('legalSphere', legalSphere)
  if (municipalityId) params.set('municipalityId', municipalityId)
  const directory = useQuery(directoryQuery(params))

  return (
    <Stack gap="lg" maw={1200}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t('network.directory.title')}</Title>
          <Text mt="xs" maw={760}>
            {t('network.directory.intro')}
          </Text>
        </div>
        <ExportMenu
          path="/directory/export"
          query={Object.fromEntries(params)}
          listName={t('network.directory.title')}
        />
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" role="search">
        <TextInput
          type="search"
          label={t('network.fields.search')}
          placeholder={t('network.directory.searchPlaceholder')}
          value={search}
          maxLength={100}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
        <Select
          label={t('network.fields.kind')}
          placeholder={t('network.fields.allKinds')}
          data={organisationKinds.map((value) => ({ value, label: t(`organisationKinds.${value}`) }))}
          value={kind}
          onChange={setKind}
          clearable
        />
        <Select
          label={t('network.fields.legalSphere')}
          placeholder={t('network.fields.allSpheres')}
          data={[...legalSpheres]}
          value={legalSphere}
          onChange={setLegalSphere}
          clearable
        />
        <Select
          label={t('network.fields.municipality')}
          placeholder={t('network.fields.allMunicipalities')}
          data={municipalities.options}
          value={municipalityId}
          onChange={setMunicipalityId}
          searchable
          clearable
        />
      </SimpleGrid>
      <QueryState query={directory}>
        {(list) =>
          list.items.length === 0 ? (
            <Text role="status">{t('network.directory.none')}</Text>
          ) : (
            <Table withTableBorder striped highlightOnHover>
              <Table.Caption>{t('network.directory.count', { count: list.total })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('network.fields.organisation')}</Table.Th>
                  <Table.Th scope="col">{t('network.fields.kind')}</Table.Th>
                  <Table.Th scope="col">{t('network.fields.legalSpheres')}</Table.Th>
                  <Table.Th scope="col">{t('network.fields.city')}</Table.Th>
                  <Table.Th scope="col">{t('network.fields.served')}</Table.Th>
                  <Table.Th scope="col" ta="end">
                    {t('network.directory.contactCount')}
                  </Table.Th>
                  <Table.Th scope="col" ta="end">
                    {t('network.directory.serviceCount')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Th scope="row" fw={500}>
                      <Anchor component={Link} to={`/partners/${item.id}`}>
                        {item.name}
                      </Anchor>
                    </Table.Th>
                    <Table.Td>{t(`organisationKinds.${item.kind}`)}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {item.legalSpheres.map((sphere) => (
                          <Badge key={sphere} variant="light" color="gray" tt="none">
                            {sphere}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>{item.city || '–'}</Table.Td>
                    <Table.Td>
                      {item.municipalityIds.length === 0
                        ? '–'
                        : item.municipalityIds.length === municipalities.all.length
                          ? t('network.directory.wholeDistrict')
                          : item.municipalityIds
                              .map(municipalities.nameOf)
                              .sort((a, b) => a.localeCompare(b, 'de'))
                              .join(', ')}
                    </Table.Td>
                    <Table.Td ta="end">{item.contactPersonCount}</Table.Td>
                    <Table.Td ta="end">{item.serviceCount}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryState>
    </Stack>
  )
}
