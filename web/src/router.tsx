import {
  type AsyncRouteComponent,
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
} from '@tanstack/react-router'
import type { Action } from '../../common/abilities.ts'
import { AppGate } from './components/AppGate.tsx'
import { NotFoundPage } from './components/NotFoundPage.tsx'
import { RequireAbility } from './components/RequireAbility.tsx'
import { parseCaseListSearch, parseCaseSearch } from './features/cases/case-search.ts'
import { StartPage } from './features/start/StartPage.tsx'

// The start page (and, through AppGate, the sign-in) come with the app; every other page is a
// chunk of its own, fetched when the route is first entered or hovered (defaultPreload 'intent'),
// so that nobody downloads the case file, the admin pages or a chart library just to sign in.
const AccountPage = lazyRouteComponent(() => import('./features/account/AccountPage.tsx'), 'AccountPage')
const AuditPage = lazyRouteComponent(() => import('./features/audit/AuditPage.tsx'), 'AuditPage')
const CaseListPage = lazyRouteComponent(() => import('./features/cases/CaseListPage.tsx'), 'CaseListPage')
const CasePage = lazyRouteComponent(() => import('./features/cases/CasePage.tsx'), 'CasePage')
const CaseWorkSettingsPage = lazyRouteComponent(
  () => import('./features/settings/CaseWorkSettingsPage.tsx'),
  'CaseWorkSettingsPage',
)
const PersonPage = lazyRouteComponent(() => import('./features/persons/PersonPage.tsx'), 'PersonPage')
const PersonRegistrationPage = lazyRouteComponent(
  () => import('./features/persons/PersonRegistrationPage.tsx'),
  'PersonRegistrationPage',
)
const ShortConsultationsPage = lazyRouteComponent(
  () => import('./features/contacts/ShortConsultationsPage.tsx'),
  'ShortConsultationsPage',
)
const TasksPage = lazyRouteComponent(() => import('./features/tasks/TasksPage.tsx'), 'TasksPage')
const DistrictPage = lazyRouteComponent(() => import('./features/districts/DistrictPage.tsx'), 'DistrictPage')
const DistrictsPage = lazyRouteComponent(
  () => import('./features/districts/DistrictsPage.tsx'),
  'DistrictsPage',
)
const OrganisationsPage = lazyRouteComponent(
  () => import('./features/organisations/OrganisationsPage.tsx'),
  'OrganisationsPage',
)
const ConferencesPage = lazyRouteComponent(
  () => import('./features/network/conferences/ConferencesPage.tsx'),
  'ConferencesPage',
)
const LegalSphereChangesPage = lazyRouteComponent(
  () => import('./features/network/transitions/LegalSphereChangesPage.tsx'),
  'LegalSphereChangesPage',
)
const InboxPage = lazyRouteComponent(() => import('./features/network/InboxPage.tsx'), 'InboxPage')
const ReferralPage = lazyRouteComponent(() => import('./features/network/ReferralPage.tsx'), 'ReferralPage')
const PositionsPage = lazyRouteComponent(
  () => import('./features/staffing/PositionsPage.tsx'),
  'PositionsPage',
)
const PositionPage = lazyRouteComponent(() => import('./features/staffing/PositionPage.tsx'), 'PositionPage')
const WarningsPage = lazyRouteComponent(() => import('./features/staffing/WarningsPage.tsx'), 'WarningsPage')
const TimelinePage = lazyRouteComponent(() => import('./features/staffing/TimelinePage.tsx'), 'TimelinePage')
const BudgetPage = lazyRouteComponent(() => import('./features/staffing/BudgetPage.tsx'), 'BudgetPage')
const CaseloadPage = lazyRouteComponent(() => import('./features/staffing/CaseloadPage.tsx'), 'CaseloadPage')
const BodiesPage = lazyRouteComponent(() => import('./features/steering/BodiesPage.tsx'), 'BodiesPage')
const BodyPage = lazyRouteComponent(() => import('./features/steering/BodyPage.tsx'), 'BodyPage')
const MeetingPage = lazyRouteComponent(() => import('./features/steering/MeetingPage.tsx'), 'MeetingPage')
const DecisionsPage = lazyRouteComponent(
  () => import('./features/steering/DecisionsPage.tsx'),
  'DecisionsPage',
)
const ConceptPage = lazyRouteComponent(() => import('./features/concept/ConceptPage.tsx'), 'ConceptPage')
const ConceptVersionPage = lazyRouteComponent(
  () => import('./features/concept/ConceptVersionPage.tsx'),
  'ConceptVersionPage',
)
const ConceptComparePage = lazyRouteComponent(
  () => import('./features/concept/ConceptComparePage.tsx'),
  'ConceptComparePage',
)
const GoalAgreementsPage = lazyRouteComponent(
  () => import('./features/goals/GoalAgreementsPage.tsx'),
  'GoalAgreementsPage',
)
const GoalAgreementPage = lazyRouteComponent(
  () => import('./features/goals/GoalAgreementPage.tsx'),
  'GoalAgreementPage',
)
const DashboardPage = lazyRouteComponent(
  () => import('./features/reporting/DashboardPage.tsx'),
  'DashboardPage',
)
const EvaluationsPage = lazyRouteComponent(
  () => import('./features/reporting/EvaluationsPage.tsx'),
  'EvaluationsPage',
)
const EvaluationPage = lazyRouteComponent(
  () => import('./features/reporting/EvaluationPage.tsx'),
  'EvaluationPage',
)
const ReportingSettingsPage = lazyRouteComponent(
  () => import('./features/settings/ReportingSettingsPage.tsx'),
  'ReportingSettingsPage',
)
const UsersPage = lazyRouteComponent(() => import('./features/users/UsersPage.tsx'), 'UsersPage')
const DirectoryPage = lazyRouteComponent(
  () => import('./features/network/DirectoryPage.tsx'),
  'DirectoryPage',
)
const OrganisationPage = lazyRouteComponent(
  () => import('./features/network/OrganisationPage.tsx'),
  'OrganisationPage',
)
const ServiceMapPage = lazyRouteComponent(
  () => import('./features/network/ServiceMapPage.tsx'),
  'ServiceMapPage',
)
const ObstacleBoardPage = lazyRouteComponent(
  () => import('./features/obstacles/ObstacleBoardPage.tsx'),
  'ObstacleBoardPage',
)
const OverlapsPage = lazyRouteComponent(() => import('./features/network/OverlapsPage.tsx'), 'OverlapsPage')
const OverridesPage = lazyRouteComponent(
  () => import('./features/network/OverridesPage.tsx'),
  'OverridesPage',
)

