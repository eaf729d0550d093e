import type { TFunction } from 'i18next'
import type { TimelineEntry } from '../../../../common/casework.ts'
import { formatDay } from '../casework/format.ts'

const text = (value: unknown) => (typeof value === 'string' ? value : '')
const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : [])

/** The line the case timeline shows for the network's entries: consents and referral steps. */
export function networkSummary(entry: TimelineEntry, t: TFunction, language: string): string {
  const s = entry.summary
  switch (entry.kind) {
    case 'consent':
      return [
        list(s.recipients).join(', '),
        list(s.purposes)
          .map((purpose) => t(`network.purposes.${purpose}`, { defaultValue: purpose }))
          .join(', '),
        t('network.consents.periodValue', {
          from: formatDay(text(s.validFrom), language),
          until: formatDay(text(s.validUntil), language),
        }),
      ]
        .filter(Boolean)
        .join(' · ')
    case 'consent-revoked':
      return [
        list(s.recipients).join(', '),
        t('network.consents.revokedOn', { date: formatDay(text(s.revokedOn), language) }),
      ]
        .filter(Boolean)
        .join(' · ')
    case 'referral':
      return [
        // A referral to one of the organisation's services names it beside the organisation.
        [text(s.organisation), text(s.service)].filter(Boolean).join(' – '),
        t(`network.referralStatuses.${text(s.status)}`, { defaultValue: text(s.status) }),
        // A referral on a legal basis says so on the timeline too, not only on its own page.
        text(s.override)
          ? t('network.referrals.timelineOverride', {
              basis: t(`network.overrideBases.${text(s.override)}`, { defaultValue: text(s.override) }),
            })
          : '',
      ]
        .filter(Boolean)
        .join(' · ')
    default:
      return ''
  }
}
