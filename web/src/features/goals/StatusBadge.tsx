import { Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { IndicatorStatus } from '../../../../common/goals.ts'
import { statusColor } from './format.ts'

/** On track, at risk, off track or no data yet: in words, never in colour alone. */
export function StatusBadge({ status }: { status: IndicatorStatus }) {
  const { t } = useTranslation()
  return (
    <Badge color={statusColor[status]} variant="filled">
      {t(`goals.status.${status}`)}
    </Badge>
  )
}
