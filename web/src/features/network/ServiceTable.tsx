import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Service } from '../../../../common/network.ts'
import { Dialog } from '../../components/Dialog.tsx'
import { useSession } from '../../session.tsx'
import { formatDay, languageName } from './format.ts'
import { useDistrictMunicipalities } from './queries.ts'
import { ServiceForm } from './ServiceForm.tsx'

/** The period of a service in words: "seit 01.01.2026", "bis 31.12.2027", or both, or open-ended. */
function Period({ service }: { service: Service }) {
  const { t, i18n } = useTranslation()
  const session = useSession()
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: session.user.districtTimeZone }).format(
    new Date(),
  )
  const { startsOn, endsOn } = service
  const ended = endsOn !== null && endsOn < today
  const text =
    startsOn && endsOn
      ? `${formatDay(startsOn, i18n.language)} – ${formatDay(endsOn, i18n.language)}`
      : startsOn
        ? t('network.services.since', { date: formatDay(startsOn, i18n.language) })
        : endsOn
          ? t('network.services.until', { date: formatDay(endsOn, i18n.language) })
          : t('network.services.openEnded')
  return (
    <Group gap={4} wrap="nowrap">
      <Text size="sm">{text}</Text>
      {ended && (
        <Badge color="gray.8" variant="filled" size="sm">
          {t('network.services.ended')}
        </Badge>
      )}
    </Group>
  )
}

/** Services as a table; each row offers its edit dialog where the user may edit it. */
export function ServiceTable({
  services,
  showOrganisation = true,
}: {
  services: Service[]
  showOrganisation?: boolean
}) {
  const { t, i18n } = useTranslation()
  const municipalities = useDistrictMunicipalities()
  const [editing, setEditing] = useState<Service | null>(null)
  const places = (ids: string[]) =>
    ids.length === municipalities.all.length
      ? t('network.directory.wholeDistrict')
      : ids
          .map(municipalities.nameOf)
          .sort((a, b) => a.localeCompare(b, 'de'))
          .join(', ')
  return (
    <>
      {/* Focusable and named, so that a keyboard can scroll the wide table when it has no button to
          land on (a reader without the right to edit). */}
      <Table.ScrollContainer
        minWidth={900}
        type="native"
        tabIndex={0}
        role="region"
        aria-label={t('network.services.list')}
      >
        <Table withTableBorder striped verticalSpacing="sm" aria-label={t('network.services.list')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('network.fields.service')}</Table.Th>
              {showOrganisation && <Table.Th scope="col">{t('network.fields.organisation')}</Table.Th>}
              <Table.Th scope="col">{t('network.fields.domains')}</Table.Th>
              <Table.Th scope="col">{t('network.fields.targetGroups')}</Table.Th>
              <Table.Th scope="col">{t('network.fields.municipalities')}</Table.Th>
              <Table.Th scope="col">{t('network.fields.languages')}</Table.Th>
              <Table.Th scope="col">{t('network.fields.period')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {services.map((service) => (
              <Table.Tr key={service.id}>
                <Table.Th scope="row" fw={500} maw={280}>
                  <Stack gap={2}>
                    <span>{service.name}</span>
                    {service.eligibility && (
                      <Text size="xs" c="dimmed" fw={400}>
                        {t('network.fields.eligibility')}: {service.eligibility}
                      </Text>
                    )}
                    {service.contact && (
                      <Text size="xs" c="dimmed" fw={400}>
                        {t('network.fields.contact')}: {service.contact}
                      </Text>
                    )}
                    {/* In the service's own cell, not a column of its own: the table then fits the
                        page beside the navigation without scrolling sideways. */}
                    {service.can.edit && (
                      <Button
                        variant="subtle"
                        size="compact-xs"
                        w="fit-content"
                        px={0}
                        aria-label={t('network.services.editNamed', { name: service.name })}
                        onClick={() => setEditing(service)}
                      >
                        {t('network.services.edit')}
                      </Button>
                    )}
                  </Stack>
                </Table.Th>
                {showOrganisation && <Table.Td>{service.organisationName}</Table.Td>}
                <Table.Td>
                  {service.domains.map((domain) => t(`casework.domains.${domain}`)).join(', ')}
                </Table.Td>
                <Table.Td>
                  {service.targetGroups.map((group) => t(`network.targetGroups.${group}`)).join(', ')}
                </Table.Td>
                <Table.Td maw={220}>{places(service.municipalityIds)}</Table.Td>
                <Table.Td>
                  {service.languages.map((code) => languageName(code, i18n.language)).join(', ') || '–'}
                </Table.Td>
                <Table.Td>
                  <Period service={service} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Dialog
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t('network.services.editTitle')}
      >
        {editing && <ServiceForm service={editing} onDone={() => setEditing(null)} />}
      </Dialog>
    </>
  )
}
