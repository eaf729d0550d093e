import {
  Button,
  Checkbox,
  Group,
  Pagination,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { serviceDomains, targetGroups } from '../../../../common/network.ts'
import { statusColors } from '../../colors.ts'
import { Dialog } from '../../components/Dialog.tsx'
import { ExportMenu } from '../../components/ExportMenu.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { useCan } from '../../session.tsx'
import { overviewQuery, servicesQuery, useDistrictMunicipalities, useOrganisationOptions } from './queries.ts'
import { ServiceForm } from './ServiceForm.tsx'
import { ServiceTable } from './ServiceTable.tsx'

const pageSize = 25

/** Per municipality, the count of current services in each domain; a click filters the list below. */
function OverviewGrid({ onPick }: { onPick: (municipalityId: string, domain: string | null) => void }) {
  const { t } = useTranslation()
  const overview = useQuery(overviewQuery)
  const max = Math.max(
    1,
    ...(overview.data?.municipalities ?? []).flatMap((row) => Object.values(row.byDomain)),
  )
  return (
    <QueryState query={overview}>
      {(data) => (
        // Twelve domains side by side: the headers stand upright, so that the grid fits the page
        // beside the navigation (1366 px screens) instead of hiding its last columns off to the right.
        <Table.ScrollContainer minWidth={720} type="native">
          <Table
            withTableBorder
            withColumnBorders
            fz="xs"
            verticalSpacing={4}
            horizontalSpacing={6}
            style={{ width: 'auto' }}
          >
            <Table.Caption>{t('network.services.overviewCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" style={{ verticalAlign: 'bottom' }}>
                  {t('network.fields.municipality')}
                </Table.Th>
                <Table.Th scope="col" ta="end" maw={90} style={{ verticalAlign: 'bottom' }}>
                  {t('network.services.total')}
                </Table.Th>
                {serviceDomains.map((domain) => (
                  <Table.Th key={domain} scope="col" w={48} style={{ verticalAlign: 'bottom' }}>
                    <span
                      style={{
                        writingMode: 'vertical-rl',
                        transform: 'rotate(180deg)',
                        whiteSpace: 'nowrap',
                        display: 'inline-block',
                      }}
                    >
                      {t(`casework.domains.${domain}`)}
                    </span>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.municipalities.map((row) => (
                <Table.Tr key={row.municipalityId}>
                  <Table.Th scope="row">
                    <UnstyledButton
                      onClick={() => onPick(row.municipalityId, null)}
                      aria-label={t('network.services.filterByMunicipality', { name: row.name })}
                      fz="xs"
                      td="underline"
                    >
                      {row.name}
                    </UnstyledButton>
                  </Table.Th>
                  <Table.Td ta="end" fw={600}>
                    {row.total}
                  </Table.Td>
                  {serviceDomains.map((domain) => {
                    const count = row.byDomain[domain]
                    const shade = 0.12 + (count / max) * 0.78
                    return (
                      <Table.Td
                        key={domain}
                        ta="center"
                        p={0}
                        style={{
                          // Darker for more services. Black text below a shade of 0.695, white from there: both
                          // keep at least 4.5:1 against the blend of this teal with the white page.
                          background: count === 0 ? undefined : `rgba(12, 64, 84, ${shade})`,
                          color: shade >= 0.695 ? '#fff' : '#000',
                        }}
                      >
                        {count === 0 ? (
                          ''
                        ) : (
                          <UnstyledButton
                            w="100%"
                            py={4}
                            ta="center"
                            display="block"
                            fz="xs"
                            c="inherit"
                            fw={600}
                            onClick={() => onPick(row.municipalityId, domain)}
                            aria-label={t('network.services.cellLabel', {
                              count,
                              domain: t(`casework.domains.${domain}`),
                              municipality: row.name,
                            })}
                          >
                            {count}
                          </UnstyledButton>
                        )}
                      </Table.Td>
                    )
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </QueryState>
  )
}

export type ServiceMapSearch = { organisationId?: string; municipalityId?: string }

/** The service map (Angebotslandkarte): the overview by municipality, then the filtered list. */
export function ServiceMapPage({ initial = {} }: { initial?: ServiceMapSearch }) {
  const { t } = useTranslation()
  const can = useCan()
  const municipalities = useDistrictMunicipalities()
  const organisations = useOrganisationOptions()
  const [search, setSearch] = useState('')
  const [organisationId, setOrganisationId] = useState<string | null>(initial.organisationId ?? null)
  const [municipalityId, setMunicipalityId] = useState<string | null>(initial.municipalityId ?? null)
  const [domain, setDomain] = useState<string | null>(null)
  const [targetGroup, setTargetGroup] = useState<string | null>(null)
  const [showEnded, setShowEnded] = useState(false)
  const [page, setPage] = useState(1)
  const [adding, setAdding] = useState(false)
  const [notice, setNotice] = useState('')
  const [debounced] = useDebouncedValue(search.trim(), 250)
  const params = new URLSearchParams({ limit: String(pageSize), offset: String((page - 1) * pageSize) })
  if (debounced) params.set('q', debounced.slice(0, 100))
  if (organisationId) params.set('organisationId', organisationId)
  if (municipalityId) params.set('municipalityId', municipalityId)
  if (domain) params.set('domain', domain)
  if (targetGroup) params.set('targetGroup', targetGroup)
  if (showEnded) params.set('current', 'false')
  const services = useQuery(servicesQuery(params))
  const filter =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value)
      setPage(1)
    }

  return (
    <Stack gap="lg" maw={1400}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t('network.services.title')}</Title>
          <Text mt="xs" maw={760}>
            {t('network.services.intro')}
          </Text>
        </div>
        {can('service.edit') ? (
          <Button
            onClick={() => {
              setNotice('')
              setAdding(true)
            }}
          >
            {t('network.services.add')}
          </Button>
        ) : null}
      </Group>
      <Text size="sm" role="status" c={statusColors.positive} fw={600}>
        {notice}
      </Text>
      <section aria-labelledby="overview-heading">
        <Title order={3} size="h4" id="overview-heading" mb="xs">
          {t('network.services.overview')}
        </Title>
        <OverviewGrid
          onPick={(municipality, pickedDomain) => {
            setMunicipalityId(municipality)
            setDomain(pickedDomain)
            setPage(1)
            document.getElementById('service-list-heading')?.scrollIntoView({ behavior: 'smooth' })
          }}
        />
      </section>
      <section aria-labelledby="service-list-heading">
        <Group justify="space-between" align="flex-start" mb="xs">
          <Title order={3} size="h4" id="service-list-heading">
            {t('network.services.list')}
          </Title>
          <ExportMenu
            path="/services/export"
            query={Object.fromEntries([...params].filter(([key]) => key !== 'limit' && key !== 'offset'))}
            listName={t('network.services.list')}
          />
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3, lg: 6 }} spacing="sm" mb="sm" role="search">
          <TextInput
            type="search"
            label={t('network.fields.search')}
            value={search}
            maxLength={100}
            onChange={(event) => {
              setSearch(event.currentTarget.value)
              setPage(1)
            }}
          />
          <Select
            label={t('network.fields.organisation')}
            placeholder={t('network.fields.allOrganisations')}
            data={organisations}
            value={organisationId}
            onChange={filter(setOrganisationId)}
            searchable
            clearable
          />
          <Select
            label={t('network.fields.municipality')}
            placeholder={t('network.fields.allMunicipalities')}
            data={municipalities.options}
            value={municipalityId}
            onChange={filter(setMunicipalityId)}
            searchable
            clearable
          />
          <Select
            label={t('network.fields.domain')}
            placeholder={t('network.fields.allDomains')}
            data={serviceDomains.map((value) => ({ value, label: t(`casework.domains.${value}`) }))}
            value={domain}
            onChange={filter(setDomain)}
            clearable
          />
          <Select
            label={t('network.fields.targetGroup')}
            placeholder={t('network.fields.allTargetGroups')}
            data={targetGroups.map((value) => ({ value, label: t(`network.targetGroups.${value}`) }))}
            value={targetGroup}
            onChange={filter(setTargetGroup)}
            clearable
          />
          <Checkbox
            label={t('network.fields.showEnded')}
            checked={showEnded}
            onChange={(event) => filter(setShowEnded)(event.currentTarget.checked)}
            mt={{ base: 0, lg: 30 }}
          />
        </SimpleGrid>
        <QueryState query={services}>
          {(result) =>
            result.items.length === 0 ? (
              <Text role="status">{t('network.services.none')}</Text>
            ) : (
              <Stack gap="sm">
                <Text size="sm" role="status">
                  {t('network.services.count', { count: result.total })}
                </Text>
                <ServiceTable services={result.items} />
                {result.total > pageSize && (
                  <Pagination
                    total={Math.ceil(result.total / pageSize)}
                    value={page}
                    onChange={setPage}
                    getControlProps={(control) => ({
                      'aria-label': t(`casework.list.pagination.${control}`),
                    })}
                    getItemProps={(item) => ({
                      'aria-label': t('casework.list.pagination.page', { page: item }),
                    })}
                  />
                )}
              </Stack>
            )
          }
        </QueryState>
      </section>
      <Dialog opened={adding} onClose={() => setAdding(false)} title={t('network.services.addTitle')}>
        {adding && (
          <ServiceForm
            onDone={(message) => {
              setAdding(false)
              setNotice(message)
            }}
          />
        )}
      </Dialog>
    </Stack>
  )
}
