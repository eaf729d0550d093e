import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import type { TimelineEntry } from '../../../../common/casework.ts'
import deApp from '../../locales/de/app.json'
import deCasework from '../../locales/de/casework.json'
import deNetwork from '../../locales/de/network.json'
import enApp from '../../locales/en/app.json'
import enCasework from '../../locales/en/casework.json'
import enNetwork from '../../locales/en/network.json'
import { networkSummary } from './timeline-summary.ts'

const i18n = i18next.createInstance()
void i18n.init({
  initAsync: false,
  resources: { de: { translation: deApp }, en: { translation: enApp } },
  lng: 'de',
  fallbackLng: 'de',
  interpolation: { escapeValue: false },
})
// As the app does when the case page loads: the features' texts merge into the same keys.
for (const [language, texts] of [
  ['de', deCasework],
  ['de', deNetwork],
  ['en', enCasework],
  ['en', enNetwork],
] as const)
  i18n.addResourceBundle(language, 'translation', texts, true, true)

const referral = (summary: Record<string, unknown>) =>
  ({
    kind: 'referral',
    id: '00000000-0000-4000-8000-000000000001',
    at: '2026-12-07T06:36:00.000Z',
    actorName: 'Leyla Yıldız',
    summary,
  }) as unknown as TimelineEntry

describe('a referral step on the case timeline', () => {
  it('says when the referral went without consent, and on which legal basis', () => {
    const entry = referral({
      organisation: 'Jugendamt Rhein-Sieg-Kreis',
      status: 'sent',
      override: 'sgb-viii-8a',
    })
    expect(networkSummary(entry, i18n.getFixedT('de'), 'de')).toBe(
      'Jugendamt Rhein-Sieg-Kreis · gesendet · ohne Einwilligung: § 8a SGB VIII (Schutzauftrag)',
    )
    expect(networkSummary(entry, i18n.getFixedT('en'), 'en')).toBe(
      'Jugendamt Rhein-Sieg-Kreis · sent · without consent: § 8a SGB VIII (child protection)',
    )
  })

  it('adds nothing to a referral that rests on a consent', () => {
    const entry = referral({ organisation: 'Jobcenter Rhein-Sieg', status: 'accepted', override: null })
    expect(networkSummary(entry, i18n.getFixedT('de'), 'de')).toBe('Jobcenter Rhein-Sieg · angenommen')
  })

  it('names the service beside the organisation when the referral went to one', () => {
    const entry = referral({
      organisation: 'Caritasverband Rhein-Sieg',
      service: 'Migrationsberatung für Erwachsene',
      status: 'sent',
      override: null,
    })
    expect(networkSummary(entry, i18n.getFixedT('de'), 'de')).toBe(
      'Caritasverband Rhein-Sieg – Migrationsberatung für Erwachsene · gesendet',
    )
  })
})
