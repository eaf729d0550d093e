import JSZip from 'jszip'
import mammoth from 'mammoth'
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs'
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js'

/** Reads a report's files back with third-party readers, as a committee's office would open them. */

export async function docxContent(
  docx: Uint8Array,
): Promise<{ text: string; media: string[]; documentXml: string }> {
  const buffer = Buffer.from(docx)
  const { value } = await mammoth.extractRawText({ buffer })
  const zip = await JSZip.loadAsync(buffer)
  const media = Object.keys(zip.files).filter((name) => name.startsWith('word/media/'))
  const documentXml = (await zip.file('word/document.xml')?.async('string')) ?? ''
  return { text: value, media, documentXml }
}

/** The PDF's text (pdf.js), and how many path-drawing operations its pages hold (vector charts). */
export async function pdfContent(
  pdf: Uint8Array,
): Promise<{ text: string; pages: number; pathOperations: number }> {
  const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise
  const pages: string[] = []
  let pathOperations = 0
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number)
    const items = (await page.getTextContent()).items.filter((item): item is TextItem => 'str' in item)
    pages.push(items.map((item) => item.str + (item.hasEOL ? '\n' : '')).join(''))
    const operators = await page.getOperatorList()
    pathOperations += operators.fnArray.filter((fn) => fn === OPS.constructPath).length
  }
  return { text: pages.join('\n').replace(/\s+/g, ' '), pages: document.numPages, pathOperations }
}
