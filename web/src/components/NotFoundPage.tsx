import { Anchor, Stack, Text, Title } from '@mantine/core'
import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'

export function NotFoundPage() {
  const { t } = useTranslation()
  return (
    <Stack gap="sm">
      <Title order={2}>{t('common.notFoundTitle')}</Title>
      <Text>{t('common.notFoundText')}</Text>
      <Anchor component={Link} to="/">
        {t('common.backToStart')}
      </Anchor>
    </Stack>
  )
}
