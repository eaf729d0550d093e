import type { Kysely } from 'kysely'
import type { AttributeDimension } from '../../../../common/reporting.ts'
import type { DB } from '../../../db/schema.ts'
import type { AggregateRow, FigureScope, Grouping } from '../../../platform/figures.ts'
import { countLegalSphereChanges, countReferrals, medianReferralAnswerDays } from './figures.queries.ts'

/** What the network offers reporting: aggregates of referrals and legal-sphere changes, nothing else. */

export const networkMetrics = ['referrals', 'referral-answer-days', 'legal-sphere-changes'] as const
export type NetworkMetric = (typeof networkMetrics)[number]

export const networkFigureDimensions: Record<NetworkMetric, readonly AttributeDimension[]> = {
  referrals: ['organisation', 'outcome'],
  'referral-answer-days': ['organisation'],
  'legal-sphere-changes': ['legal-sphere'],
}

export function networkFigure(
  db: Kysely<DB>,
  metric: NetworkMetric,
  scope: FigureScope,
  grouping: Grouping,
): Promise<AggregateRow[]> {
  switch (metric) {
    case 'referrals':
      return countReferrals(db, scope, grouping)
    case 'referral-answer-days':
      return medianReferralAnswerDays(db, scope, grouping)
    case 'legal-sphere-changes':
      return countLegalSphereChanges(db, scope, grouping)
  }
}
