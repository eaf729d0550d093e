import { Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ConceptVersion } from '../../../../common/concept.ts'
import { statusColors } from '../../colors.ts'
import { formatDay } from '../casework/format.ts'

/** Draft, or adopted on a day (by a body). */
export function VersionStatus({ version }: { version: ConceptVersion }) {
  const { t, i18n } = useTranslation()
  if (version.status === 'draft')
    return (
      <Badge variant="outline" color={statusColors.neutral}>
        {t('concept.draft')}
      </Badge>
    )
  return (
    <Badge color={statusColors.positive}>
      {t('concept.adoptedOn', { date: formatDay(version.adoptedOn ?? '', i18n.language) })}
    </Badge>
  )
}
