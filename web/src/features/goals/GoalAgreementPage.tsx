import { Anchor, Button, Group, List, Stack, Text, Title } from '@mantine/core'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { QueryState } from '../../components/QueryState.tsx'
import { useCan } from '../../session.tsx'
import { formatDay } from '../casework/format.ts'
import { AgreementForm } from './AgreementForm.tsx'
import { IndicatorCard } from './IndicatorCard.tsx'
import { IndicatorEditing } from './IndicatorEditing.tsx'
import { IndicatorForm } from './IndicatorForm.tsx'
import { agreementQuery, goalKeys } from './queries.ts'
import { StatusBadge } from './StatusBadge.tsx'

/** A goal agreement: what was agreed, by whom, and each indicator's trajectory against its target. */
export function GoalAgreementPage({ agreementId }: { agreementId: string }) {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const canManage = can('steering.manage')
  const queryClient = useQueryClient()
  const agreement = useQuery(agreementQuery(agreementId))
  const [editing, setEditing] = useState(false)
  return (
    <Stack maw={1200} gap="lg">
      <Anchor component={Link} to="/goal-agreements" size="sm">
        {t('goals.list.back')}
      </Anchor>
      <QueryState query={agreement}>
        {(data) => (
          <Stack gap="lg">
            <Group justify="space-between" align="flex-start">
              <Stack gap={4}>
                <Title order={2}>{data.title}</Title>
                <Text size="sm" c="dimmed">
                  {formatDay(data.startsOn, i18n.language)} – {formatDay(data.endsOn, i18n.language)}
                </Text>
              </Stack>
              <Group>
                <StatusBadge status={data.status} />
                {canManage && !editing && (
                  <Button variant="default" onClick={() => setEditing(true)}>
                    {t('goals.agreement.edit')}
                  </Button>
                )}
              </Group>
            </Group>
            {editing ? (
              <AgreementForm
                agreement={data}
                onSaved={(saved) => {
                  queryClient.setQueryData(goalKeys.agreement(agreementId), saved)
                  setEditing(false)
                }}
              />
            ) : (
              <Stack gap="xs">
                <Text style={{ whiteSpace: 'pre-wrap' }}>{data.goalStatement}</Text>
                <Text size="sm">
                  <strong>{t('goals.agreement.parties')}:</strong>{' '}
                  {data.parties.length > 0 ? data.parties.map((party) => party.name).join(', ') : '–'}
                </Text>
                <Text size="sm">
                  <strong>{t('goals.agreement.responsible')}:</strong>{' '}
                  {data.responsibleOrganisation?.name ?? '–'}
                </Text>
                <Text size="sm">
                  <strong>{t('goals.agreement.decision')}:</strong>{' '}
                  {data.decision ? (
                    <Anchor component={Link} to={`/steering/meetings/${data.decision.meetingId}`} size="sm">
                      {data.decision.number} · {data.decision.bodyName}
                    </Anchor>
                  ) : (
                    '–'
                  )}
                </Text>
              </Stack>
            )}
            <Stack gap="sm">
              <Title order={3}>{t('goals.agreement.indicators')}</Title>
              <Text size="sm" c="dimmed" maw={820}>
                {t('goals.rule')}
              </Text>
              {data.indicators.length === 0 ? (
                <Text c="dimmed">{t('goals.indicator.none')}</Text>
              ) : (
                <List listStyleType="none" ml={0} pl={0} spacing="md">
                  {data.indicators.map((indicator) => (
                    <List.Item key={indicator.id}>
                      <IndicatorCard agreement={data} indicator={indicator} canManage={canManage} />
                      {canManage && <IndicatorEditing agreement={data} indicator={indicator} />}
                    </List.Item>
                  ))}
                </List>
              )}
            </Stack>
            {canManage && (
              <Stack gap="xs">
                <Title order={3}>{t('goals.indicator.new')}</Title>
                <IndicatorForm agreement={data} />
              </Stack>
            )}
          </Stack>
        )}
      </QueryState>
    </Stack>
  )
}
