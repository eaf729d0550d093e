import { Button, Group, Stack, Text } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { HandoverStepState, LegalSphereChange } from '../../../../../common/legal-sphere.ts'
import { apiSend } from '../../../api.ts'
import { DayInput } from '../../../components/DateFields.tsx'
import { formatDay, todayIso } from '../../casework/format.ts'
import { CaseworkFormProblem } from '../../casework/problems.tsx'
import { caseworkKeys } from '../../casework/queries.ts'
import { transitionKeys } from './transition-queries.ts'

/**
 * The hand-over checklist of one change: each step with its due day, done on a day (for the
 * Jobcenter appointment: the day of the appointment, which the figure counts) or open.
 */
export function HandoverChecklist({ change, canEdit }: { change: LegalSphereChange; canEdit: boolean }) {
  const { t } = useTranslation()
  if (change.steps.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('legalSphereChanges.noSteps')}
      </Text>
    )
  return (
    <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {change.steps.map((step) => (
        <StepRow key={step.id} step={step} canEdit={canEdit} />
      ))}
    </Stack>
  )
}

function StepRow({ step, canEdit }: { step: HandoverStepState; canEdit: boolean }) {
  const { t, i18n } = useTranslation()
  const queryClient = useQueryClient()
  const [day, setDay] = useState(todayIso())
  const name = t(`legalSphereChanges.steps.${step.step}`)
  const update = useMutation({
    mutationFn: (doneOn: string | null) =>
      apiSend<LegalSphereChange>(
        'PATCH',
        `/legal-sphere-handover-steps/${encodeURIComponent(step.id)}`,
        { doneOn },
        { 'if-match': `"${step.version}"` },
      ),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: transitionKeys.all })
      void queryClient.invalidateQueries({ queryKey: caseworkKeys.myTasks })
    },
  })
  return (
    <Group component="li" gap="sm" align="flex-end" wrap="wrap">
      <Text size="sm" fw={500} style={{ flex: '0 1 420px' }}>
        {name}
        <Text span size="sm" c="dimmed" fw={400}>
          {step.doneOn
            ? ` · ${t('legalSphereChanges.doneOn', { date: formatDay(step.doneOn, i18n.language) })}`
            : ` · ${t('legalSphereChanges.dueOn', { date: formatDay(step.dueOn, i18n.language) })}`}
        </Text>
      </Text>
      {canEdit && step.doneOn === null && (
        <>
          <DayInput
            aria-label={t('legalSphereChanges.doneDayFor', { step: name })}
            required
            value={day}
            max={todayIso()}
            onChange={setDay}
            w={150}
            size="xs"
          />
          <Button
            size="xs"
            variant="light"
            loading={update.isPending}
            aria-label={t('legalSphereChanges.markDone', { step: name })}
            onClick={() => update.mutate(day || null)}
          >
            {t('legalSphereChanges.done')}
          </Button>
        </>
      )}
      {canEdit && step.doneOn !== null && (
        <Button
          size="xs"
          variant="subtle"
          loading={update.isPending}
          aria-label={t('legalSphereChanges.reopenStep', { step: name })}
          onClick={() => update.mutate(null)}
        >
          {t('legalSphereChanges.reopen')}
        </Button>
      )}
      {update.error && <CaseworkFormProblem error={update.error} shown={[]} />}
    </Group>
  )
}
