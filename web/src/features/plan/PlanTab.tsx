import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type Case, type Goal, lifeDomains, type Measure } from '../../../../common/casework.ts'
import { statusColors } from '../../colors.ts'
import { Dialog } from '../../components/Dialog.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { ClosedNotice, canWrite } from '../casework/bits.tsx'
import { formatDay, todayIso } from '../casework/format.ts'
import { planQuery } from '../casework/queries.ts'
import { ReferralForm } from '../network/ReferralForm.tsx'
import { GoalForm, MeasureForm } from './PlanForms.tsx'

type Editing =
  | { kind: 'goal'; goal?: Goal }
  | { kind: 'measure'; measure?: Measure; goalId?: string | null }
  | null

const goalColor: Record<Goal['status'], string> = {
  open: statusColors.neutral,
  'in-progress': 'blue.8',
  achieved: statusColors.positive,
  dropped: statusColors.neutral,
}

function MeasureTable({
  measures,
  canWork,
  onEdit,
  onRefer,
}: {
  measures: Measure[]
  canWork: boolean
  onEdit: (measure: Measure) => void
  /** Sends a measure owned by a partner organisation to it as a referral. */
  onRefer: (measure: Measure) => void
}) {
  const { t, i18n } = useTranslation()
  const today = todayIso()
  if (measures.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('casework.plan.noMeasures')}
      </Text>
    )
  }
  return (
    <Table withTableBorder verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('casework.plan.measure')}</Table.Th>
          <Table.Th scope="col">{t('casework.plan.owner')}</Table.Th>
          <Table.Th scope="col">{t('casework.plan.dueOn')}</Table.Th>
          <Table.Th scope="col">{t('casework.plan.status')}</Table.Th>
          {canWork && <Table.Th scope="col">{t('casework.common.actions')}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {measures.map((measure) => {
          const overdue =
            measure.dueOn !== null && measure.dueOn < today && !['done', 'cancelled'].includes(measure.status)
          return (
            <Table.Tr key={measure.id}>
              <Table.Td>{measure.description}</Table.Td>
              <Table.Td>
                {t(`casework.measureOwners.${measure.owner}`)}
                {measure.organisationName && `: ${measure.organisationName}`}
              </Table.Td>
              <Table.Td>
                {formatDay(measure.dueOn, i18n.language)}
                {overdue && (
                  <Text span size="sm" fw={700} c={statusColors.negative}>
                    {' '}
                    ({t('casework.tasks.overdue')})
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{t(`casework.measureStatuses.${measure.status}`)}</Table.Td>
              {canWork && (
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => onEdit(measure)}
                      aria-label={`${t('casework.common.edit')}: ${measure.description}`}
                    >
                      {t('casework.common.edit')}
                    </Button>
                    {measure.owner === 'partner' &&
                      measure.organisationId &&
                      !['done', 'cancelled'].includes(measure.status) && (
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() => onRefer(measure)}
                          aria-label={`${t('network.referrals.fromMeasure')}: ${measure.description}`}
                        >
                          {t('network.referrals.fromMeasure')}
                        </Button>
                      )}
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          )
        })}
      </Table.Tbody>
    </Table>
  )
}

/** Goals per life domain with their measures; measures without a goal at the end. */
export function PlanTab({ item }: { item: Case }) {
  const { t, i18n } = useTranslation()
  const plan = useQuery(planQuery(item.id))
  const [editing, setEditing] = useState<Editing>(null)
  const [referring, setReferring] = useState<Measure | null>(null)
  const navigate = useNavigate()
  const canWork = canWrite(item)
  const close = () => setEditing(null)
  return (
    <section aria-labelledby="plan-heading">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4" id="plan-heading">
          {t('casework.tabs.plan')}
        </Title>
        {canWork && (
          <Group gap="xs">
            <Button onClick={() => setEditing({ kind: 'goal' })}>{t('casework.plan.addGoal')}</Button>
            <Button variant="default" onClick={() => setEditing({ kind: 'measure' })}>
              {t('casework.plan.addMeasure')}
            </Button>
          </Group>
        )}
      </Group>
      <ClosedNotice item={item} />
      <QueryState query={plan}>
        {({ goals, measures }) => {
          const loose = measures.filter(
            (measure) => !measure.goalId || !goals.some((g) => g.id === measure.goalId),
          )
          const sorted = [...goals].sort(
            (a, b) => lifeDomains.indexOf(a.domain) - lifeDomains.indexOf(b.domain),
          )
          return (
            <Stack gap="md">
              {goals.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t('casework.plan.noGoals')}
                </Text>
              )}
              {sorted.map((goal) => (
                <Paper
                  withBorder
                  p="sm"
                  key={goal.id}
                  component="article"
                  aria-labelledby={`goal-${goal.id}`}
                >
                  <Group justify="space-between" align="flex-start" wrap="nowrap">
                    <div>
                      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                        {t(`casework.domains.${goal.domain}`)}
                      </Text>
                      <Title order={4} size="h5" id={`goal-${goal.id}`}>
                        {goal.statement}
                      </Title>
                      <Text size="sm">
                        {t('casework.plan.indicator')}: {goal.indicator || '–'} ·{' '}
                        {t('casework.plan.targetDate')}: {formatDay(goal.targetDate, i18n.language)}
                      </Text>
                    </div>
                    <Group gap="xs" wrap="nowrap">
                      <Badge color={goalColor[goal.status]}>
                        {t(`casework.goalStatuses.${goal.status}`)}
                      </Badge>
                      {canWork && (
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => setEditing({ kind: 'goal', goal })}
                          aria-label={`${t('casework.common.edit')}: ${goal.statement}`}
                        >
                          {t('casework.common.edit')}
                        </Button>
                      )}
                    </Group>
                  </Group>
                  <Stack gap={4} mt="sm">
                    <MeasureTable
                      measures={measures.filter((measure) => measure.goalId === goal.id)}
                      canWork={canWork}
                      onEdit={(measure) => setEditing({ kind: 'measure', measure })}
                      onRefer={setReferring}
                    />
                    {canWork && (
                      <Group>
                        <Button
                          size="xs"
                          variant="subtle"
                          onClick={() => setEditing({ kind: 'measure', goalId: goal.id })}
                          aria-label={`${t('casework.plan.addMeasure')}: ${goal.statement}`}
                        >
                          {t('casework.plan.addMeasure')}
                        </Button>
                      </Group>
                    )}
                  </Stack>
                </Paper>
              ))}
              {loose.length > 0 && (
                <Paper withBorder p="sm" component="article" aria-labelledby="loose-measures">
                  <Title order={4} size="h5" id="loose-measures" mb="xs">
                    {t('casework.plan.looseMeasures')}
                  </Title>
                  <MeasureTable
                    measures={loose}
                    canWork={canWork}
                    onEdit={(measure) => setEditing({ kind: 'measure', measure })}
                    onRefer={setReferring}
                  />
                </Paper>
              )}
              <Dialog
                opened={editing !== null}
                onClose={close}
                title={
                  editing?.kind === 'goal'
                    ? t(editing.goal ? 'casework.plan.editGoal' : 'casework.plan.addGoal')
                    : t(editing?.measure ? 'casework.plan.editMeasure' : 'casework.plan.addMeasure')
                }
              >
                {editing?.kind === 'goal' && <GoalForm item={item} goal={editing.goal} onDone={close} />}
                {editing?.kind === 'measure' && (
                  <MeasureForm
                    item={item}
                    goals={goals}
                    measure={editing.measure}
                    goalId={editing.goalId}
                    onDone={close}
                  />
                )}
              </Dialog>
              <Dialog
                opened={referring !== null}
                onClose={() => setReferring(null)}
                title={t('network.referrals.dialogTitle')}
              >
                {referring?.organisationId && (
                  <ReferralForm
                    item={item}
                    preset={{
                      organisationId: referring.organisationId,
                      measureId: referring.id,
                      message: referring.description,
                      dueOn: referring.dueOn,
                    }}
                    onDone={(referral) => {
                      setReferring(null)
                      void navigate({ to: `/referrals/${referral.id}` })
                    }}
                  />
                )}
              </Dialog>
            </Stack>
          )
        }}
      </QueryState>
    </section>
  )
}
