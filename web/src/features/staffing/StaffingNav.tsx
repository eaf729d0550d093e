import { Anchor, Group } from '@mantine/core'
import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'

const links = [
  { to: '/staffing', key: 'positions' },
  { to: '/staffing/warnings', key: 'warnings' },
  { to: '/staffing/timeline', key: 'timeline' },
  { to: '/staffing/budget', key: 'budget' },
  { to: '/staffing/caseload', key: 'caseload' },
] as const

/** The pages of staffing, as a row of links under each page's heading. */
export function StaffingNav() {
  const { t } = useTranslation()
  return (
    <Group component="nav" aria-label={t('staffing.nav.label')} gap="lg">
      {links.map((link) => (
        <Anchor key={link.to} component={Link} to={link.to} activeOptions={{ exact: true }}>
          {t(`staffing.nav.${link.key}`)}
        </Anchor>
      ))}
    </Group>
  )
}
