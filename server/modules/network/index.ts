import type { CaseTimelineSource } from '../casework/index.ts'
import { conferenceTimelineEntries } from './conferences/conference.service.ts'
import { consentTimeline } from './consents/consent.service.ts'
import { referralTimeline } from './referrals/referral.service.ts'
import { changeTimelineEntries } from './transitions/transition.service.ts'

export { consentById, type ValidConsent, validConsentFor } from './consents/consent.service.ts'
export { type NetworkDisclosure, personNetworkDisclosure } from './disclosure/disclosure.service.ts'
export {
  anonymiseNetworkRecords,
  deleteNetworkPersonRecords,
  personsWithReferrals,
} from './erasure/erasure.service.ts'
export {
  jobcenterContactsAfterChangeByMonth,
  jobcenterReferralAnswersByMonth,
} from './figures/indicator-figures.service.ts'
export { seedDemoHandovers } from './handover.seed.ts'
export { networkJobs } from './network.jobs.ts'
export { networkRoutes } from './network.routes.ts'
export { seedDemoNetwork } from './network.seed.ts'
export { seedDemoConsentsAndReferrals } from './network-cases.seed.ts'
export { refreshReferralFollowUps } from './referrals/referral.service.ts'
export { applyDueChanges } from './transitions/transition.service.ts'

/**
 * The network's entries on the case timeline: consents of the case's persons, referrals,
 * legal-sphere changes of its persons and its conferences.
 */
export const networkTimelineSources: readonly CaseTimelineSource[] = [
  (db, subject) => consentTimeline(db, subject),
  (db, subject) => referralTimeline(db, subject),
  changeTimelineEntries,
  conferenceTimelineEntries,
]
export {
  type NetworkMetric,
  networkFigure,
  networkFigureDimensions,
  networkMetrics,
} from './figures/figures.service.ts'
