import { Button, Menu } from '@mantine/core'
import { useTranslation } from 'react-i18next'

type ExportMenuProps = {
  /** The export route without extension, below /api: `/tasks/export`. */
  path: string
  /** The list's filters, so the file holds what the screen shows. */
  query?: Record<string, string | number | undefined>
  /** The list's name, for the button's accessible name ("Wiedervorlagen exportieren"). */
  listName: string
}

/**
 * The one export control of every list: a menu with the XLSX and the CSV download. The server
 * writes both (same headings as the screen, German dates) and checks access and audits the
 * download; this only builds the links.
 */
export function ExportMenu({ path, query = {}, listName }: ExportMenuProps) {
  const { t, i18n } = useTranslation()
  const search = new URLSearchParams(
    Object.entries(query).flatMap(([key, value]) =>
      value === undefined || value === '' ? [] : [[key, String(value)]],
    ),
  ).toString()
  const href = (format: 'xlsx' | 'csv') => `/api${path}.${format}${search ? `?${search}` : ''}`
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" size="sm" aria-label={t('app.export.of', { list: listName })}>
          {t('app.export.label')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {(['xlsx', 'csv'] as const).map((format) => (
          <Menu.Item key={format} component="a" href={href(format)} download hrefLang={i18n.language}>
            {t(`app.export.${format}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  )
}
