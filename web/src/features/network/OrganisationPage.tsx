import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Dialog } from '../../components/Dialog.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { useSession } from '../../session.tsx'
import { formatInstantDay } from './format.ts'
import { ProfileForm } from './ProfileForm.tsx'
import { profileQuery, servicesQuery, useDistrictMunicipalities } from './queries.ts'
import { ServiceTable } from './ServiceTable.tsx'

/** One organisation of the directory: address, hours, contact persons and its services. */
export function OrganisationPage({ organisationId }: { organisationId: string }) {
  const { t, i18n } = useTranslation()
  const session = useSession()
  const profile = useQuery(profileQuery(organisationId))
  const services = useQuery(
    servicesQuery(new URLSearchParams({ organisationId, limit: '200', current: 'false' })),
  )
  const municipalities = useDistrictMunicipalities()
  const [editing, { open, close }] = useDisclosure()
  const [notice, setNotice] = useState('')

  return (
    <Stack gap="lg" maw={1200}>
      <Anchor component={Link} to="/partners" size="sm">
        ← {t('network.directory.back')}
      </Anchor>
      <QueryState query={profile}>
        {(entry) => (
          <Stack gap="lg">
            <Group justify="space-between" align="flex-start">
              <div>
                <Title order={2}>{entry.name}</Title>
                <Group gap="xs" mt={4}>
                  <Text c="dimmed">{t(`organisationKinds.${entry.kind}`)}</Text>
                  {entry.legalSpheres.map((sphere) => (
                    <Badge key={sphere} variant="light" color="gray" tt="none">
                      {sphere}
                    </Badge>
                  ))}
                </Group>
              </div>
              {entry.can.edit && (
                <Button
                  variant="light"
                  onClick={() => {
                    setNotice('')
                    open()
                  }}
                >
                  {t('network.directory.edit')}
                </Button>
              )}
            </Group>
            <Text size="sm" role="status" c="teal.9" fw={600}>
              {notice}
            </Text>
            {entry.version === 0 && <Text c="dimmed">{t('network.directory.noProfile')}</Text>}
            <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
              <Card withBorder>
                <Title order={3} size="h5" mb="xs">
                  {t('network.fields.address')}
                </Title>
                <Text>{entry.street || '–'}</Text>
                <Text>{[entry.postcode, entry.city].filter(Boolean).join(' ') || ''}</Text>
                {entry.phone && (
                  <Text mt="xs">
                    {t('network.fields.phone')}:{' '}
                    <Anchor href={`tel:${entry.phone.replace(/[^+\d]/g, '')}`}>{entry.phone}</Anchor>
                  </Text>
                )}
                {entry.email && (
                  <Text>
                    {t('network.fields.email')}: <Anchor href={`mailto:${entry.email}`}>{entry.email}</Anchor>
                  </Text>
                )}
                {entry.website && (
                  <Text>
                    <Anchor href={entry.website} target="_blank" rel="noreferrer">
                      {entry.website}
                    </Anchor>
                  </Text>
                )}
              </Card>
              <Card withBorder>
                <Title order={3} size="h5" mb="xs">
                  {t('network.fields.openingHours')}
                </Title>
                <Text style={{ whiteSpace: 'pre-line' }}>{entry.openingHours || '–'}</Text>
              </Card>
              <Card withBorder>
                <Title order={3} size="h5" mb="xs">
                  {t('network.fields.served')}
                </Title>
                <Text>
                  {entry.municipalityIds.length === 0
                    ? t('network.directory.noneServed')
                    : entry.municipalityIds.length === municipalities.all.length
                      ? t('network.directory.wholeDistrict')
                      : entry.municipalityIds
                          .map(municipalities.nameOf)
                          .sort((a, b) => a.localeCompare(b, 'de'))
                          .join(', ')}
                </Text>
              </Card>
            </SimpleGrid>
            <section aria-labelledby="contacts-heading">
              <Title order={3} size="h4" id="contacts-heading" mb="xs">
                {t('network.fields.contactPersons')}
              </Title>
              {entry.contactPersons.length === 0 ? (
                <Text c="dimmed">{t('network.directory.noContacts')}</Text>
              ) : (
                <Table withTableBorder striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('network.fields.name')}</Table.Th>
                      <Table.Th scope="col">{t('network.fields.function')}</Table.Th>
                      <Table.Th scope="col">{t('network.fields.phone')}</Table.Th>
                      <Table.Th scope="col">{t('network.fields.email')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {entry.contactPersons.map((person) => (
                      <Table.Tr key={person.id}>
                        <Table.Th scope="row" fw={500}>
                          {person.name}
                        </Table.Th>
                        <Table.Td>{person.function || '–'}</Table.Td>
                        <Table.Td>{person.phone || '–'}</Table.Td>
                        <Table.Td>
                          {person.email ? (
                            <Anchor href={`mailto:${person.email}`}>{person.email}</Anchor>
                          ) : (
                            '–'
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
              {entry.updatedAt && (
                <Text size="xs" c="dimmed" mt="xs">
                  {t('network.directory.updated', {
                    date: formatInstantDay(entry.updatedAt, i18n.language, session.user.districtTimeZone),
                  })}
                </Text>
              )}
            </section>
            <section aria-labelledby="services-heading">
              <Group justify="space-between" mb="xs">
                <Title order={3} size="h4" id="services-heading">
                  {t('network.fields.services')}
                </Title>
                <Anchor
                  size="sm"
                  renderRoot={(props) => <Link to="/services" search={{ organisationId }} {...props} />}
                >
                  {t('network.directory.showServices')}
                </Anchor>
              </Group>
              <QueryState query={services}>
                {(page) =>
                  page.items.length === 0 ? (
                    <Text c="dimmed">{t('network.directory.noServices')}</Text>
                  ) : (
                    <ServiceTable services={page.items} showOrganisation={false} />
                  )
                }
              </QueryState>
            </section>
            <Dialog
              opened={editing}
              onClose={close}
              title={t('network.directory.editTitle', { name: entry.name })}
            >
              <ProfileForm
                profile={entry}
                onDone={() => {
                  close()
                  setNotice(t('network.directory.saved'))
                }}
              />
            </Dialog>
          </Stack>
        )}
      </QueryState>
    </Stack>
  )
}
