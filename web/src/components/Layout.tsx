import {
  Anchor,
  AppShell,
  Burger,
  Group,
  NavLink,
  SegmentedControl,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { useQuery } from '@tanstack/react-query'
import { Link, Outlet, useRouterState } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { changeLanguage, type Language } from '../i18n.ts'
import { healthQuery } from '../queries.ts'

const navigation = [
  { to: '/', labelKey: 'nav.start', exact: true },
  { to: '/districts', labelKey: 'nav.districts', exact: false },
] as const

export function Layout() {
  const { t, i18n } = useTranslation()
  const [opened, { toggle, close }] = useDisclosure()
  const pathname = useRouterState({ select: (state) => state.location.pathname })
  const health = useQuery(healthQuery)

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <a href="#main-content" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('app.mainNavigation')}
            />
            <Anchor component={Link} to="/" underline="never" c="inherit">
              <Group gap={8} wrap="nowrap">
                <img src="/favicon.svg" alt="" width={28} height={28} />
                <Title order={1} size="h3">
                  {t('app.name')}
                </Title>
              </Group>
            </Anchor>
            <Text c="dimmed" size="sm" visibleFrom="md">
              {t('app.tagline')}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <VisuallyHidden id="language-label">{t('app.language')}</VisuallyHidden>
            <SegmentedControl
              aria-labelledby="language-label"
              size="xs"
              value={i18n.language}
              onChange={(value) => void changeLanguage(value as Language)}
              data={[
                { value: 'de', label: t('app.languageGerman') },
                { value: 'en', label: t('app.languageEnglish') },
              ]}
            />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" component="nav" aria-label={t('app.mainNavigation')}>
        {navigation.map((item) => {
          const active = item.exact ? pathname === item.to : pathname.startsWith(item.to)
          return (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={t(item.labelKey)}
              active={active}
              aria-current={active ? 'page' : undefined}
              onClick={close}
            />
          )
        })}
        <NavLink href="/api/docs" label={t('nav.apiDocs')} mt="auto" />
      </AppShell.Navbar>
      <AppShell.Main id="main-content" tabIndex={-1}>
        <Outlet />
        {health.data && (
          <Text component="footer" size="xs" c="dimmed" mt="xl">
            {t('app.footer', {
              version: health.data.version,
              database: health.data.database === 'pglite' ? 'PGlite' : 'PostgreSQL',
              schemaVersion: health.data.schemaVersion,
            })}
          </Text>
        )}
      </AppShell.Main>
    </AppShell>
  )
}
