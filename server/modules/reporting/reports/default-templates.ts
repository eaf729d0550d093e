import type { ReportTemplateInput } from '../../../../common/report.ts'

/**
 * The two templates every district starts with, in the council's language. Coordination adapts
 * them on the templates page; a district's own edits never reach another district.
 */
export const defaultTemplates: readonly ReportTemplateInput[] = [
  {
    name: 'Mitteilungsvorlage',
    kind: 'mitteilungsvorlage',
    title: 'Kommunales Integrationsmanagement: Bericht für den Zeitraum {{zeitraum}}',
    blocks: [
      {
        type: 'text',
        id: 'sachverhalt',
        heading: 'Sachverhalt',
        text:
          'Die Verwaltung informiert den {{gremium}} über die Arbeit des Kommunalen Integrationsmanagements im Zeitraum {{zeitraum}}.\n\n' +
          'Im Berichtszeitraum fanden {{beratungskontakte}} Beratungskontakte statt (Vorperiode {{vorperiode}}: {{beratungskontakte_vorperiode}}; Veränderung {{veraenderung}}). ' +
          'Beraten wurden {{personen}} Personen; {{neue_faelle}} Fälle wurden neu aufgenommen und {{abgeschlossene_faelle}} abgeschlossen.',
      },
      { type: 'generated', id: 'kennzahlen', heading: 'Kennzahlen im Überblick', generated: 'key-figures' },
      {
        type: 'generated',
        id: 'monate',
        heading: 'Beratungskontakte nach Monat',
        generated: 'contacts-by-month',
      },
      {
        type: 'generated',
        id: 'kommunen',
        heading: 'Beratungskontakte nach Kommune',
        generated: 'contacts-by-municipality',
      },
      {
        type: 'generated',
        id: 'handlungsfelder',
        heading: 'Beratungskontakte nach Handlungsfeld',
        generated: 'contacts-by-domain',
      },
      { type: 'generated', id: 'personal', heading: 'Personalausstattung', generated: 'staffing' },
      { type: 'generated', id: 'vertraege', heading: 'Auslaufende Verträge', generated: 'contracts-ending' },
      { type: 'generated', id: 'steuerung', heading: 'Steuerungsgruppe', generated: 'steering' },
      { type: 'generated', id: 'ziele', heading: 'Zielvereinbarungen', generated: 'goals' },
      {
        type: 'text',
        id: 'ausblick',
        heading: 'Ausblick',
        text: 'Die Verwaltung wird den Ausschuss weiterhin regelmäßig über die Entwicklung informieren. Ein Beschluss ist nicht erforderlich.',
      },
    ],
  },
  {
    name: 'Sachstandsbericht',
    kind: 'sachstandsbericht',
    title: 'Sachstandsbericht Kommunales Integrationsmanagement ({{von}} bis {{bis}})',
    blocks: [
      {
        type: 'text',
        id: 'anlass',
        heading: 'Anlass',
        text: 'Der {{gremium}} hat um regelmäßige Information über den Stand des Kommunalen Integrationsmanagements gebeten. Dieser Bericht umfasst den Zeitraum {{zeitraum}}.',
      },
      {
        type: 'text',
        id: 'fallarbeit',
        heading: 'Fallarbeit',
        text:
          'Im Berichtszeitraum fanden {{beratungskontakte}} Beratungskontakte und {{kurzberatungen}} Kurzberatungen statt. ' +
          'Zum Ende des Zeitraums waren {{aktive_faelle}} Fälle aktiv; {{verweisungen}} Verweisungen an Partner wurden vermittelt.',
      },
      { type: 'generated', id: 'kennzahlen', heading: 'Kennzahlen', generated: 'key-figures' },
      { type: 'generated', id: 'monate', heading: 'Entwicklung nach Monat', generated: 'contacts-by-month' },
      {
        type: 'generated',
        id: 'kommunen',
        heading: 'Verteilung nach Kommune',
        generated: 'contacts-by-municipality',
      },
      {
        type: 'generated',
        id: 'handlungsfelder',
        heading: 'Verteilung nach Handlungsfeld',
        generated: 'contacts-by-domain',
      },
      { type: 'generated', id: 'personal', heading: 'Personal', generated: 'staffing' },
      { type: 'generated', id: 'vertraege', heading: 'Auslaufende Verträge', generated: 'contracts-ending' },
      { type: 'generated', id: 'steuerung', heading: 'Steuerung', generated: 'steering' },
      { type: 'generated', id: 'ziele', heading: 'Stand der Zielvereinbarungen', generated: 'goals' },
      {
        type: 'text',
        id: 'bewertung',
        heading: 'Bewertung',
        text: 'Die Nachfrage nach Beratung entwickelt sich gegenüber der Vorperiode um {{veraenderung}}.',
      },
    ],
  },
]
