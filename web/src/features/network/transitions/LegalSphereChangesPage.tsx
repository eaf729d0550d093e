import { Anchor, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import type { JobcenterContactFigure, LegalSphereChangeListItem } from '../../../../../common/legal-sphere.ts'
import { ExportMenu } from '../../../components/ExportMenu.tsx'
import { QueryState } from '../../../components/QueryState.tsx'
import { useCan } from '../../../session.tsx'
import { formatDay, personName } from '../../casework/format.ts'
import { changeListQuery, figureQuery } from './transition-queries.ts'

/**
 * Legal-sphere changes of the district: the figure (days from a change into SGB II to the first
 * Jobcenter contact) for everyone who steers or counsels, and the upcoming and recent changes of
 * the persons a case manager may read.
 */
export function LegalSphereChangesPage() {
  const { t } = useTranslation()
  const can = useCan()
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Title order={2}>{t('legalSphereChanges.pageTitle')}</Title>
        {can('legal-sphere-change.list') && (
          <ExportMenu path="/legal-sphere-changes/export" listName={t('legalSphereChanges.pageTitle')} />
        )}
      </Group>
      {can('legal-sphere-change.figure') && <FigureSection />}
      {can('legal-sphere-change.list') && <ChangeLists />}
    </Stack>
  )
}

function FigureSection() {
  const { t, i18n } = useTranslation()
  const figure = useQuery(figureQuery())
  const number = (value: number) =>
    new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'de-DE').format(value)
  return (
    <section aria-labelledby="figure-heading">
      <Title order={3} size="h4" id="figure-heading" mb="xs">
        {t('legalSphereChanges.figureTitle')}
      </Title>
      <QueryState query={figure}>
        {(data: JobcenterContactFigure) => (
          <Stack gap="xs">
            <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
              <Stat
                label={t('legalSphereChanges.medianDays')}
                value={
                  data.medianDays === null
                    ? '–'
                    : t('legalSphereChanges.days', {
                        count: data.medianDays,
                        formatted: number(data.medianDays),
                      })
                }
              />
              <Stat
                label={t('legalSphereChanges.meanDays')}
                value={
                  data.meanDays === null
                    ? '–'
                    : t('legalSphereChanges.days', { count: data.meanDays, formatted: number(data.meanDays) })
                }
              />
              <Stat
                label={t('legalSphereChanges.withinFourteen')}
                value={
                  data.withinFourteenDays === null
                    ? '–'
                    : `${number(data.withinFourteenDays)} / ${number(data.withContact)}`
                }
              />
              <Stat label={t('legalSphereChanges.waiting')} value={number(data.withoutContact)} />
            </SimpleGrid>
            <Text size="sm" c="dimmed">
              {t('legalSphereChanges.figurePeriod', {
                from: formatDay(data.from, i18n.language),
                to: formatDay(data.to, i18n.language),
                changes: data.changes,
              })}
            </Text>
            {data.medianDays === null && (
              <Text size="sm" c="dimmed">
                {t('legalSphereChanges.figureSuppressed', { count: data.minimumCount })}
              </Text>
            )}
            <Text size="sm" c="dimmed">
              {t('legalSphereChanges.figureDefinition')}
            </Text>
          </Stack>
        )}
      </QueryState>
    </section>
  )
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
    </Card>
  )
}

function ChangeLists() {
  const { t } = useTranslation()
  const list = useQuery(changeListQuery())
  return (
    <QueryState query={list}>
      {(data) => (
        <Stack gap="lg">
          <ChangeTable
            id="upcoming"
            title={t('legalSphereChanges.upcomingTitle')}
            items={data.upcoming}
            empty={t('legalSphereChanges.noneUpcoming')}
          />
          <ChangeTable
            id="recent"
            title={t('legalSphereChanges.recentTitle')}
            items={data.recent}
            empty={t('legalSphereChanges.noneRecent')}
          />
        </Stack>
      )}
    </QueryState>
  )
}

function ChangeTable({
  id,
  title,
  items,
  empty,
}: {
  id: string
  title: string
  items: LegalSphereChangeListItem[]
  empty: string
}) {
  const { t, i18n } = useTranslation()
  const headingId = `changes-${id}`
  return (
    <section aria-labelledby={headingId}>
      <Title order={3} size="h4" id={headingId} mb="xs">
        {title}
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table withTableBorder striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('legalSphereChanges.effectiveOn')}</Table.Th>
                <Table.Th scope="col">{t('legalSphereChanges.person')}</Table.Th>
                <Table.Th scope="col">{t('legalSphereChanges.change')}</Table.Th>
                <Table.Th scope="col">{t('legalSphereChanges.reason')}</Table.Th>
                <Table.Th scope="col">{t('legalSphereChanges.checklist')}</Table.Th>
                <Table.Th scope="col">{t('legalSphereChanges.firstContact')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => {
                const done = item.steps.filter((step) => step.doneOn !== null).length
                return (
                  <Table.Tr key={item.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatDay(item.effectiveOn, i18n.language)}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Anchor component={Link} to={`/persons/${item.personId}`} size="sm">
                          {personName(item.person)}
                        </Anchor>
                        {item.caseId && item.caseReference && (
                          <Anchor
                            component={Link}
                            to={`/cases/${item.caseId}`}
                            search={(() => ({ tab: 'legal-sphere' })) as never}
                            size="sm"
                            c="dimmed"
                          >
                            ({item.caseReference})
                          </Anchor>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {t(`legalSphereChanges.spheres.${item.fromSphere}`)} →{' '}
                      {t(`legalSphereChanges.spheres.${item.toSphere}`)}
                    </Table.Td>
                    <Table.Td>{t(`legalSphereChanges.reasons.${item.reason}`)}</Table.Td>
                    <Table.Td>
                      {item.steps.length === 0
                        ? '–'
                        : t('legalSphereChanges.stepsDone', { done, total: item.steps.length })}
                    </Table.Td>
                    <Table.Td>
                      {item.toSphere !== 'SGB II'
                        ? '–'
                        : item.firstJobcenterContactOn
                          ? formatDay(item.firstJobcenterContactOn, i18n.language)
                          : t('legalSphereChanges.noContactYetShort')}
                    </Table.Td>
                  </Table.Tr>
                )
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  )
}