/** Loads a lazy page's code with the route (and on preload), so the page does not suspend after. */
// biome-ignore lint/suspicious/noExplicitAny: the props differ per page; only preload is used
const loads = (component: AsyncRouteComponent<any>) => async () => {
  await component.preload?.()
}

const rootRoute = createRootRoute({ component: AppGate, notFoundComponent: NotFoundPage })

/** A page that only shows when the session has the ability; others get a plain refusal. */
const page = (
  path: string,
  Component: AsyncRouteComponent<object> | (() => React.ReactNode),
  ability: Action = 'district.read',
) =>
  createRoute({
    getParentRoute: () => rootRoute,
    path,
    loader: 'preload' in Component ? loads(Component) : undefined,
    component: () => (
      <RequireAbility ability={ability}>
        <Component />
      </RequireAbility>
    ),
  })

const districtRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/districts/$districtId',
  loader: loads(DistrictPage),
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
  loader: loads(CaseListPage),
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
  loader: loads(CasePage),
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
  loader: loads(PersonPage),
  component: function PersonRoute() {
    const { personId } = personRoute.useParams()
    return (
      <RequireAbility ability="case.list">
        <PersonPage personId={personId} />
      </RequireAbility>
    )
  },
})

// Network: the partner directory, the service map (filters may come in the address) and the overlaps.
const partnerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/partners/$organisationId',
  loader: loads(OrganisationPage),
  component: function PartnerRoute() {
    const { organisationId } = partnerRoute.useParams()
    return (
      <RequireAbility ability="network.read">
        <OrganisationPage organisationId={organisationId} />
      </RequireAbility>
    )
  },
})
const uuidOrUndefined = (value: unknown) =>
  typeof value === 'string' && /^[0-9a-f-]{36}$/i.test(value) ? value : undefined
const servicesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/services',
  validateSearch: (
    search: Record<string, unknown>,
  ): { organisationId?: string; municipalityId?: string } => ({
    organisationId: uuidOrUndefined(search.organisationId),
    municipalityId: uuidOrUndefined(search.municipalityId),
  }),
  loader: loads(ServiceMapPage),
  component: function ServicesRoute() {
    const search = servicesRoute.useSearch()
    return (
      <RequireAbility ability="network.read">
        <ServiceMapPage initial={search} />
      </RequireAbility>
    )
  },
})
// A referral opens for the case's readers and for the receiving partner; the server decides which view.
const referralRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/referrals/$referralId',
  loader: loads(ReferralPage),
  component: function ReferralRoute() {
    const { referralId } = referralRoute.useParams()
    return <ReferralPage referralId={referralId} />
  },
})

// Steering: bodies, their meetings and the register of decisions.
const bodyRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/steering/bodies/$bodyId',
  loader: loads(BodyPage),
  component: function BodyRoute() {
    const { bodyId } = bodyRoute.useParams()
    return (
      <RequireAbility ability="steering.read">
        <BodyPage bodyId={bodyId} />
      </RequireAbility>
    )
  },
})
const meetingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/steering/meetings/$meetingId',
  loader: loads(MeetingPage),
  component: function MeetingRoute() {
    const { meetingId } = meetingRoute.useParams()
    return (
      <RequireAbility ability="steering.read">
        <MeetingPage meetingId={meetingId} />
      </RequireAbility>
    )
  },
})
const goalAgreementRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/goal-agreements/$agreementId',
  loader: loads(GoalAgreementPage),
  component: function GoalAgreementRoute() {
    const { agreementId } = goalAgreementRoute.useParams()
    return (
      <RequireAbility ability="goal-agreement.read">
        <GoalAgreementPage agreementId={agreementId} />
      </RequireAbility>
    )
  },
})

