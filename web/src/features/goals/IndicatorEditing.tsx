import { Button, Card, Group, Stack, Text } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { GoalAgreementDetail, Indicator } from '../../../../common/goals.ts'
import { apiSend } from '../../api.ts'
import { CaseworkFormProblem } from '../casework/problems.tsx'
import { IndicatorForm } from './IndicatorForm.tsx'
import { goalKeys } from './queries.ts'

/**
 * Changing or removing an indicator, below its card. Removing asks once more and takes the
 * values entered for it; both name the agreement's version, so a change made meanwhile is not lost.
 */
export function IndicatorEditing({
  agreement,
  indicator,
}: {
  agreement: GoalAgreementDetail
  indicator: Indicator
}) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [mode, setMode] = useState<'idle' | 'editing' | 'confirming'>('idle')
  const remove = useMutation({
    mutationFn: () =>
      apiSend<GoalAgreementDetail>(
        'DELETE',
        `/goal-agreements/${agreement.id}/indicators/${indicator.id}`,
        undefined,
        {
          'if-match': `"${agreement.version}"`,
        },
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(goalKeys.agreement(agreement.id), saved)
      void queryClient.invalidateQueries({ queryKey: goalKeys.all, exact: true })
      void queryClient.invalidateQueries({ queryKey: ['steering', 'overview'] })
    },
  })
  if (mode === 'editing') {
    return (
      <Card withBorder>
        <IndicatorForm agreement={agreement} indicator={indicator} onDone={() => setMode('idle')} />
      </Card>
    )
  }
  return (
    <Stack gap={4} mt="xs">
      <CaseworkFormProblem error={remove.error} shown={[]} />
      {mode === 'confirming' ? (
        <Group>
          <Text size="sm">
            {indicator.source === 'manual' && indicator.series.length > 0
              ? t('goals.indicator.removeWithValues', {
                  name: indicator.name,
                  count: indicator.series.length,
                })
              : t('goals.indicator.removeQuestion', { name: indicator.name })}
          </Text>
          <Button color="red" size="xs" loading={remove.isPending} onClick={() => remove.mutate()}>
            {t('goals.indicator.removeConfirm')}
          </Button>
          <Button variant="default" size="xs" onClick={() => setMode('idle')}>
            {t('goals.indicator.cancel')}
          </Button>
        </Group>
      ) : (
        <Group>
          <Button variant="default" size="xs" onClick={() => setMode('editing')}>
            {t('goals.indicator.edit', { name: indicator.name })}
          </Button>
          <Button variant="default" size="xs" onClick={() => setMode('confirming')}>
            {t('goals.indicator.remove', { name: indicator.name })}
          </Button>
        </Group>
      )}
    </Stack>
  )
}
