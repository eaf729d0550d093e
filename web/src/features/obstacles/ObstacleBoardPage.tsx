import {
  Badge,
  Button,
  Card,
  Drawer,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { lifeDomains } from '../../../../common/casework-values.ts'
import { type Obstacle, obstacleStatuses } from '../../../../common/obstacles.ts'
import { ExportMenu } from '../../components/ExportMenu.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { useCan } from '../../session.tsx'
import { organisationsQuery } from '../steering/queries.ts'
import { ObstacleDetailPanel } from './ObstacleDetailPanel.tsx'
import { ObstacleForm } from './ObstacleForm.tsx'
import { obstaclesQuery } from './queries.ts'

/**
 * The obstacle board (Systemrückmeldungen): one column per status with its count, filters by
 * domain and organisation, a card's detail with history and the coordinator's moves.
 */
export function ObstacleBoardPage({ initialObstacle }: { initialObstacle?: string | undefined }) {
  const { t } = useTranslation()
  const can = useCan()
  const [domain, setDomain] = useState<string | null>(null)
  const [organisationId, setOrganisationId] = useState<string | null>(null)
  const [selected, setSelected] = useState<string | null>(initialObstacle ?? null)
  const [raising, setRaising] = useState(false)
  const organisations = useQuery(organisationsQuery)
  const params = new URLSearchParams({
    ...(domain ? { domain } : {}),
    ...(organisationId ? { organisationId } : {}),
  })
  const board = useQuery({ ...obstaclesQuery(params), placeholderData: keepPreviousData })
  const selectedTitle = board.data?.items.find((item) => item.id === selected)?.title
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t('obstacles.board.title')}</Title>
        <Group gap="sm">
          <ExportMenu
            path="/obstacles/export"
            query={{ domain: domain ?? undefined, organisationId: organisationId ?? undefined }}
            listName={t('obstacles.nav')}
          />
          {can('obstacle.raise') && !raising && (
            <Button variant="light" onClick={() => setRaising(true)}>
              {t('obstacles.board.raise')}
            </Button>
          )}
        </Group>
      </Group>
      <Text size="sm" c="dimmed" maw={900}>
        {/* Readers see the board without the steps only coordinators may take. */}
        {can('steering.manage') ? t('obstacles.board.intro') : t('obstacles.board.introRead')}
      </Text>
      {raising && (
        <Card withBorder maw={900}>
          <ObstacleForm
            caseId={null}
            onDone={(obstacle) => {
              setRaising(false)
              setSelected(obstacle.id)
            }}
          />
        </Card>
      )}
      <Group align="flex-end">
        <Select
          label={t('obstacles.fields.domain')}
          data={lifeDomains.map((each) => ({ value: each, label: t(`casework.domains.${each}`) }))}
          value={domain}
          onChange={setDomain}
          clearable
          w={260}
        />
        <Select
          label={t('obstacles.fields.organisation')}
          data={(organisations.data ?? []).map((each) => ({ value: each.id, label: each.name }))}
          value={organisationId}
          onChange={setOrganisationId}
          clearable
          searchable
          w={320}
        />
      </Group>
      <QueryState query={board}>
        {(list) => (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3, xl: 6 }} spacing="sm">
            {obstacleStatuses.map((status) => (
              <Card
                key={status}
                withBorder
                padding="sm"
                component="section"
                aria-labelledby={`obstacles-column-${status}`}
                bg="gray.0"
              >
                <Group justify="space-between" mb="xs">
                  <Title order={3} size="h5" id={`obstacles-column-${status}`}>
                    {t(`obstacles.status.${status}`)}
                  </Title>
                  <Badge color="dark" aria-label={t('obstacles.board.count', { count: list.counts[status] })}>
                    {list.counts[status]}
                  </Badge>
                </Group>
                <Stack gap="xs">
                  {list.counts[status] === 0 && (
                    <Text size="sm" c="dimmed">
                      {t('obstacles.board.emptyColumn')}
                    </Text>
                  )}
                  {list.items
                    .filter((item) => item.status === status)
                    .map((item) => (
                      <ObstacleCard key={item.id} obstacle={item} onOpen={() => setSelected(item.id)} />
                    ))}
                </Stack>
              </Card>
            ))}
          </SimpleGrid>
        )}
      </QueryState>
      <Drawer
        opened={selected !== null}
        onClose={() => setSelected(null)}
        position="right"
        size="lg"
        title={selectedTitle ?? t('obstacles.board.detail')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {selected && <ObstacleDetailPanel obstacleId={selected} />}
      </Drawer>
    </Stack>
  )
}

function ObstacleCard({ obstacle, onOpen }: { obstacle: Obstacle; onOpen: () => void }) {
  const { t } = useTranslation()
  return (
    <UnstyledButton onClick={onOpen} aria-haspopup="dialog">
      <Card withBorder padding="xs" radius="sm">
        <Text size="sm" fw={600}>
          {obstacle.title}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`casework.domains.${obstacle.domain}`)}
          {obstacle.organisations.length > 0 &&
            ` · ${obstacle.organisations.map((each) => each.name).join(', ')}`}
        </Text>
        <Group gap={6} mt={4}>
          <Text size="xs">{t('obstacles.evidence', { count: obstacle.evidenceCount })}</Text>
          {obstacle.workingGroupName && <Text size="xs">· {obstacle.workingGroupName}</Text>}
          {obstacle.agendaItems.some((item) => !item.approved) && (
            <Text size="xs" fw={700}>
              · {t('obstacles.board.onAgenda')}
            </Text>
          )}
        </Group>
      </Card>
    </UnstyledButton>
  )
}
