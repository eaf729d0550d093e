import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import type { ChartSize } from '../../../platform/charts.ts'
import type { DocTable, ReportDocument } from './document.ts'

/** A chart as the worker drew it: the vector original and its raster fallback. */
export type RenderedChart = { svg: string; png: Uint8Array; title: string; size: ChartSize }

const rule = { style: BorderStyle.SINGLE, size: 4, color: '999999' }
const faint = { style: BorderStyle.SINGLE, size: 2, color: 'CCCCCC' }
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }

const cell = (text: string, options: { bold?: boolean; right?: boolean; width?: number } = {}) =>
  new TableCell({
    ...(options.width ? { width: { size: options.width, type: WidthType.PERCENTAGE } } : {}),
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [
      new Paragraph({
        alignment: options.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: options.bold ?? false })],
      }),
    ],
  })

// The text column of A4 with 2.2 cm margins, in twips (1/1440 inch).
const textWidthTwips = Math.round((16.6 / 2.54) * 1440)

/** The first column (names) takes 40 % (30 % beside three or more figures); the figures share the rest. */
function columnWidths(count: number): number[] {
  if (count === 1) return [textWidthTwips]
  const first = Math.round(textWidthTwips * (count > 3 ? 0.3 : 0.4))
  const rest = Math.floor((textWidthTwips - first) / (count - 1))
  return [first, ...Array.from({ length: count - 1 }, () => rest)]
}

function dataTable(table: DocTable): Table {
  return new Table({
    width: { size: textWidthTwips, type: WidthType.DXA },
    columnWidths: columnWidths(table.columns.length),
    borders: {
      top: rule,
      bottom: rule,
      left: none,
      right: none,
      insideHorizontal: faint,
      insideVertical: none,
    },
    rows: [
      new TableRow({
        tableHeader: true,
        children: table.columns.map((column, index) =>
          cell(column, { bold: true, right: table.numeric[index] }),
        ),
      }),
      ...table.rows.map(
        (row) =>
          new TableRow({ children: row.map((value, index) => cell(value, { right: table.numeric[index] })) }),
      ),
    ],
  })
}

function headerTable(rows: [string, string][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: {
      top: rule,
      bottom: rule,
      left: rule,
      right: rule,
      insideHorizontal: faint,
      insideVertical: faint,
    },
    rows: rows.map(
      ([label, value]) =>
        new TableRow({ children: [cell(label, { bold: true, width: 30 }), cell(value, { width: 70 })] }),
    ),
  })
}

// Word measures pictures in pixels at 96 per inch; the chart is drawn in points (72 per inch) and
// placed at 16 cm wide so it fits the text column of an A4 page with 2.2 cm margins.
const chartWidthPx = Math.round((16 / 2.54) * 96)

function chartParagraph(chart: RenderedChart): Paragraph {
  return new Paragraph({
    spacing: { before: 120, after: 120 },
    keepNext: true,
    children: [
      new ImageRun({
        type: 'svg',
        data: Buffer.from(chart.svg, 'utf8'),
        fallback: { type: 'png', data: chart.png },
        transformation: {
          width: chartWidthPx,
          height: Math.round((chartWidthPx * chart.size.height) / chart.size.width),
        },
        altText: { name: chart.title, title: chart.title, description: chart.title },
      }),
    ],
  })
}

const spacer = () => new Paragraph({ children: [] })

/** The committee report as a Word document (DOCX) that Word and LibreOffice open and edit. */
export async function reportDocx(doc: ReportDocument, charts: (RenderedChart | null)[]): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ children: [new TextRun({ text: doc.districtName, color: '555555' })] }),
    new Paragraph({
      spacing: { after: 80 },
      children: [new TextRun({ text: doc.kindLabel, bold: true, size: 26 })],
    }),
    new Paragraph({
      heading: HeadingLevel.TITLE,
      spacing: { after: 240 },
      children: [new TextRun(doc.title)],
    }),
    headerTable(doc.headerRows),
    spacer(),
    ...doc.blocks.flatMap((block, index) => {
      const chart = charts[index]
      return [
        ...(block.heading
          ? [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(block.heading)] })]
          : []),
        ...block.paragraphs.map(
          (text) => new Paragraph({ spacing: { after: 120 }, children: [new TextRun(text)] }),
        ),
        ...(chart ? [chartParagraph(chart)] : []),
        ...(block.table ? [dataTable(block.table), spacer()] : []),
      ]
    }),
    ...doc.notes.map(
      (note) =>
        new Paragraph({
          spacing: { before: 120 },
          children: [new TextRun({ text: note, size: 17, color: '555555' })],
        }),
    ),
  ]
  const document = new Document({
    creator: 'Lotse',
    title: doc.title,
    description: doc.kindLabel,
    styles: {
      default: {
        // Word's spelling and hyphenation follow the report's language.
        document: {
          run: {
            font: 'Noto Sans',
            size: 21,
            language: { value: doc.language === 'en' ? 'en-GB' : 'de-DE' },
          },
        },
        title: { run: { font: 'Noto Sans', size: 32, bold: true } },
        heading1: {
          run: { font: 'Noto Sans', size: 26, bold: true, color: '222222' },
          paragraph: { spacing: { before: 280, after: 120 } },
        },
      },
    },
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1247, right: 1247 } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({ children: [PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES], size: 16 }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  })
  return new Uint8Array(await Packer.toBuffer(document))
}
