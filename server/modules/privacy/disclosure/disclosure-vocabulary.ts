import { lifeDomainNames } from '../../../../common/casework-values.ts'

/**
 * German words for the coded values of the access report (the same words the screens use, from
 * web/src/locales/de/casework.json and network.json): a reader sees "weiblich", not "female".
 * A value without a word prints as stored.
 */
export const valueWords: Record<string, Record<string, string>> = {
  sex: {
    female: 'weiblich',
    male: 'männlich',
    diverse: 'divers',
    unknown: 'ohne Angabe',
  },
  phase: {
    intake: 'Fallklärung',
    assessment: 'Assessment',
    planning: 'Hilfeplanung',
    implementation: 'Umsetzung und Monitoring',
    evaluation: 'Evaluation',
    closed: 'Abgeschlossen',
  },
  domain: lifeDomainNames.de,
  domains: lifeDomainNames.de,
  channel: {
    'in-person': 'Persönlich',
    phone: 'Telefon',
    video: 'Video',
    email: 'E-Mail',
    'home-visit': 'Hausbesuch',
    accompaniment: 'Begleitung',
  },
  legalSphere: {
    AsylbLG: 'AsylbLG',
    'SGB II': 'SGB II (Bürgergeld)',
    'SGB III': 'SGB III (Arbeitsförderung)',
    'SGB XII': 'SGB XII (Sozialhilfe)',
    none: 'Kein Leistungsbezug',
  },
  fromSphere: {
    AsylbLG: 'AsylbLG',
    'SGB II': 'SGB II (Bürgergeld)',
    'SGB III': 'SGB III (Arbeitsförderung)',
    'SGB XII': 'SGB XII (Sozialhilfe)',
    none: 'Kein Leistungsbezug',
  },
  toSphere: {
    AsylbLG: 'AsylbLG',
    'SGB II': 'SGB II (Bürgergeld)',
    'SGB III': 'SGB III (Arbeitsförderung)',
    'SGB XII': 'SGB XII (Sozialhilfe)',
    none: 'Kein Leistungsbezug',
  },
  relation: {
    partner: 'Partner:in',
    child: 'Kind',
    parent: 'Elternteil',
    sibling: 'Geschwister',
    other: 'Sonstige Beziehung',
  },
  closingReason: {
    'goals-reached': 'Ziele erreicht',
    'handed-over': 'An andere Stelle übergeben',
    'moved-away': 'Weggezogen',
    'no-longer-needed': 'Kein Bedarf mehr',
    'contact-lost': 'Kontakt abgebrochen',
    'client-withdrew': 'Klient:in hat die Beratung beendet',
    other: 'Sonstiger Grund',
  },
  dataCategories: {
    identity: 'Identität',
    contact: 'Erreichbarkeit',
    residence: 'Aufenthalt',
    benefits: 'Leistungen',
    'education-work': 'Bildung und Arbeit',
    family: 'Familie',
    health: 'Gesundheit',
    'case-plan': 'Hilfeplan',
  },
  fromPhase: {
    intake: 'Fallklärung',
    assessment: 'Assessment',
    planning: 'Hilfeplanung',
    implementation: 'Umsetzung und Monitoring',
    evaluation: 'Evaluation',
    closed: 'Abgeschlossen',
  },
  toPhase: {
    intake: 'Fallklärung',
    assessment: 'Assessment',
    planning: 'Hilfeplanung',
    implementation: 'Umsetzung und Monitoring',
    evaluation: 'Evaluation',
    closed: 'Abgeschlossen',
  },
}

/** `status` means something else in each category. */
export const statusWords: Record<string, Record<string, string>> = {
  residenceStatuses: {
    'permission-to-reside': 'Aufenthaltsgestattung',
    toleration: 'Duldung',
    'fictional-certificate': 'Fiktionsbescheinigung (§ 81 AufenthG)',
    'residence-permit-education': 'Aufenthaltserlaubnis zur Ausbildung (§ 16 ff. AufenthG)',
    'residence-permit-employment': 'Aufenthaltserlaubnis zur Erwerbstätigkeit (§ 18 ff. AufenthG)',
    'eu-blue-card': 'Blaue Karte EU (§ 18g AufenthG)',
    'opportunity-card': 'Chancenkarte (§ 20a AufenthG)',
    'temporary-protection': 'Vorübergehender Schutz (§ 24 AufenthG)',
    'residence-permit-humanitarian': 'Aufenthaltserlaubnis aus humanitären Gründen (§ 25 AufenthG)',
    'residence-permit': 'Aufenthaltserlaubnis (anderer Zweck, z. B. Familie)',
    'settlement-permit': 'Niederlassungserlaubnis',
    'eu-long-term-residence': 'Erlaubnis zum Daueraufenthalt-EU (§ 9a AufenthG)',
    'eu-free-movement': 'EU-Freizügigkeit',
    naturalised: 'Eingebürgert',
    visa: 'Visum',
    other: 'Sonstiger Status',
  },
  goals: {
    open: 'Offen',
    'in-progress': 'In Arbeit',
    achieved: 'Erreicht',
    dropped: 'Aufgegeben',
  },
  measures: {
    planned: 'Geplant',
    'in-progress': 'Läuft',
    done: 'Erledigt',
    cancelled: 'Abgebrochen',
  },
  referrals: {
    draft: 'Entwurf',
    sent: 'gesendet',
    accepted: 'angenommen',
    declined: 'abgelehnt',
    completed: 'abgeschlossen',
    cancelled: 'zurückgezogen',
  },
}
