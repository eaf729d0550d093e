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
import type { ConceptDocument } from './concept-texts.ts'

const paragraphsOf = (text: string) =>
  text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => new Paragraph({ children: [new TextRun(line)] }))

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] })

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ heading: level, children: [new TextRun(text)] })

const thinRule = { style: BorderStyle.SINGLE, size: 4, color: '999999' }
const noRule = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }

/** The integration concept as a Word document (DOCX), made with the `docx` library. */
export async function conceptDocx(doc: ConceptDocument): Promise<Buffer> {
  const children = [
    new Paragraph({ children: [new TextRun({ text: doc.district, color: '555555' })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] }),
    new Paragraph({ children: [new TextRun({ text: doc.subtitle, bold: true })] }),
    new Paragraph({ children: [new TextRun({ text: doc.status, italics: true })] }),
    ...(doc.basedOn
      ? [new Paragraph({ children: [new TextRun({ text: doc.basedOn, italics: true })] })]
      : []),
    ...doc.sections.flatMap((section) => [
      heading(section.heading, HeadingLevel.HEADING_1),
      ...paragraphsOf(section.text),
    ]),
    ...(doc.grid.length > 0
      ? [
          heading(doc.headings.grid, HeadingLevel.HEADING_1),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            borders: {
              top: thinRule,
              bottom: thinRule,
              left: noRule,
              right: noRule,
              insideHorizontal: { style: BorderStyle.SINGLE, size: 2, color: 'CCCCCC' },
              insideVertical: noRule,
            },
            rows: [
              new TableRow({
                tableHeader: true,
                children: doc.gridColumns.map((column) => cell(column, true)),
              }),
              ...doc.grid.map((row) => new TableRow({ children: row.map((value) => cell(value)) })),
            ],
          }),
        ]
      : []),
    ...(doc.interfaces.length > 0
      ? [
          heading(doc.headings.interfaces, HeadingLevel.HEADING_1),
          ...doc.interfaces.flatMap((entry) => [
            heading(entry.heading, HeadingLevel.HEADING_3),
            ...entry.facts.map(
              (fact) =>
                new Paragraph({
                  children: [new TextRun({ text: `${fact.label}: `, bold: true }), new TextRun(fact.value)],
                }),
            ),
          ]),
        ]
      : []),
    ...(doc.consultations.length > 0
      ? [
          heading(doc.headings.consultations, HeadingLevel.HEADING_1),
          ...doc.consultations.map(
            (line) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun(line)] }),
          ),
        ]
      : []),
  ]
  const document = new Document({
    creator: 'Lotse',
    title: doc.title,
    styles: { default: { document: { run: { font: 'Noto Sans', size: 21 } } } },
    sections: [{ children }],
  })
  return Packer.toBuffer(document)
}
