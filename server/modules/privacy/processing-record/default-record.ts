import type { ProcessingRecordContent } from '../../../../common/processing-record.ts'

/**
 * The record of processing a KIM office starts from: what Lotse does with whose data, as the
 * district's data protection officer would write it down. It is version 1 of every district's
 * record; the officer adapts it (address, officer's contact, local recipients) and saves new versions.
 */
export function defaultProcessingRecord(districtName: string): ProcessingRecordContent {
  return {
    controller: {
      name: `${districtName} – Kommunales Integrationszentrum (Kommunales Integrationsmanagement)`,
      address: '',
      representative: 'Landrätin / Landrat bzw. Oberbürgermeisterin / Oberbürgermeister',
      dataProtectionOfficer: 'Behördliche Datenschutzbeauftragte des Kreises (Kontakt bitte ergänzen)',
    },
    activities: [
      {
        name: 'Case Management für Menschen mit Einwanderungsgeschichte (Baustein 2)',
        purposes:
          'Beratung und Begleitung, Fallklärung, Einschätzung, Hilfeplanung, Vermittlung an Stellen des Netzwerks, ' +
          'Überwachung und Abschluss nach dem Standard der DGCC; Nachweis der Beratungszahlen.',
        legalBasis:
          'Art. 6 Abs. 1 lit. e DSGVO i. V. m. dem Teilhabe- und Integrationsgesetz NRW und den Förderrichtlinien KIM; ' +
          'Art. 9 Abs. 2 lit. a und g DSGVO für Gesundheit und Aufenthalt; §§ 67 ff. SGB X; Einwilligung (Art. 6 Abs. 1 lit. a) für Übermittlungen.',
        personCategories: ['Klient:innen', 'Haushaltsangehörige', 'Beschäftigte des Integrationszentrums'],
        dataCategories: [
          'Identität (Namen, Schreibweisen, Geburtsdatum, Geschlecht)',
          'Kontakt und Anschrift',
          'Staatsangehörigkeit, Sprachen, Dolmetschbedarf',
          'Aufenthaltsstatus und Rechtskreis (besondere Kategorie nach Art. 9 DSGVO, soweit einschlägig)',
          'Gesundheitsbezogene Angaben im Handlungsfeld Gesundheit (Art. 9 DSGVO)',
          'Einschätzungen, Ziele, Maßnahmen, Beratungsnotizen, Dokumente',
        ],
        recipients: [
          'Jobcenter und Agentur für Arbeit (nur mit Einwilligung oder gesetzlicher Grundlage)',
          'Ausländerbehörde (nur mit Einwilligung oder gesetzlicher Grundlage)',
          'Sozialamt, Jugendamt, Schulamt (nur mit Einwilligung oder gesetzlicher Grundlage)',
          'Wohlfahrtsverbände, Migrationsberatung, Bildungsträger (nur mit Einwilligung)',
        ],
        thirdCountryTransfers: 'Keine.',
        deletionPeriods: 'Siehe Tabelle der Löschfristen.',
      },
      {
        name: 'Fallkonferenzen und Rechtskreiswechsel',
        purposes:
          'Abstimmung der beteiligten Stellen im Einzelfall; nahtlose Übergabe beim Wechsel des Rechtskreises.',
        legalBasis: 'Art. 6 Abs. 1 lit. a und e DSGVO; §§ 67 ff. SGB X.',
        personCategories: ['Klient:innen', 'Fachkräfte der beteiligten Stellen'],
        dataCategories: ['Teilnehmende, Ergebnisse, Vereinbarungen', 'Rechtskreis und Übergabeschritte'],
        recipients: ['Teilnehmende Stellen im Rahmen der Einwilligung'],
        thirdCountryTransfers: 'Keine.',
        deletionPeriods: 'Mit der Fallakte.',
      },
      {
        name: 'Steuerung, Berichte und Statistik (Baustein 1)',
        purposes:
          'Lenkungsgruppe, Zielvereinbarungen, Berichte an Ausschuss und Land aus aggregierten Zahlen.',
        legalBasis: 'Art. 6 Abs. 1 lit. e DSGVO; Förderrichtlinien KIM.',
        personCategories: ['Mitglieder der Gremien', 'Beschäftigte'],
        dataCategories: [
          'Namen und Funktionen in Gremien',
          'nur aggregierte Fallzahlen (kleine Zahlen unterdrückt)',
        ],
        recipients: ['Ausschuss, Verwaltungsleitung, Land NRW (nur Aggregate)'],
        thirdCountryTransfers: 'Keine.',
        deletionPeriods: 'Protokolle nach Aktenordnung; Aggregate ohne Personenbezug unbefristet.',
      },
      {
        name: 'Personal und Förderung',
        purposes: 'Stellen, Arbeitsverträge und Förderung der KIM-Stellen; Haushaltsplanung.',
        legalBasis: 'Art. 6 Abs. 1 lit. b, c DSGVO; Art. 88 DSGVO i. V. m. § 18 DSG NRW.',
        personCategories: ['Beschäftigte'],
        dataCategories: ['Name, Stelle, Anteil, Laufzeit, Entgeltgruppe'],
        recipients: ['Fördergeber (Land NRW) im Verwendungsnachweis'],
        thirdCountryTransfers: 'Keine.',
        deletionPeriods: 'Nach den Fristen der Personalaktenführung.',
      },
    ],
    technicalMeasures: [
      'Mandantentrennung je Kreis in der Anwendung und durch Row-Level-Security der Datenbank',
      'Rollen- und Rechtekonzept (Richtlinienmodul); Zugriff auf Fälle nur für Zuständige und Team',
      'Anmeldung mit Passwort (argon2id) und zweitem Faktor (TOTP) für privilegierte Rollen; optional Single Sign-on',
      'Protokollierung aller Lese- und Schreibzugriffe auf personenbezogene Daten in einer hash-verketteten Audit-Kette',
      'Übermittlungen an Partner nur mit gültiger Einwilligung oder dokumentierter gesetzlicher Grundlage',
      'Einschränkung der Verarbeitung (Art. 18 DSGVO) sperrt jede Änderung an Person und Fällen',
      'Transportverschlüsselung (TLS) vor der Anwendung; Sitzungs-Cookies HttpOnly, Secure, SameSite',
      'Datensicherung mit Prüfung der Wiederherstellung',
    ],
  }
}
