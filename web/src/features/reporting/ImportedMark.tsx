import { Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'

/** Marks a figure that rests on monthly counts imported from before Lotse (decision 0027). */
export function ImportedMark() {
  const { t } = useTranslation()
  return (
    <Badge ml="xs" size="xs" variant="outline" color="dark" title={t('reporting.importedNote')}>
      {t('reporting.imported')}
    </Badge>
  )
}
