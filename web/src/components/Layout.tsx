import { Alert, Anchor, AppShell, Burger, Button, Group, NavLink, Text, Title } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { useMutation, useQuery } from '@tanstack/react-query'
import { Link, Outlet, useRouterState } from '@tanstack/react-router'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { Action } from '../../../common/abilities.ts'
import { apiSend } from '../api.ts'
import { healthQuery } from '../queries.ts'
import { useCan, useReplaceSession, useSession } from '../session.tsx'
import { LanguageSwitch } from './LanguageSwitch.tsx'
import { usePageFocus } from './page-focus.ts'

type NavigationItem = { to: string; labelKey: string; exact: boolean; ability: Action }

/**
 * The menu in groups: a coordinator sees some twenty entries, which read as one long list
 * without them. A group whose entries the user may not see disappears with them.
 */
const navigationGroups: readonly { key: string; items: readonly NavigationItem[] }[] = [
  {
    key: 'overview',
    items: [{ to: '/', labelKey: 'nav.start', exact: true, ability: 'district.read' }],
  },
  {
    key: 'caseWork',
    items: [
      { to: '/cases', labelKey: 'casework.nav.cases', exact: false, ability: 'case.list' },
      { to: '/tasks', labelKey: 'casework.nav.tasks', exact: false, ability: 'task.own' },
      { to: '/referrals', labelKey: 'nav.referralInbox', exact: false, ability: 'referral.inbox' },
      {
        to: '/short-consultations',
        labelKey: 'casework.nav.shortConsultations',
        exact: false,
        ability: 'short-consultation.record',
      },
    ],
  },
  {
    key: 'network',
    items: [
      { to: '/partners', labelKey: 'network.nav.directory', exact: false, ability: 'network.read' },
      { to: '/services', labelKey: 'network.nav.services', exact: false, ability: 'network.read' },
      { to: '/overlaps', labelKey: 'network.nav.overlaps', exact: false, ability: 'network.read' },
      {
        to: '/referral-overrides',
        labelKey: 'network.nav.overrides',
        exact: false,
        ability: 'referral.review',
      },
      {
        to: '/case-conferences',
        labelKey: 'caseConferences.nav',
        exact: false,
        ability: 'case-conference.list',
      },
      {
        to: '/legal-sphere-changes',
        labelKey: 'legalSphereChanges.nav',
        exact: false,
        ability: 'legal-sphere-change.figure',
      },
    ],
  },
  {
    key: 'steering',
    items: [
      { to: '/steering', labelKey: 'steering.nav.bodies', exact: false, ability: 'steering.read' },
      { to: '/steering/concept', labelKey: 'concept.nav', exact: false, ability: 'steering.read' },
      { to: '/decisions', labelKey: 'steering.nav.decisions', exact: false, ability: 'decision.read' },
      { to: '/goal-agreements', labelKey: 'goals.nav', exact: false, ability: 'goal-agreement.read' },
      { to: '/obstacles', labelKey: 'obstacles.nav', exact: false, ability: 'steering.manage' },
      { to: '/staffing', labelKey: 'staffing.nav.positions', exact: false, ability: 'staffing.read' },
    ],
  },
  {
    key: 'reporting',
    items: [
      { to: '/figures', labelKey: 'reporting.nav', exact: true, ability: 'figures.read' },
      {
        to: '/figures/evaluations',
        labelKey: 'reporting.evaluations.nav',
        exact: false,
        ability: 'figures.read',
      },
      { to: '/figures/reports', labelKey: 'reporting.reports.nav', exact: false, ability: 'report.read' },
      {
        to: '/figures/state-report',
        labelKey: 'reporting.stateReport.nav',
        exact: true,
        ability: 'state-report.export',
      },
    ],
  },
  {
    key: 'privacy',
    items: [
      {
        to: '/privacy-requests',
        labelKey: 'nav.privacyRequests',
        exact: false,
        ability: 'privacy-request.handle',
      },
      { to: '/privacy/retention', labelKey: 'nav.privacy', exact: false, ability: 'retention.manage' },
      {
        to: '/processing-record',
        labelKey: 'nav.processingRecord',
        exact: false,
        ability: 'processing-record.read',
      },
      {
        to: '/privacy/access-review',
        labelKey: 'nav.accessReview',
        exact: false,
        ability: 'access-review.read',
      },
    ],
  },
  {
    key: 'administration',
    items: [
      { to: '/districts', labelKey: 'nav.districts', exact: false, ability: 'district.read' },
      { to: '/admin/users', labelKey: 'nav.users', exact: false, ability: 'user.manage' },
      {
        to: '/admin/organisations',
        labelKey: 'nav.organisations',
        exact: false,
        ability: 'organisation.manage',
      },
      { to: '/audit', labelKey: 'nav.audit', exact: false, ability: 'audit.read' },
      { to: '/admin/imports', labelKey: 'nav.imports', exact: false, ability: 'import.manage' },
      { to: '/admin/integrations', labelKey: 'nav.integrations', exact: false, ability: 'webhook.manage' },
      {
        to: '/admin/case-work',
        labelKey: 'casework.nav.settings',
        exact: false,
        ability: 'casework-settings.manage',
      },
      {
        to: '/admin/reporting',
        labelKey: 'reporting.settings.nav',
        exact: false,
        ability: 'reporting-settings.manage',
      },
      { to: '/account', labelKey: 'nav.account', exact: false, ability: 'session.own' },
    ],
  },
]

