import {
  BorderStyle,
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
import type { MinutesDocument } from './minutes-texts.ts'

const paragraphsOf = (text: string) =>
  text.split(/\r?\n/).map((line) => new Paragraph({ children: [new TextRun(line)] }))

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] })

/** The minutes as a Word document (DOCX), made with the `docx` library. */
export async function minutesDocx(doc: MinutesDocument): Promise<Buffer> {
  const decisionBlock = (decision: { heading: string; text: string; votes: string }) => [
    new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(decision.heading)] }),
    ...paragraphsOf(decision.text),
    ...(decision.votes
      ? [new Paragraph({ children: [new TextRun({ text: decision.votes, italics: true })] })]
      : []),
  ]
  const children = [
    new Paragraph({ children: [new TextRun({ text: doc.district, color: '555555' })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] }),
    new Paragraph({ children: [new TextRun({ text: doc.status, italics: true })] }),
    ...doc.facts.map(
      (fact) =>
        new Paragraph({
          children: [new TextRun({ text: `${fact.label}: `, bold: true }), new TextRun(fact.value)],
        }),
    ),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(doc.headings.attendance)] }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: {
        top: { style: BorderStyle.SINGLE, size: 4, color: '999999' },
        bottom: { style: BorderStyle.SINGLE, size: 4, color: '999999' },
        left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
        right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
        insideHorizontal: { style: BorderStyle.SINGLE, size: 2, color: 'CCCCCC' },
        insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
      },
      rows: [
        new TableRow({
          tableHeader: true,
          children: doc.attendanceColumns.map((column) => cell(column, true)),
        }),
        ...doc.attendance.map((row) => new TableRow({ children: row.map((value) => cell(value)) })),
      ],
    }),
    new Paragraph({
      children: [new TextRun({ text: `${doc.headings.quorum}: `, bold: true }), new TextRun(doc.quorum)],
    }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(doc.headings.agenda)] }),
    ...doc.agenda.flatMap((item) => [
      new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(item.heading)] }),
      ...(item.description ? paragraphsOf(item.description) : []),
      ...item.decisions.flatMap(decisionBlock),
    ]),
    ...(doc.minutes
      ? [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(doc.headings.minutes)] }),
          ...paragraphsOf(doc.minutes),
        ]
      : []),
    ...(doc.otherDecisions.length > 0
      ? [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(doc.headings.decisions)] }),
          ...doc.otherDecisions.flatMap(decisionBlock),
        ]
      : []),
    ...(doc.actionItems.length > 0
      ? [
          new Paragraph({
            heading: HeadingLevel.HEADING_1,
            children: [new TextRun(doc.headings.actionItems)],
          }),
          ...doc.actionItems.map(
            (line) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun(line)] }),
          ),
        ]
      : []),
    ...(doc.amendments.length > 0
      ? [
          new Paragraph({
            heading: HeadingLevel.HEADING_1,
            children: [new TextRun(doc.headings.amendments)],
          }),
          ...doc.amendments.map((line) => new Paragraph({ children: [new TextRun(line)] })),
        ]
      : []),
  ]
  const document = new Document({
    creator: 'Lotse',
    title: doc.title,
    styles: { default: { document: { run: { font: 'Noto Sans', size: 21 } } } },
    sections: [{ children: children.map((child) => child) }],
  })
  return Packer.toBuffer(document)
}