// Reporting: one frozen evaluation, exactly as stored.
const evaluationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/figures/evaluations/$evaluationId',
  loader: loads(EvaluationPage),
  component: function EvaluationRoute() {
    const { evaluationId } = evaluationRoute.useParams()
    return (
      <RequireAbility ability="figures.read">
        <EvaluationPage evaluationId={evaluationId} />
      </RequireAbility>
    )
  },
})

// Staffing and funding: positions, contracts, warnings, timeline, budget.
const positionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/staffing/positions/$positionId',
  loader: loads(PositionPage),
  component: function PositionRoute() {
    const { positionId } = positionRoute.useParams()
    return (
      <RequireAbility ability="staffing.read">
        <PositionPage positionId={positionId} />
      </RequireAbility>
    )
  },
})
// The integration concept: its versions, one version, two versions compared.
const conceptVersionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/steering/concept/$versionId',
  loader: loads(ConceptVersionPage),
  component: function ConceptVersionRoute() {
    const { versionId } = conceptVersionRoute.useParams()
    return (
      <RequireAbility ability="steering.read">
        <ConceptVersionPage versionId={versionId} />
      </RequireAbility>
    )
  },
})
const conceptCompareRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/steering/concept/compare',
  validateSearch: (search: Record<string, unknown>): { from?: string; to?: string } => ({
    from: uuidOrUndefined(search.from),
    to: uuidOrUndefined(search.to),
  }),
  loader: loads(ConceptComparePage),
  component: function ConceptCompareRoute() {
    const { from, to } = conceptCompareRoute.useSearch()
    return (
      <RequireAbility ability="steering.read">
        <ConceptComparePage from={from} to={to} />
      </RequireAbility>
    )
  },
})

// The obstacle board; `obstacle` opens one card (linked from a case or a meeting).
const obstaclesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/obstacles',
  validateSearch: (search: Record<string, unknown>): { obstacle?: string } => ({
    obstacle: uuidOrUndefined(search.obstacle),
  }),
  loader: loads(ObstacleBoardPage),
  component: function ObstaclesRoute() {
    const search = obstaclesRoute.useSearch()
    return (
      <RequireAbility ability="steering.read">
        <ObstacleBoardPage initialObstacle={search.obstacle} />
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
  page('/figures', DashboardPage, 'figures.read'),
  page('/figures/evaluations', EvaluationsPage, 'figures.read'),
  evaluationRoute,
  page('/admin/reporting', ReportingSettingsPage, 'reporting-settings.manage'),
  casesRoute,
  caseRoute,
  page('/persons/new', PersonRegistrationPage, 'person.register'),
  personRoute,
  page('/tasks', TasksPage, 'task.own'),
  page('/steering', BodiesPage, 'steering.read'),
  bodyRoute,
  meetingRoute,
  page('/steering/concept', ConceptPage, 'steering.read'),
  conceptCompareRoute,
  conceptVersionRoute,
  goalAgreementRoute,
  page('/decisions', DecisionsPage, 'decision.read'),
  page('/goal-agreements', GoalAgreementsPage, 'goal-agreement.read'),
  page('/staffing', PositionsPage, 'staffing.read'),
  positionRoute,
  page('/staffing/warnings', WarningsPage, 'staffing.read'),
  page('/staffing/timeline', TimelinePage, 'staffing.read'),
  page('/staffing/budget', BudgetPage, 'staffing.read'),
  page('/staffing/caseload', CaseloadPage, 'staffing.read'),
  obstaclesRoute,
  page('/referrals', InboxPage, 'referral.inbox'),
  page('/referral-overrides', OverridesPage, 'referral.review'),
  referralRoute,
  page('/short-consultations', ShortConsultationsPage, 'short-consultation.record'),
  page('/admin/case-work', CaseWorkSettingsPage, 'casework-settings.manage'),
  page('/partners', DirectoryPage, 'network.read'),
  partnerRoute,
  servicesRoute,
  page('/overlaps', OverlapsPage, 'network.read'),
  page('/legal-sphere-changes', LegalSphereChangesPage, 'legal-sphere-change.figure'),
  page('/case-conferences', ConferencesPage, 'case-conference.list'),
  // Rendered by AppGate without a session; the route only makes the address known to the router.
  createRoute({ getParentRoute: () => rootRoute, path: '/reset', component: () => null }),
])

export const router = createRouter({ routeTree, defaultPreload: 'intent' })

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router
  }
}
