import { Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ObstacleStatus } from '../../../../common/obstacles.ts'
import { statusColors } from '../../colors.ts'

// A dark blue with white text at AA contrast, for the stages in progress.
const inProgress = '#1f5b99'
const colorOf: Record<ObstacleStatus, string> = {
  new: statusColors.warning,
  triaged: inProgress,
  assigned: inProgress,
  measure_agreed: statusColors.positive,
  resolved: statusColors.positive,
  rejected: statusColors.neutral,
}

export function ObstacleStatusBadge({ status }: { status: ObstacleStatus }) {
  const { t } = useTranslation()
  return <Badge color={colorOf[status]}>{t(`obstacles.status.${status}`)}</Badge>
}
