import type { ReferralStatus } from '../../../../common/referral.ts'
import { statusColors } from '../../colors.ts'

/** The badge colour of each referral status. */
export const referralColors: Record<ReferralStatus, string> = {
  draft: statusColors.neutral,
  sent: 'blue.8',
  accepted: 'teal.9',
  declined: statusColors.warning,
  completed: statusColors.positive,
  cancelled: statusColors.neutral,
}
