import { Alert, Anchor, Stack, Tabs } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { getRouteApi, Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BreakGlassGrant } from '../../../../common/access-review.ts'
import type { Case } from '../../../../common/casework.ts'
import { ApiError } from '../../api.ts'
import { QueryState } from '../../components/QueryState.tsx'
import { formatDateTime } from '../../i18n.ts'
import { useCan } from '../../session.tsx'
import { AssessmentTab } from '../assessments/AssessmentTab.tsx'
import { caseQuery } from '../casework/queries.ts'
import { ContactsTab } from '../contacts/ContactsTab.tsx'
import { DocumentsTab } from '../documents/DocumentsTab.tsx'
import { ConferencesTab } from '../network/conferences/ConferencesTab.tsx'
import { ReferralsTab } from '../network/ReferralsTab.tsx'
import { LegalSphereTab } from '../network/transitions/LegalSphereTab.tsx'
import { CaseObstaclesTab } from '../obstacles/CaseObstaclesTab.tsx'
import { PlanTab } from '../plan/PlanTab.tsx'
import { CaseTasksTab } from '../tasks/CaseTasksTab.tsx'
import { TimelineTab } from '../timeline/TimelineTab.tsx'
import { AssignmentTab } from './AssignmentTab.tsx'
import { BreakGlassPanel } from './BreakGlassPanel.tsx'
import { CaseHeader } from './CaseHeader.tsx'
import { type CaseTab, caseTabs } from './case-search.ts'

const route = getRouteApi('/cases/$caseId')

function panel(tab: CaseTab, item: Case) {
  switch (tab) {
    case 'timeline':
      return <TimelineTab item={item} />
    case 'assessment':
      return <AssessmentTab item={item} />
    case 'plan':
      return <PlanTab item={item} />
    case 'contacts':
      return <ContactsTab item={item} />
    case 'tasks':
      return <CaseTasksTab item={item} />
    case 'documents':
      return <DocumentsTab item={item} />
    case 'conferences':
      return <ConferencesTab item={item} />
    case 'legal-sphere':
      return <LegalSphereTab item={item} />
    case 'referrals':
      return <ReferralsTab item={item} />
    case 'obstacles':
      return <CaseObstaclesTab item={item} />
    case 'assignment':
      return <AssignmentTab item={item} />
  }
}

/** One case: header with phases, and the records in tabs; the open tab is kept in the address. */
export function CasePage({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const search = route.useSearch()
  const navigate = route.useNavigate()
  const item = useQuery(caseQuery(caseId))
  const [granted, setGranted] = useState<BreakGlassGrant | null>(null)
  // Outside the caseload: a case manager may open it with a stated reason instead of meeting a bare refusal.
  const outsideCaseload =
    item.isError && item.error instanceof ApiError && item.error.status === 403 && can('case.break-glass')
  return (
    <Stack gap="lg" maw={1200}>
      <Anchor component={Link} to="/cases" size="sm">
        {t('casework.person.backToCases')}
      </Anchor>
      {granted && !item.isError && (
        <Alert color="orange" variant="light" role="status">
          {t('casework.breakGlass.granted', { until: formatDateTime(granted.expiresAt, i18n.language) })}
        </Alert>
      )}
      {outsideCaseload ? (
        <BreakGlassPanel
          caseId={caseId}
          onGranted={(grant) => {
            setGranted(grant)
            void item.refetch()
          }}
        />
      ) : (
        <QueryState query={item}>
          {(data) => {
            const tabs = caseTabs.filter((tab) => tab !== 'assignment' || data.abilities['case.assign'])
            const active = search.tab && tabs.includes(search.tab) ? search.tab : 'timeline'
            return (
              <>
                <CaseHeader item={data} />
                {/* The arrow keys move along the tabs without opening them; Enter or Space opens one.
                    Opening on every arrow key fetched each tab's records on the way, and a tab whose
                    form takes the focus (the contacts' quick entry) pulled it out of the tab list. */}
                <Tabs
                  activateTabWithKeyboard={false}
                  value={active}
                  onChange={(tab) =>
                    void navigate({
                      to: '/cases/$caseId',
                      params: { caseId },
                      search: { tab: (tab ?? 'timeline') as CaseTab },
                      replace: true,
                    })
                  }
                  keepMounted={false}
                >
                  <Tabs.List aria-label={t('casework.case.tabs')}>
                    {tabs.map((tab) => (
                      <Tabs.Tab key={tab} value={tab}>
                        {t(`casework.tabs.${tab}`)}
                      </Tabs.Tab>
                    ))}
                  </Tabs.List>
                  {tabs.map((tab) => (
                    <Tabs.Panel key={tab} value={tab} pt="md">
                      {tab === active && panel(tab, data)}
                    </Tabs.Panel>
                  ))}
                </Tabs>
              </>
            )
          }}
        </QueryState>
      )}
    </Stack>
  )
}
