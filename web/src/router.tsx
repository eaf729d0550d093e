import { createRootRoute, createRoute, createRouter } from '@tanstack/react-router'
import { parseCaseListSearch, parseCaseSearch } from './casework-search.ts'
import { AppGate } from './components/AppGate.tsx'
import { RequireAbility } from './components/RequireAbility.tsx'
import { AccountPage } from './routes/AccountPage.tsx'
import { AuditPage } from './routes/AuditPage.tsx'
import { CaseListPage } from './routes/casework/CaseListPage.tsx'
import { CasePage } from './routes/casework/CasePage.tsx'
import { CaseWorkSettingsPage } from './routes/casework/CaseWorkSettingsPage.tsx'
import { PersonPage } from './routes/casework/PersonPage.tsx'
import { PersonRegistrationPage } from './routes/casework/PersonRegistrationPage.tsx'
import { ShortConsultationsPage } from './routes/casework/ShortConsultationsPage.tsx'
import { TasksPage } from './routes/casework/TasksPage.tsx'
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

// Case work: filters and the open tab live in the address, so that views can be linked.
const casesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cases',
  validateSearch: parseCaseListSearch,
  component: () => (
    <RequireAbility ability="case.list">
      <CaseListPage />
    </RequireAbility>
  ),
})
const caseRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cases/$caseId',
  validateSearch: parseCaseSearch,
  component: function CaseRoute() {
    const { caseId } = caseRoute.useParams()
    return (
      <RequireAbility ability="case.list">
        <CasePage caseId={caseId} />
      </RequireAbility>
    )
  },
})
const personRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/persons/$personId',
  component: function PersonRoute() {
    const { personId } = personRoute.useParams()
    return (
      <RequireAbility ability="case.list">
        <PersonPage personId={personId} />
      </RequireAbility>
    )
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
  casesRoute,
  caseRoute,
  page('/persons/new', PersonRegistrationPage, 'person.register'),
  personRoute,
  page('/tasks', TasksPage, 'task.own'),
  page('/short-consultations', ShortConsultationsPage, 'short-consultation.record'),
  page('/admin/case-work', CaseWorkSettingsPage, 'casework-settings.manage'),
  // Rendered by AppGate without a session; the route only makes the address known to the router.
  createRoute({ getParentRoute: () => rootRoute, path: '/reset', component: () => null }),
])

export const router = createRouter({ routeTree, defaultPreload: 'intent' })

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router
  }
}
