import type { ScheduledJob } from '../../platform/jobs.ts'
import { refreshReferralFollowUps } from './referrals/referral.service.ts'
import { applyDueChanges } from './transitions/transition.service.ts'

const oneHour = 60 * 60 * 1000

/**
 * Background work of the network, every hour: a task for the case manager for every referral
 * left unanswered past its due day or not completed by the partner's day, and legal-sphere changes
 * recorded ahead of their day setting the person's current sphere once the day has come (a change
 * should apply early on its day).
 */
export const networkJobs: readonly ScheduledJob[] = [
  { name: 'network.referral-follow-ups', everyMs: oneHour, run: refreshReferralFollowUps },
  { name: 'network.legal-sphere-changes', everyMs: oneHour, run: applyDueChanges },
]
