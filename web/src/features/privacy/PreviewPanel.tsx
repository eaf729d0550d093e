import { List, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { RetentionPreview } from '../../../../common/privacy-retention.ts'

/** What the next run would do, per kind: counts, records held back, and references only. */
export function PreviewPanel({ preview }: { preview: RetentionPreview }) {
  const { t, i18n } = useTranslation()
  const day = (value: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${value}T00:00:00Z`),
    )
  return (
    <Stack gap="sm">
      <Title order={3}>{t('privacy.preview.title')}</Title>
      <Text size="sm">{t('privacy.preview.asOf', { day: day(preview.asOf) })}</Text>
      {preview.kinds.map((kind) => (
        <Stack key={kind.recordKind} gap={4}>
          <Title order={4}>
            {t(`privacy.kinds.${kind.recordKind}`)} – {t(`privacy.actions.${kind.action}`)}
          </Title>
          <Text size="sm">
            {t('privacy.preview.dueBefore', { day: day(kind.dueBefore) })} ·{' '}
            {kind.count === 0 ? t('privacy.preview.none') : t('privacy.preview.count', { count: kind.count })}
            {kind.heldBack > 0 ? ` · ${t('privacy.preview.heldBack', { count: kind.heldBack })}` : ''}
          </Text>
          {kind.records.length > 0 && (
            <List size="sm">
              {kind.records.map((record) => (
                <List.Item key={record.id}>
                  {record.type === 'case'
                    ? t('privacy.preview.case', { reference: record.reference })
                    : t('privacy.preview.person', { id: record.id })}
                </List.Item>
              ))}
              {kind.count > kind.records.length && (
                <List.Item>
                  {t('privacy.preview.more', { count: kind.count - kind.records.length })}
                </List.Item>
              )}
            </List>
          )}
        </Stack>
      ))}
    </Stack>
  )
}
