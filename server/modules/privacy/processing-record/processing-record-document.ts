import {
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import type { ProcessingRecordVersion } from '../../../../common/processing-record.ts'
import { typstPdf } from '../../../platform/typst.ts'

/** The record of processing activities (Art. 30 GDPR) as a document: the same model for DOCX and PDF. */
export function processingRecordDocument(version: ProcessingRecordVersion, districtName: string) {
  const { content } = version
  const saved = new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date(version.savedAt))
  return {
    title: 'Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO)',
    district: districtName,
    version: `Fassung ${version.number} vom ${saved}${version.savedBy ? `, gespeichert von ${version.savedBy}` : ''}`,
    note: version.note,
    controllerHeading: 'Verantwortliche Stelle',
    controller: [
      { label: 'Name', value: content.controller.name },
      { label: 'Anschrift', value: content.controller.address },
      { label: 'Vertretung', value: content.controller.representative },
      { label: 'Datenschutzbeauftragte', value: content.controller.dataProtectionOfficer },
    ].filter((fact) => fact.value !== ''),
    activitiesHeading: 'Verarbeitungstätigkeiten',
    activities: content.activities.map((activity, index) => ({
      heading: `${index + 1}. ${activity.name}`,
      facts: [
        { label: 'Zwecke', value: activity.purposes },
        { label: 'Rechtsgrundlage', value: activity.legalBasis },
        { label: 'Kategorien betroffener Personen', value: activity.personCategories.join('; ') },
        { label: 'Kategorien personenbezogener Daten', value: activity.dataCategories.join('; ') },
        { label: 'Empfänger', value: activity.recipients.join('; ') },
        { label: 'Übermittlung in Drittländer', value: activity.thirdCountryTransfers },
        { label: 'Löschfristen', value: activity.deletionPeriods },
      ].filter((fact) => fact.value !== ''),
    })),
    deletionHeading: 'Löschfristen',
    deletionColumns: ['Daten', 'Fristbeginn', 'Frist'],
    deletion: version.deletionPeriods.map((row) => [row.record, row.start, row.period]),
    measuresHeading: 'Technische und organisatorische Maßnahmen (Art. 32 DSGVO)',
    measures: content.technicalMeasures,
  }
}

type RecordDocument = ReturnType<typeof processingRecordDocument>

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] })

const fact = (label: string, value: string) =>
  new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] })

export async function processingRecordDocx(doc: RecordDocument): Promise<Buffer> {
  const children = [
    new Paragraph({ children: [new TextRun({ text: doc.district, color: '555555' })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] }),
    new Paragraph({ children: [new TextRun({ text: doc.version, italics: true })] }),
    ...(doc.note ? [new Paragraph({ children: [new TextRun({ text: doc.note, italics: true })] })] : []),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(doc.controllerHeading)] }),
    ...doc.controller.map((entry) => fact(entry.label, entry.value)),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(doc.activitiesHeading)] }),
    ...doc.activities.flatMap((activity) => [
      new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(activity.heading)] }),
      ...activity.facts.map((entry) => fact(entry.label, entry.value)),
    ]),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(doc.deletionHeading)] }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({
          tableHeader: true,
          children: doc.deletionColumns.map((column) => cell(column, true)),
        }),
        ...doc.deletion.map((row) => new TableRow({ children: row.map((value) => cell(value)) })),
      ],
    }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(doc.measuresHeading)] }),
    ...doc.measures.map(
      (measure) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun(measure)] }),
    ),
  ]
  const document = new Document({
    creator: 'Lotse',
    title: doc.title,
    styles: { default: { document: { run: { font: 'Noto Sans', size: 20 } } } },
    sections: [{ children }],
  })
  return Packer.toBuffer(document)
}

const typesetRecord = typstPdf({
  name: 'processing-record',
  template: new URL('./processing-record.typ', import.meta.url),
})

export const processingRecordPdf = (doc: RecordDocument): Promise<Uint8Array> => typesetRecord(doc)
