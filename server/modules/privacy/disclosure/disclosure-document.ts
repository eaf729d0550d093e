import { typstPdf } from '../../../platform/typst.ts'
import type { PersonDisclosure } from './disclosure.service.ts'
import { statusWords, valueWords } from './disclosure-vocabulary.ts'

/*
 * The access report as a readable PDF in German: one heading per category, each record as a
 * block of labelled facts. Every value of the JSON is printed (nested lists as indented lines),
 * so the PDF never says less than the machine-readable copy; dates read TT.MM.JJJJ, instants in
 * the district's time zone.
 */

const sections: { key: keyof PersonDisclosure; heading: string; empty: string }[] = [
  { key: 'residenceStatuses', heading: 'Aufenthaltsstatus', empty: 'Kein Aufenthaltsstatus erfasst.' },
  { key: 'household', heading: 'Haushalt', empty: 'Keine Haushaltsangehörigen erfasst.' },
  { key: 'cases', heading: 'Fälle', empty: 'Keine Fälle.' },
  { key: 'assessments', heading: 'Einschätzungen (Assessment)', empty: 'Keine Einschätzungen.' },
  { key: 'goals', heading: 'Hilfeplan: Ziele', empty: 'Keine Ziele.' },
  { key: 'measures', heading: 'Hilfeplan: Maßnahmen', empty: 'Keine Maßnahmen.' },
  { key: 'contacts', heading: 'Beratungskontakte', empty: 'Keine Beratungskontakte.' },
  { key: 'tasks', heading: 'Wiedervorlagen', empty: 'Keine Wiedervorlagen.' },
  { key: 'documents', heading: 'Dokumente (Liste)', empty: 'Keine Dokumente.' },
  { key: 'consents', heading: 'Einwilligungen', empty: 'Keine Einwilligungen.' },
  { key: 'referrals', heading: 'Vermittlungen (an wen Daten gingen)', empty: 'Keine Vermittlungen.' },
  { key: 'conferences', heading: 'Fallkonferenzen', empty: 'Keine Fallkonferenzen.' },
  { key: 'legalSphereChanges', heading: 'Rechtskreiswechsel', empty: 'Keine Rechtskreiswechsel.' },
  { key: 'restrictions', heading: 'Einschränkung der Verarbeitung', empty: 'Keine Einschränkung.' },
  { key: 'accesses', heading: 'Zugriffe (Protokoll)', empty: 'Keine Zugriffe protokolliert.' },
]

