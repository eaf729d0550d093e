import { Anchor, Badge, Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Case } from '../../../../common/casework.ts'
import { type Obstacle, type ObstacleDetail, openObstacleStatuses } from '../../../../common/obstacles.ts'
import { apiSend } from '../../api.ts'
import { QueryState } from '../../components/QueryState.tsx'
import { useCan } from '../../session.tsx'
import { CaseworkFormProblem } from '../casework/problems.tsx'
import { ObstacleForm } from './ObstacleForm.tsx'
import { obstacleKeys, obstaclesQuery } from './queries.ts'
import { ObstacleStatusBadge } from './status.tsx'

const allParams = new URLSearchParams()

/**
 * A case's structural obstacles (Systemrückmeldung): those it was seen in, raising a new one from
 * the case, and "seen in this case too" for an obstacle another case raised.
 */
export function CaseObstaclesTab({ item }: { item: Case }) {
  const { t } = useTranslation()
  const can = useCan()
  const [raising, setRaising] = useState(false)
  const mayRecord = item.abilities['case.record'] === true
  const ofCase = useQuery(obstaclesQuery(new URLSearchParams({ caseId: item.id })))
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3} size="h4">
          {t('obstacles.case.title')}
        </Title>
        {mayRecord && !raising && (
          <Button variant="light" onClick={() => setRaising(true)}>
            {t('obstacles.case.raise')}
          </Button>
        )}
      </Group>
      {raising && (
        <Card withBorder>
          <ObstacleForm caseId={item.id} onDone={() => setRaising(false)} />
        </Card>
      )}
      <QueryState query={ofCase}>
        {(list) =>
          list.items.length === 0 ? (
            <Text c="dimmed">{t('obstacles.case.none')}</Text>
          ) : (
            <Stack gap="xs">
              {list.items.map((obstacle) => (
                <ObstacleLine key={obstacle.id} obstacle={obstacle} linkToBoard={can('steering.manage')} />
              ))}
            </Stack>
          )
        }
      </QueryState>
      {mayRecord && ofCase.data && (
        <SeenToo caseId={item.id} linked={ofCase.data.items.map((each) => each.id)} />
      )}
    </Stack>
  )
}

function ObstacleLine({ obstacle, linkToBoard }: { obstacle: Obstacle; linkToBoard: boolean }) {
  const { t } = useTranslation()
  return (
    <Card withBorder padding="sm">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2}>
          {linkToBoard ? (
            <Anchor
              fw={600}
              renderRoot={(props) => <Link {...props} to="/obstacles" search={{ obstacle: obstacle.id }} />}
            >
              {obstacle.title}
            </Anchor>
          ) : (
            <Text fw={600}>{obstacle.title}</Text>
          )}
          <Text size="sm" c="dimmed">
            {t(`casework.domains.${obstacle.domain}`)}
            {obstacle.organisations.length > 0 &&
              ` · ${obstacle.organisations.map((each) => each.name).join(', ')}`}
          </Text>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <Badge variant="outline">{t('obstacles.evidence', { count: obstacle.evidenceCount })}</Badge>
          <ObstacleStatusBadge status={obstacle.status} />
        </Group>
      </Group>
    </Card>
  )
}

/** Picks an open obstacle that another case raised and adds this case as evidence, once. */
function SeenToo({ caseId, linked }: { caseId: string; linked: string[] }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [chosen, setChosen] = useState<string | null>(null)
  const all = useQuery(obstaclesQuery(allParams))
  const add = useMutation({
    mutationFn: (obstacleId: string) =>
      apiSend<ObstacleDetail>('POST', `/obstacles/${obstacleId}/evidence`, { caseId }),
    onSuccess: async () => {
      setChosen(null)
      await queryClient.invalidateQueries({ queryKey: obstacleKeys.all })
    },
  })
  const candidates = (all.data?.items ?? []).filter(
    (obstacle) => openObstacleStatuses.includes(obstacle.status) && !linked.includes(obstacle.id),
  )
  if (candidates.length === 0) return null
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={4} size="h5">
          {t('obstacles.case.seenTooTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('obstacles.case.seenTooHint')}
        </Text>
        <CaseworkFormProblem error={add.error} shown={[]} />
        <Group align="flex-end">
          <Select
            label={t('obstacles.case.seenTooPick')}
            data={candidates.map((obstacle) => ({
              value: obstacle.id,
              label: `${obstacle.title} (${t('obstacles.evidence', { count: obstacle.evidenceCount })})`,
            }))}
            value={chosen}
            onChange={setChosen}
            searchable
            w={520}
          />
          <Button
            variant="light"
            disabled={!chosen}
            loading={add.isPending}
            onClick={() => chosen && add.mutate(chosen)}
          >
            {t('obstacles.case.seenTooAdd')}
          </Button>
        </Group>
      </Stack>
    </Card>
  )
}
