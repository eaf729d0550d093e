import { Alert, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api.ts'

/**
 * Why an obstacle's text was refused: the server's explanation, and the words it found (names of
 * persons of the district, dates), which the writer typed and now has to rephrase.
 */
export function PersonalDataProblem({ error }: { error: Error | null }) {
  const { t, i18n } = useTranslation()
  if (!(error instanceof ApiError) || error.problem?.code !== 'obstacle-personal-data') return null
  const words = [...(error.problem.detail ?? '').matchAll(/"([^"]+)"/g)].map((match) => match[1])
  return (
    <Alert color="red" role="alert" title={t('obstacles.personalData.title')}>
      <Text size="sm">{error.messageIn(i18n.language)}</Text>
      {words.length > 0 && (
        <Text size="sm" mt={4}>
          {t('obstacles.personalData.found', { words: words.join(', ') })}
        </Text>
      )}
    </Alert>
  )
}