const navigation = navigationGroups.flatMap((group) => group.items)

/** A deeper entry (the concept below the bodies) takes the highlight from its parent. */
function isActive(item: NavigationItem, pathname: string): boolean {
  if (item.exact) return pathname === item.to
  return (
    pathname.startsWith(item.to) &&
    !navigation.some(
      (other) =>
        other.to.length > item.to.length && other.to.startsWith(item.to) && pathname.startsWith(other.to),
    )
  )
}

export function Layout() {
  const { t } = useTranslation()
  const session = useSession()
  const can = useCan()
  const [opened, { toggle, close }] = useDisclosure()
  const pathname = useRouterState({ select: (state) => state.location.pathname })
  const health = useQuery(healthQuery)
  const replaceSession = useReplaceSession()
  const logout = useMutation({
    mutationFn: () => apiSend('POST', '/auth/logout'),
    onSettled: () => replaceSession(null),
  })
  const mainRef = useRef<HTMLElement>(null)
  usePageFocus(mainRef, t('app.name'))

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
              {session.user.districtName}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            <Text size="sm" visibleFrom="sm">
              {session.user.displayName}
            </Text>
            <Button variant="default" size="xs" onClick={() => logout.mutate()} loading={logout.isPending}>
              {t('app.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      {/* The steering side has some twenty entries: on a small screen the list scrolls, so the
          last ones (Mein Konto) stay reachable. */}
      <AppShell.Navbar
        p="sm"
        component="nav"
        aria-label={t('app.mainNavigation')}
        style={{ overflowY: 'auto' }}
      >
        {navigationGroups.map((group) => {
          const items = group.items.filter((item) => can(item.ability))
          if (items.length === 0) return null
          const headingId = `navigation-group-${group.key}`
          return (
            // biome-ignore lint/a11y/useSemanticElements: a labelled group of links in the navigation, not a form's fieldset
            <div key={group.key} role="group" aria-labelledby={headingId}>
              <Text id={headingId} size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="sm" pb={4}>
                {t(`nav.groups.${group.key}`)}
              </Text>
              {items.map((item) => {
                const active = isActive(item, pathname)
                return (
                  <NavLink
                    key={item.to}
                    component={Link}
                    to={item.to}
                    // The router marks only its exact page; the highlight of a section is decided above.
                    activeOptions={{ exact: true }}
                    label={t(item.labelKey)}
                    active={active}
                    aria-current={active ? 'page' : undefined}
                    onClick={close}
                  />
                )
              })}
            </div>
          )
        })}
        <NavLink href="/api/docs" label={t('nav.apiDocs')} mt="auto" />
      </AppShell.Navbar>
      <AppShell.Main id="main-content" tabIndex={-1} ref={mainRef}>
        {session.mustEnrolSecondFactor && (
          <Alert color="yellow" role="alert" mb="md" maw={1000}>
            <Text size="sm" mb="xs">
              {t('app.mustEnrol')}
            </Text>
            {pathname !== '/account' && (
              <Anchor component={Link} to="/account">
                {t('app.goToAccount')}
              </Anchor>
            )}
          </Alert>
        )}
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