/** German labels of the JSON's field names; a field without one prints under its own name. */
const labels: Record<string, string> = {
  id: 'Kennung',
  familyName: 'Familienname',
  givenNames: 'Vornamen',
  birthName: 'Geburtsname',
  otherSpellings: 'Andere Schreibweisen',
  nameInOriginalScript: 'Name in Originalschrift',
  birthDate: 'Geburtsdatum',
  birthDateIsPlaceholder: 'Geburtsdatum nur teilweise bekannt',
  sex: 'Geschlecht',
  nationalities: 'Staatsangehörigkeiten',
  languages: 'Sprachen',
  code: 'Sprache',
  interpreterNeeded: 'Dolmetschbedarf',
  municipality: 'Kommune',
  addressStreet: 'Straße',
  addressPostcode: 'Postleitzahl',
  addressCity: 'Ort',
  phone: 'Telefon',
  email: 'E-Mail',
  arrivalDate: 'Einreisedatum',
  legalSphere: 'Rechtskreis',
  registeredBy: 'Erfasst von',
  registeredTeam: 'Erfassendes Team',
  mergedInto: 'Zusammengeführt mit',
  processingRestricted: 'Verarbeitung eingeschränkt',
  createdAt: 'Angelegt am',
  updatedAt: 'Geändert am',
  status: 'Status',
  legalParagraph: 'Rechtsgrundlage (Paragraf)',
  validFrom: 'Gültig ab',
  validUntil: 'Gültig bis',
  recordedBy: 'Erfasst von',
  recordedAt: 'Erfasst am',
  relation: 'Beziehung',
  reference: 'Aktenzeichen',
  team: 'Team',
  phase: 'Phase',
  openedOn: 'Eröffnet am',
  closedOn: 'Abgeschlossen am',
  closingReason: 'Abschlussgrund',
  lastContactAt: 'Letzter Kontakt',
  managers: 'Fallverantwortliche',
  createdBy: 'Angelegt von',
  phaseChanges: 'Phasenwechsel',
  fromPhase: 'Von Phase',
  toPhase: 'Zu Phase',
  reason: 'Grund',
  note: 'Notiz',
  changedBy: 'Geändert von',
  changedAt: 'Geändert am',
  case: 'Fall',
  assessedOn: 'Eingeschätzt am',
  domain: 'Handlungsfeld',
  domains: 'Handlungsfelder',
  needLevel: 'Bedarfsstufe',
  resources: 'Ressourcen',
  statement: 'Ziel',
  indicator: 'Indikator',
  targetDate: 'Zieldatum',
  outcome: 'Ergebnis',
  description: 'Beschreibung',
  owner: 'Zuständig',
  organisation: 'Organisation',
  dueOn: 'Fällig am',
  occurredAt: 'Zeitpunkt',
  durationMinutes: 'Dauer (Minuten)',
  channel: 'Form',
  otherParticipants: 'Weitere Beteiligte',
  language: 'Sprache',
  interpreterUsed: 'Mit Dolmetschung',
  interpreterLanguage: 'Dolmetschsprache',
  title: 'Titel',
  assignee: 'Für',
  source: 'Herkunft',
  doneAt: 'Erledigt am',
  fileName: 'Dateiname',
  mediaType: 'Dateityp',
  sizeBytes: 'Größe (Bytes)',
  sha256: 'Prüfsumme (SHA-256)',
  uploadedBy: 'Hochgeladen von',
  uploadedAt: 'Hochgeladen am',
  recipients: 'Empfänger',
  purposes: 'Zwecke',
  dataCategories: 'Datenkategorien',
  legalBasis: 'Rechtsgrundlage',
  form: 'Form',
  textVersion: 'Textfassung',
  formLanguage: 'Sprache des Formulars',
  revokedOn: 'Widerrufen am',
  revokedBy: 'Widerruf erfasst von',
  revocationNote: 'Notiz zum Widerruf',
  signedForm: 'Unterschriebenes Formular',
  recipient: 'Empfänger',
  service: 'Angebot',
  purpose: 'Zweck',
  sharedFields: 'Übermittelte Angaben',
  message: 'Nachricht',
  underConsent: 'Auf Grund einer Einwilligung',
  overrideLegalBasis: 'Gesetzliche Grundlage (ohne Einwilligung)',
  overrideReason: 'Begründung',
  completeBy: 'Abschluss bis',
  feedback: 'Rückmeldung',
  sentAt: 'Gesendet am',
  answeredAt: 'Beantwortet am',
  answeredBy: 'Beantwortet von',
  closedAt: 'Abgeschlossen am',
  closedBy: 'Abgeschlossen von',
  statusChanges: 'Statusverlauf',
  fromStatus: 'Von',
  toStatus: 'Zu',
  kind: 'Art',
  heldOn: 'Am',
  summary: 'Zusammenfassung',
  staff: 'Fachkräfte',
  outcomes: 'Ergebnisse',
  participants: 'Teilnehmende',
  people: 'Personen',
  actions: 'Vereinbarungen',
  fromSphere: 'Von Rechtskreis',
  toSphere: 'Zu Rechtskreis',
  effectiveOn: 'Wirksam ab',
  appliedAt: 'Übernommen am',
  handoverSteps: 'Übergabeschritte',
  step: 'Schritt',
  doneOn: 'Erledigt am',
  restricted: 'Eingeschränkt',
  decidedBy: 'Entschieden von',
  decidedAt: 'Entschieden am',
  user: 'Benutzer:in',
  roles: 'Rollen',
  action: 'Aktion',
  record: 'Datensatz',
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

function instantInZone(value: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('de-DE', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(value))
  return `${parts.replace(',', '')} Uhr`
}

/** One value as German text: dates TT.MM.JJJJ, yes/no, lists joined. Null and empty print nothing. */
function text(value: unknown, timeZone: string): string {
  if (value === null || value === undefined || value === '') return ''
  if (typeof value === 'boolean') return value ? 'ja' : 'nein'
  if (typeof value === 'number') return value.toLocaleString('de-DE')
  if (typeof value === 'string') {
    const date = isoDate.exec(value)
    if (date) return `${date[3]}.${date[2]}.${date[1]}`
    if (isoInstant.test(value) && !Number.isNaN(Date.parse(value))) return instantInZone(value, timeZone)
    return value
  }
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null)) {
    return value
      .map((item) => text(item, timeZone))
      .filter(Boolean)
      .join(', ')
  }
  return ''
}

