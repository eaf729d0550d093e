import { Button, Group, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'

type ExportMenuProps = {
  /** The export route without extension, below /api: `/tasks/export`. */
  path: string
  /** The list's filters, so the file holds what the screen shows. */
  query?: Record<string, string | number | undefined>
  /** The list's name, for the links' accessible names ("Stellen als CSV-Datei exportieren"). */
  listName: string
  /** Shows the list's name before the links, where a page offers more than one list to export. */
  showName?: boolean
}

/**
 * The one export control of every list: two download links, XLSX and CSV. The server writes both
 * (same headings as the screen, German dates), checks access and audits the download; this only
 * builds the links. Plain links rather than a menu: one Tab stop each, nothing to open first.
 */
export function ExportMenu({ path, query = {}, listName, showName = false }: ExportMenuProps) {
  const { t } = useTranslation()
  const search = new URLSearchParams(
    Object.entries(query).flatMap(([key, value]) =>
      value === undefined || value === '' ? [] : [[key, String(value)]],
    ),
  ).toString()
  const href = (format: 'xlsx' | 'csv') => `/api${path}.${format}${search ? `?${search}` : ''}`
  return (
    <Group gap="xs" role="group" aria-label={t('app.export.of', { list: listName })}>
      {showName && (
        <Text size="sm" aria-hidden="true">
          {listName}
        </Text>
      )}
      {(['xlsx', 'csv'] as const).map((format) => (
        <Button
          key={format}
          component="a"
          href={href(format)}
          download
          variant="default"
          size="compact-sm"
          aria-label={t(`app.export.${format}Of`, { list: listName })}
        >
          {format.toUpperCase()}
        </Button>
      ))}
    </Group>
  )
}
