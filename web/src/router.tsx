import { createRootRoute, createRoute, createRouter } from '@tanstack/react-router'
import { AppGate } from './components/AppGate.tsx'
import { RequireAbility } from './components/RequireAbility.tsx'
import { AccountPage } from './routes/AccountPage.tsx'
import { AuditPage } from './routes/AuditPage.tsx'
import { DistrictPage } from './routes/DistrictPage.tsx'
import { DistrictsPage } from './routes/DistrictsPage.tsx'
import { NotFoundPage } from './routes/NotFoundPage.tsx'
import { OrganisationsPage } from './routes/OrganisationsPage.tsx'
import { StartPage } from './routes/StartPage.tsx'
import { UsersPage } from './routes/UsersPage.tsx'

const rootRoute = createRootRoute({ component: AppGate, notFoundComponent: NotFoundPage })

/** A page that only shows when the session has the ability; others get a plain refusal. */
const page = (path: string, Component: () => React.ReactNode, ability = 'district.read') =>
  createRoute({
    getParentRoute: () => rootRoute,
    path,
    component: () => (
      <RequireAbility ability={ability}>
        <Component />
      </RequireAbility>
    ),
  })

const districtRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/districts/$districtId',
  component: function DistrictRoute() {
    const { districtId } = districtRoute.useParams()
    return <DistrictPage districtId={districtId} />
  },
})

const routeTree = rootRoute.addChildren([
  page('/', StartPage),
  page('/districts', DistrictsPage),
  districtRoute,
  page('/account', AccountPage, 'session.own'),
  page('/admin/users', UsersPage, 'user.manage'),
  page('/admin/organisations', OrganisationsPage, 'organisation.manage'),
  page('/audit', AuditPage, 'audit.read'),
  // Rendered by AppGate without a session; the route only makes the address known to the router.
  createRoute({ getParentRoute: () => rootRoute, path: '/reset', component: () => null }),
])

export const router = createRouter({ routeTree, defaultPreload: 'intent' })

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router
  }
}
