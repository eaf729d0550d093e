import { SegmentedControl, VisuallyHidden } from '@mantine/core'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { changeLanguage, type Language } from '../i18n.ts'

export function LanguageSwitch() {
  const { t, i18n } = useTranslation()
  const labelId = useId()
  return (
    <>
      <VisuallyHidden id={labelId}>{t('app.language')}</VisuallyHidden>
      <SegmentedControl
        aria-labelledby={labelId}
        size="xs"
        value={i18n.language}
        onChange={(value) => void changeLanguage(value as Language)}
        data={[
          { value: 'de', label: t('app.languageGerman') },
          { value: 'en', label: t('app.languageEnglish') },
        ]}
      />
    </>
  )
}
