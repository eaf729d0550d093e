import { Anchor, Card, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { obstacleStatuses } from '../../../../common/obstacle-values.ts'
import { statusColors } from '../../colors.ts'
import { QueryState } from '../../components/QueryState.tsx'
import { useCan } from '../../session.tsx'
import { formatDay } from '../casework/format.ts'
import { overlapsQuery } from '../network/queries.ts'
import { figureQuery } from '../network/transitions/transition-queries.ts'
import { meetingWhen, overviewQuery } from './queries.ts'

const openOverlapParams = new URLSearchParams()

/**
 * The coordinator's Monday morning: the bodies' next meetings, open action items (overdue ones
 * marked), unfilled seats per body, and from the network the open overlaps and the Jobcenter figure.
 */
export function SteeringStartCard() {
  const { t } = useTranslation()
  const can = useCan()
  if (!can('steering.manage')) return null
  return (
    <Card
      withBorder
      component="section"
      aria-labelledby="steering-start-heading"
      style={{ gridColumn: '1 / -1' }}
    >
      <Title order={3} size="h4" id="steering-start-heading" mb="sm">
        {t('steering.start.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <UpcomingMeetings />
        <UnfilledSeats />
      </SimpleGrid>
      <OpenActionItems />
      <GoalAgreementCounts />
      <ObstacleCounts />
      <NetworkFigures />
    </Card>
  )
}

/** The district's next three meetings: body, title, day and time, place or video, each linked. */
function UpcomingMeetings() {
  const { t, i18n } = useTranslation()
  const overview = useQuery(overviewQuery)
  return (
    <section aria-labelledby="steering-start-meetings">
      <Title order={4} size="h5" id="steering-start-meetings" mb={6}>
        {t('steering.start.meetingsTitle')}
      </Title>
      <QueryState query={overview}>
        {({ upcomingMeetings }) => (
          <Stack gap={6}>
            {upcomingMeetings.length === 0 ? (
              <Text size="sm">{t('steering.start.noMeetings')}</Text>
            ) : (
              <List size="sm" spacing={8} listStyleType="none" ml={0} pl={0}>
                {upcomingMeetings.map((meeting) => (
                  <List.Item key={meeting.id}>
                    <Text size="sm" fw={600}>
                      {meetingWhen(meeting, i18n.language)}
                    </Text>
                    <Anchor component={Link} to={`/steering/meetings/${meeting.id}`} size="sm">
                      {meeting.title}
                    </Anchor>
                    <Text size="sm" c="dimmed">
                      <Anchor component={Link} to={`/steering/bodies/${meeting.bodyId}`} size="sm" c="dimmed">
                        {meeting.bodyName}
                      </Anchor>
                      {meeting.place ? ` · ${meeting.place}` : ''}
                      {meeting.videoUrl ? ` · ${t('steering.start.video')}` : ''}
                    </Text>
                  </List.Item>
                ))}
              </List>
            )}
            <Anchor component={Link} to="/steering" size="sm">
              {t('steering.start.allMeetings')}
            </Anchor>
          </Stack>
        )}
      </QueryState>
    </section>
  )
}

/** The bodies with seats nobody holds today, and which seats those are, each body linked to its seat plan. */
function UnfilledSeats() {
  const { t } = useTranslation()
  const overview = useQuery(overviewQuery)
  return (
    <section aria-labelledby="steering-start-seats">
      <Title order={4} size="h5" id="steering-start-seats" mb={6}>
        {t('steering.start.unfilledTitle')}
      </Title>
      <QueryState query={overview}>
        {({ unfilledSeats }) =>
          unfilledSeats.total === 0 ? (
            <Text size="sm">{t('steering.start.allSeatsFilled')}</Text>
          ) : (
            <Stack gap={6}>
              <Text size="sm" fw={700} c={statusColors.warning}>
                {t('steering.start.unfilledTotal', { count: unfilledSeats.total })}
              </Text>
              <List size="sm" spacing={6} listStyleType="none" ml={0} pl={0}>
                {unfilledSeats.bodies.map((body) => (
                  <List.Item key={body.bodyId}>
                    <Anchor component={Link} to={`/steering/bodies/${body.bodyId}`} size="sm">
                      {body.bodyName}
                    </Anchor>
                    <Text size="sm">
                      {t('steering.start.unfilledOf', { count: body.unfilled.length, seats: body.seatCount })}{' '}
                      {body.unfilled.map((seat) => seat.label).join(', ')}
                    </Text>
                  </List.Item>
                ))}
              </List>
            </Stack>
          )
        }
      </QueryState>
    </section>
  )
}

function OpenActionItems() {
  const { t, i18n } = useTranslation()
  const overview = useQuery(overviewQuery)
  return (
    <section aria-labelledby="steering-start-actions">
      <Title order={4} size="h5" id="steering-start-actions" mt="md" mb={6}>
        {t('steering.start.actionsTitle')}
      </Title>
      <QueryState query={overview}>
        {({ openActionItems }) => (
          <Stack gap={6}>
            <Group gap="md">
              <Text size="sm">{t('steering.start.openActions', { count: openActionItems.total })}</Text>
              {openActionItems.overdue > 0 && (
                <Text size="sm" fw={700} c={statusColors.negative}>
                  {t('steering.start.overdueActions', { count: openActionItems.overdue })}
                </Text>
              )}
            </Group>
            {openActionItems.items.length > 0 && (
              <Table.ScrollContainer minWidth={560}>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('steering.actions.titleField')}</Table.Th>
                      <Table.Th scope="col">{t('steering.actions.owner')}</Table.Th>
                      <Table.Th scope="col">{t('steering.actions.due')}</Table.Th>
                      <Table.Th scope="col">{t('steering.start.meeting')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {openActionItems.items.map((item) => (
                      <Table.Tr key={item.id}>
                        <Table.Td>{item.title}</Table.Td>
                        <Table.Td>{item.ownerName}</Table.Td>
                        <Table.Td>
                          <Group gap={6} wrap="nowrap">
                            <Text
                              size="sm"
                              c={item.overdue ? statusColors.negative : undefined}
                              fw={item.overdue ? 700 : undefined}
                            >
                              {formatDay(item.dueOn, i18n.language)}
                            </Text>
                            {item.overdue && (
                              <Text size="sm" fw={700} c={statusColors.negative}>
                                {t('steering.start.overdue')}
                              </Text>
                            )}
                          </Group>
                        </Table.Td>
                        <Table.Td>
                          <Anchor component={Link} to={`/steering/meetings/${item.meetingId}`} size="sm">
                            {item.meetingTitle}
                          </Anchor>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Stack>
        )}
      </QueryState>
    </section>
  )
}

/** The obstacle board's counts by status, open ones first. */
function ObstacleCounts() {
  const { t } = useTranslation()
  const overview = useQuery(overviewQuery)
  return (
    <section aria-labelledby="steering-start-obstacles">
      <Title order={4} size="h5" id="steering-start-obstacles" mt="md" mb={6}>
        <Anchor component={Link} to="/obstacles" inherit>
          {t('obstacles.start.title')}
        </Anchor>
      </Title>
      <QueryState query={overview}>
        {({ obstacles }) => (
          <Group gap="md">
            {obstacleStatuses.map((status) => (
              <Text key={status} size="sm">
                {t(`obstacles.status.${status}`)}: <strong>{obstacles[status]}</strong>
              </Text>
            ))}
          </Group>
        )}
      </QueryState>
    </section>
  )
}

function NetworkFigures() {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const showOverlaps = can('network.read')
  const showFigure = can('legal-sphere-change.figure')
  const overlaps = useQuery({ ...overlapsQuery(openOverlapParams), enabled: showOverlaps })
  const figure = useQuery({ ...figureQuery(), enabled: showFigure })
  if (!showOverlaps && !showFigure) return null
  const number = (value: number) =>
    new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'de-DE').format(value)
  return (
    <section aria-labelledby="steering-start-network">
      <Title order={4} size="h5" id="steering-start-network" mt="md" mb={6}>
        {t('steering.start.networkTitle')}
      </Title>
      <Stack gap={4}>
        {showOverlaps && (
          <QueryState query={overlaps}>
            {(list) => (
              <Text size="sm">
                <Anchor component={Link} to="/overlaps" size="sm">
                  {t('steering.start.openOverlaps', { count: list.open })}
                </Anchor>
              </Text>
            )}
          </QueryState>
        )}
        {showFigure && (
          <QueryState query={figure}>
            {(data) => (
              <Text size="sm">
                <Anchor component={Link} to="/legal-sphere-changes" size="sm">
                  {data.medianDays === null
                    ? t('steering.start.figureSuppressed', { count: data.changes })
                    : t('steering.start.figureMedian', {
                        count: data.medianDays,
                        formatted: number(data.medianDays),
                        changes: data.changes,
                      })}
                </Anchor>
              </Text>
            )}
          </QueryState>
        )}
      </Stack>
    </section>
  )
}

/** The goal agreements by status (each agreement counts with its worst indicator). */
function GoalAgreementCounts() {
  const { t } = useTranslation()
  const overview = useQuery(overviewQuery)
  return (
    <section aria-labelledby="steering-start-goals">
      <Title order={4} size="h5" id="steering-start-goals" mt="md" mb={6}>
        {t('goals.start.title')}
      </Title>
      <QueryState query={overview}>
        {({ goalAgreements: counts }) => (
          <Text size="sm">
            <Anchor component={Link} to="/goal-agreements" size="sm">
              {t('goals.start.total', { count: counts.total })}
            </Anchor>
            {counts.total > 0 &&
              `: ${t('goals.start.byStatus', {
                onTrack: counts.onTrack,
                atRisk: counts.atRisk,
                offTrack: counts.offTrack,
                noData: counts.noData,
              })}`}
          </Text>
        )}
      </QueryState>
    </section>
  )
}
