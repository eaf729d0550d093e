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
import { withTexts } from './i18n.ts'

// The start page (and, through AppGate, the sign-in) come with the app; every other page is a
// chunk of its own, fetched when the route is first entered or hovered (defaultPreload 'intent'),
// so that nobody downloads the case file, the admin pages or a chart library just to sign in.
// A page's chunk comes with the texts of the features it shows (`withTexts`, see i18n.ts).
const AccountPage = lazyRouteComponent(
  () => withTexts(import('./features/account/AccountPage.tsx'), ['admin', 'casework']),
  'AccountPage',
)
const AuditPage = lazyRouteComponent(
  () => withTexts(import('./features/audit/AuditPage.tsx'), ['admin']),
  'AuditPage',
)
const PrivacyRequestsPage = lazyRouteComponent(
  () => withTexts(import('./features/privacy/PrivacyRequestsPage.tsx'), ['disclosure']),
  'PrivacyRequestsPage',
)
const RequestSubjectPage = lazyRouteComponent(
  () => withTexts(import('./features/privacy/RequestSubjectPage.tsx'), ['disclosure']),
  'RequestSubjectPage',
)
const ImportPage = lazyRouteComponent(
  () => withTexts(import('./features/imports/ImportPage.tsx'), ['admin']),
  'ImportPage',
)
const ProcessingRecordPage = lazyRouteComponent(
  () => withTexts(import('./features/privacy/ProcessingRecordPage.tsx'), ['disclosure']),
  'ProcessingRecordPage',
)
const AccessReviewPage = lazyRouteComponent(
  () => withTexts(import('./features/privacy/AccessReviewPage.tsx'), ['privacy', 'admin']),
  'AccessReviewPage',
)
const CaseListPage = lazyRouteComponent(
  () => withTexts(import('./features/cases/CaseListPage.tsx'), ['casework']),
  'CaseListPage',
)
const CasePage = lazyRouteComponent(
  () => withTexts(import('./features/cases/CasePage.tsx'), ['casework', 'network', 'obstacles', 'steering']),
  'CasePage',
)
const CaseWorkSettingsPage = lazyRouteComponent(
  () => withTexts(import('./features/settings/CaseWorkSettingsPage.tsx'), ['casework']),
  'CaseWorkSettingsPage',
)
const PersonPage = lazyRouteComponent(
  () => withTexts(import('./features/persons/PersonPage.tsx'), ['casework', 'network']),
  'PersonPage',
)
const PersonRegistrationPage = lazyRouteComponent(
  () => withTexts(import('./features/persons/PersonRegistrationPage.tsx'), ['casework']),
  'PersonRegistrationPage',
)
const ShortConsultationsPage = lazyRouteComponent(
  () => withTexts(import('./features/contacts/ShortConsultationsPage.tsx'), ['casework']),
  'ShortConsultationsPage',
)
const TasksPage = lazyRouteComponent(
  () => withTexts(import('./features/tasks/TasksPage.tsx'), ['casework']),
  'TasksPage',
)
const DistrictPage = lazyRouteComponent(() => import('./features/districts/DistrictPage.tsx'), 'DistrictPage')
const DistrictsPage = lazyRouteComponent(
  () => import('./features/districts/DistrictsPage.tsx'),
  'DistrictsPage',
)
const OrganisationsPage = lazyRouteComponent(
  () => withTexts(import('./features/organisations/OrganisationsPage.tsx'), ['admin', 'casework']),
  'OrganisationsPage',
)
const ConferencesPage = lazyRouteComponent(
  () => withTexts(import('./features/network/conferences/ConferencesPage.tsx'), ['network', 'casework']),
  'ConferencesPage',
)
const LegalSphereChangesPage = lazyRouteComponent(
  () =>
    withTexts(import('./features/network/transitions/LegalSphereChangesPage.tsx'), ['network', 'casework']),
  'LegalSphereChangesPage',
)
const InboxPage = lazyRouteComponent(
  () => withTexts(import('./features/network/InboxPage.tsx'), ['network', 'casework']),
  'InboxPage',
)
const ReferralPage = lazyRouteComponent(
  () => withTexts(import('./features/network/ReferralPage.tsx'), ['network', 'casework']),
  'ReferralPage',
)
const PositionsPage = lazyRouteComponent(
  () => withTexts(import('./features/staffing/PositionsPage.tsx'), ['staffing', 'casework']),
  'PositionsPage',
)
const PositionPage = lazyRouteComponent(
  () => withTexts(import('./features/staffing/PositionPage.tsx'), ['staffing', 'casework']),
  'PositionPage',
)
const WarningsPage = lazyRouteComponent(
  () => withTexts(import('./features/staffing/WarningsPage.tsx'), ['staffing', 'casework']),
  'WarningsPage',
)
const TimelinePage = lazyRouteComponent(
  () => withTexts(import('./features/staffing/TimelinePage.tsx'), ['staffing', 'casework']),
  'TimelinePage',
)
const BudgetPage = lazyRouteComponent(
  () => withTexts(import('./features/staffing/BudgetPage.tsx'), ['staffing', 'casework']),
  'BudgetPage',
)
const CaseloadPage = lazyRouteComponent(
  () => withTexts(import('./features/staffing/CaseloadPage.tsx'), ['staffing', 'casework']),
  'CaseloadPage',
)
const BodiesPage = lazyRouteComponent(
  () => withTexts(import('./features/steering/BodiesPage.tsx'), ['steering', 'casework']),
  'BodiesPage',
)
const BodyPage = lazyRouteComponent(
  () => withTexts(import('./features/steering/BodyPage.tsx'), ['steering', 'casework']),
  'BodyPage',
)
const MeetingPage = lazyRouteComponent(
  () => withTexts(import('./features/steering/MeetingPage.tsx'), ['steering', 'obstacles', 'casework']),
  'MeetingPage',
)
const DecisionsPage = lazyRouteComponent(
  () => withTexts(import('./features/steering/DecisionsPage.tsx'), ['steering', 'casework']),
  'DecisionsPage',
)
const ConceptPage = lazyRouteComponent(
  () => withTexts(import('./features/concept/ConceptPage.tsx'), ['concept', 'steering', 'casework']),
  'ConceptPage',
)
const ConceptVersionPage = lazyRouteComponent(
  () => withTexts(import('./features/concept/ConceptVersionPage.tsx'), ['concept', 'steering', 'casework']),
  'ConceptVersionPage',
)
const ConceptComparePage = lazyRouteComponent(
  () => withTexts(import('./features/concept/ConceptComparePage.tsx'), ['concept', 'steering', 'casework']),
  'ConceptComparePage',
)
const GoalAgreementsPage = lazyRouteComponent(
  () => withTexts(import('./features/goals/GoalAgreementsPage.tsx'), ['goals', 'steering', 'casework']),
  'GoalAgreementsPage',
)
const GoalAgreementPage = lazyRouteComponent(
  () => withTexts(import('./features/goals/GoalAgreementPage.tsx'), ['goals', 'steering', 'casework']),
  'GoalAgreementPage',
)
const DashboardPage = lazyRouteComponent(
  () => withTexts(import('./features/reporting/DashboardPage.tsx'), ['reporting', 'casework', 'network']),
  'DashboardPage',
)
const EvaluationsPage = lazyRouteComponent(
  () => withTexts(import('./features/reporting/EvaluationsPage.tsx'), ['reporting', 'casework', 'network']),
  'EvaluationsPage',
)
const StateReportPage = lazyRouteComponent(
  () => withTexts(import('./features/reporting/StateReportPage.tsx'), ['reporting']),
  'StateReportPage',
)
const EvaluationPage = lazyRouteComponent(
  () => withTexts(import('./features/reporting/EvaluationPage.tsx'), ['reporting', 'casework', 'network']),
  'EvaluationPage',
)
const ReportsPage = lazyRouteComponent(
  () => withTexts(import('./features/reporting/ReportsPage.tsx'), ['reports', 'reporting', 'casework']),
  'ReportsPage',
)
const ReportPage = lazyRouteComponent(
  () => withTexts(import('./features/reporting/ReportPage.tsx'), ['reports', 'reporting', 'casework']),
  'ReportPage',
)
const ReportTemplatesPage = lazyRouteComponent(
  () => withTexts(import('./features/reporting/ReportTemplatesPage.tsx'), ['reports', 'reporting']),
  'ReportTemplatesPage',
)
const ReportingSettingsPage = lazyRouteComponent(
  () =>
    withTexts(import('./features/settings/ReportingSettingsPage.tsx'), ['reporting', 'admin', 'casework']),
  'ReportingSettingsPage',
)
const RetentionPage = lazyRouteComponent(
  () => withTexts(import('./features/privacy/RetentionPage.tsx'), ['privacy', 'casework']),
  'RetentionPage',
)
const IntegrationsPage = lazyRouteComponent(
  () => withTexts(import('./features/integrations/IntegrationsPage.tsx'), ['admin', 'casework']),
  'IntegrationsPage',
)
const UsersPage = lazyRouteComponent(
  () => withTexts(import('./features/users/UsersPage.tsx'), ['admin', 'casework']),
  'UsersPage',
)
const DirectoryPage = lazyRouteComponent(
  () => withTexts(import('./features/network/DirectoryPage.tsx'), ['network', 'casework']),
  'DirectoryPage',
)
const OrganisationPage = lazyRouteComponent(
  () => withTexts(import('./features/network/OrganisationPage.tsx'), ['network', 'casework']),
  'OrganisationPage',
)
const ServiceMapPage = lazyRouteComponent(
  () => withTexts(import('./features/network/ServiceMapPage.tsx'), ['network', 'casework']),
  'ServiceMapPage',
)
const ObstacleBoardPage = lazyRouteComponent(
  () =>
    withTexts(import('./features/obstacles/ObstacleBoardPage.tsx'), ['obstacles', 'steering', 'casework']),
  'ObstacleBoardPage',
)
const OverlapsPage = lazyRouteComponent(
  () => withTexts(import('./features/network/OverlapsPage.tsx'), ['network', 'casework']),
  'OverlapsPage',
)
const OverridesPage = lazyRouteComponent(
  () => withTexts(import('./features/network/OverridesPage.tsx'), ['network', 'casework']),
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
const goalAgreementsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/goal-agreements',
  // `?decision=` opens the form for a new agreement with the decision that agreed it preselected.
  validateSearch: (search: Record<string, unknown>): { decision?: string } => ({
    decision: uuidOrUndefined(search.decision),
  }),
  loader: loads(GoalAgreementsPage),
  component: function GoalAgreementsRoute() {
    const { decision } = goalAgreementsRoute.useSearch()
    return (
      <RequireAbility ability="goal-agreement.read">
        <GoalAgreementsPage decisionId={decision} />
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

// Reporting: one committee report, its progress, files and texts.
const reportRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/figures/reports/$reportId',
  loader: loads(ReportPage),
  component: function ReportRoute() {
    const { reportId } = reportRoute.useParams()
    return (
      <RequireAbility ability="report.read">
        <ReportPage reportId={reportId} />
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

const requestSubjectRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/privacy-requests/$personId',
  loader: loads(RequestSubjectPage),
  component: function RequestSubjectRoute() {
    const { personId } = requestSubjectRoute.useParams()
    return (
      <RequireAbility ability="privacy-request.handle">
        <RequestSubjectPage personId={personId} />
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
  page('/admin/integrations', IntegrationsPage, 'webhook.manage'),
  page('/admin/organisations', OrganisationsPage, 'organisation.manage'),
  page('/audit', AuditPage, 'audit.read'),
  page('/admin/imports', ImportPage, 'import.manage'),
  page('/privacy-requests', PrivacyRequestsPage, 'privacy-request.handle'),
  requestSubjectRoute,
  page('/processing-record', ProcessingRecordPage, 'processing-record.read'),
  page('/privacy/access-review', AccessReviewPage, 'access-review.read'),
  page('/figures', DashboardPage, 'figures.read'),
  page('/figures/evaluations', EvaluationsPage, 'figures.read'),
  page('/figures/state-report', StateReportPage, 'state-report.export'),
  evaluationRoute,
  page('/figures/reports', ReportsPage, 'report.read'),
  page('/figures/report-templates', ReportTemplatesPage, 'report.read'),
  reportRoute,
  page('/admin/reporting', ReportingSettingsPage, 'reporting-settings.manage'),
  page('/privacy/retention', RetentionPage, 'retention.manage'),
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
  goalAgreementsRoute,
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