type Fact = { label: string; value: string; depth: number }

/** A coded value in German words, where the screens have a word for it. */
function worded(key: string, value: unknown, section: string): unknown {
  const words = key === 'status' ? statusWords[section] : valueWords[key]
  if (!words) return value
  if (typeof value === 'string') return words[value] ?? value
  if (Array.isArray(value))
    return value.map((item) => (typeof item === 'string' ? (words[item] ?? item) : item))
  return value
}

/** The facts of one record; nested records and lists of records become indented lines. */
function facts(record: Record<string, unknown>, timeZone: string, section = '', depth = 0): Fact[] {
  const out: Fact[] = []
  for (const [key, raw] of Object.entries(record)) {
    const value = worded(key, raw, section)
    const label = labels[key] ?? key
    if (Array.isArray(value) && value.some((item) => typeof item === 'object' && item !== null)) {
      out.push({ label, value: '', depth })
      for (const item of value) out.push(...facts(item as Record<string, unknown>, timeZone, key, depth + 1))
    } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      out.push({ label, value: '', depth })
      out.push(...facts(value as Record<string, unknown>, timeZone, key, depth + 1))
    } else {
      const printed = text(value, timeZone)
      if (printed !== '') out.push({ label, value: printed, depth })
    }
  }
  return out
}

export function disclosureDocument(disclosure: PersonDisclosure, timeZone: string) {
  const person = disclosure.person
  return {
    title: 'Auskunft nach Art. 15 DSGVO',
    controller: disclosure.controller,
    subject: `${person.givenNames} ${person.familyName}`,
    generated: `Erstellt am ${instantInZone(disclosure.generatedAt, timeZone)}`,
    intro:
      'Diese Auskunft nennt alle Daten, die das Kommunale Integrationsmanagement in Lotse über Sie speichert, ' +
      'an wen Daten weitergegeben wurden und wer auf Ihre Daten zugegriffen hat. Eine maschinenlesbare Fassung ' +
      '(JSON) erhalten Sie auf Wunsch zusätzlich (Art. 20 DSGVO).',
    masterHeading: 'Stammdaten',
    master: facts(person as unknown as Record<string, unknown>, timeZone),
    sections: sections.map((section) => {
      const rows = disclosure[section.key] as unknown as Record<string, unknown>[]
      return {
        heading: `${section.heading} (${rows.length})`,
        empty: section.empty,
        records: rows.map((row) => facts(row, timeZone, section.key)),
      }
    }),
    truncated: disclosure.accessesTruncated
      ? 'Das Protokoll ist länger; gezeigt sind die neuesten 10.000 Einträge.'
      : '',
  }
}

const typesetDisclosure = typstPdf({
  name: 'disclosure',
  template: new URL('./disclosure.typ', import.meta.url),
})

export const disclosurePdf = (disclosure: PersonDisclosure, timeZone: string): Promise<Uint8Array> =>
  typesetDisclosure(disclosureDocument(disclosure, timeZone))
