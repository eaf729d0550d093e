import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs'
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  type ConsentFormLanguage,
  consentFormLanguages,
  consentLegalBases,
  consentPurposes,
  dataCategories,
  rightToLeftLanguages,
} from '../../../../common/consent.ts'
import { DomainError } from '../../../platform/errors.ts'
import {
  type ConsentFormInput,
  type ConsentFormTexts,
  consentFormTexts,
  consentFormTextVersion,
  renderConsentFormPdf,
} from './consent-form.ts'

const input: ConsentFormInput = {
  districtName: 'Rhein-Sieg-Kreis',
  person: { familyName: 'Haddad', givenNames: 'Samira Lina', birthDate: '1991-04-23' },
  recipientOrganisationNames: ['Jobcenter Rhein-Sieg', 'Caritasverband Rhein-Sieg e. V.'],
  // Everything at once: a glyph whose text is mapped wrongly anywhere on the form shows up.
  purposes: [...consentPurposes],
  dataCategories: [...dataCategories],
  legalBases: [...consentLegalBases],
  validFrom: '2026-12-07',
  validUntil: '2027-12-06',
  textVersion: consentFormTextVersion,
}

type ReadBack = {
  /** Lines of the left (German) half, top to bottom, pages in order. */
  left: string[]
  /** Lines of the right (client language) half, read in the client's direction. */
  right: string[]
  /** Whole-width lines read left to right, for values that span the middle. */
  all: string[]
  fonts: { name: string; embedded: boolean }[]
}

/**
 * Reads a PDF back the way a screen reader or a copy would: pdf.js's text items, grouped into
 * lines by baseline and ordered along the line in the reading direction. pdf.js already turns
 * each right-to-left item into logical order; this only puts the items of a line in sequence.
 */
async function readBack(pdf: Uint8Array, rtl: boolean): Promise<ReadBack> {
  const document = await getDocument({ data: pdf.slice(), fontExtraProperties: true, isEvalSupported: false })
    .promise
  const out: ReadBack = { left: [], right: [], all: [], fonts: [] }
  const fontNames = new Set<string>()
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number)
    const { width, height } = page.getViewport({ scale: 1 })
    const items = (await page.getTextContent()).items.filter((item): item is TextItem => 'str' in item)
    const lines = (selected: TextItem[], rightToLeft: boolean) => {
      const rows: { y: number; items: TextItem[] }[] = []
      for (const item of selected) {
        const y = item.transform[5] as number
        const row = rows.find((candidate) => Math.abs(candidate.y - y) < 2.5)
        if (row) row.items.push(item)
        else rows.push({ y, items: [item] })
      }
      const x = (item: TextItem) => item.transform[4] as number
      return rows
        .sort((a, b) => b.y - a.y)
        .map((row) =>
          row.items
            .sort((a, b) => (x(a) - x(b)) * (rightToLeft ? -1 : 1))
            .map((item) => item.str)
            .join(''),
        )
    }
    // Header (top 20 mm) and footer (bottom 15 mm) would split a paragraph that runs across a
    // page break; the body runs from 22 mm to 18 mm above the bottom edge.
    const mm = 72 / 25.4
    const body = items.filter((item) => {
      const y = item.transform[5] as number
      return y > 15 * mm && y < height - 20 * mm
    })
    const isLeft = (item: TextItem) => (item.transform[4] as number) < width / 2
    out.left.push(...lines(body.filter(isLeft), false))
    out.right.push(
      ...lines(
        body.filter((item) => !isLeft(item)),
        rtl,
      ),
    )
    out.all.push(...lines(items, false))
    const operators = await page.getOperatorList()
    operators.fnArray.forEach((operator, index) => {
      if (operator === OPS.setFont) fontNames.add(operators.argsArray[index][0])
    })
    for (const name of fontNames) {
      const font = page.commonObjs.get(name) as { name: string; missingFile: boolean }
      if (!out.fonts.some((known) => known.name === font.name))
        out.fonts.push({ name: font.name, embedded: !font.missingFile })
    }
  }
  return out
}

/**
 * Text as it reads back, for comparison: whitespace collapsed, compatibility forms folded, and
 * the zero-width non-joiner of Persian dropped (it has no glyph, so it has no place in the
 * text layer).
 */
const normal = (text: string) =>
  text
    .normalize('NFKC')
    .replace(/\u200c/g, '')
    .replace(/\s+/g, ' ')
    .trim()

/**
 * The lam-alef ligature is one glyph for two letters; pdf.js reverses a right-to-left run
 * character by character, so it reads "لا" back as "ال" (poppler does the same). Every other
 * letter comes back in logical order; this is the one place where the extractor, not the PDF,
 * decides the order, so the expectation applies the same swap.
 */
const asReadBackByPdfJs = (text: string) => text.replace(/ل([اأإآ])/g, '$1ل')

/** Lines joined into running text; a line broken after a word's hyphen continues without a space. */
const joined = (lines: string[]) =>
  normal(lines.map((line) => (line.endsWith('-') ? line : `${line} `)).join(''))

/**
 * The texts of one language that must read back word for word: title, headings, every sentence
 * of the declaration, every purpose and data category. In right-to-left text a sentence with
 * Latin letters, digits or brackets is left out: where the direction changes pdf.js drops the
 * space between the runs, which says nothing about the PDF.
 */
function textsToFind(texts: ConsentFormTexts, rtl: boolean): string[] {
  const sentences = (text: string) => text.split(/(?<=[.።])\s+/)
  return [
    texts.title,
    ...Object.values(texts.sections).flatMap((section) => [section.heading, ...sentences(section.text)]),
    ...Object.values(texts.purposes),
    ...Object.values(texts.dataCategories),
  ].filter((text) => !rtl || !/[A-Za-z0-9()۰-۹§]/.test(text))
}

describe('the printable consent form', () => {
  it('has the same keys in every language as in German, and the same text version', () => {
    const keys = (value: unknown, prefix = ''): string[] =>
      typeof value === 'object' && value !== null
        ? Object.entries(value).flatMap(([key, inner]) => keys(inner, `${prefix}${key}.`))
        : [prefix.slice(0, -1)]
    const german = keys(consentFormTexts.de).sort()
    for (const language of consentFormLanguages) {
      expect(keys(consentFormTexts[language]).sort(), language).toEqual(german)
      expect(consentFormTexts[language].version, language).toBe(consentFormTextVersion)
    }
  })

  it('has a text for every purpose, data category and legal basis, and keeps the date placeholders', () => {
    for (const language of ['de', ...consentFormLanguages] as const) {
      const texts = consentFormTexts[language]
      for (const purpose of consentPurposes) expect(texts.purposes[purpose], language).not.toBe('')
      for (const category of dataCategories) expect(texts.dataCategories[category], language).not.toBe('')
      for (const basis of consentLegalBases) expect(texts.legalBases[basis], language).not.toBe('')
      expect(texts.validity.fromDate, language).toContain('{date}')
      expect(texts.validity.untilDate, language).toContain('{date}')
    }
  })

  describe.each(consentFormLanguages)('in German and %s', (language: ConsentFormLanguage) => {
    const rtl = rightToLeftLanguages.includes(language)
    const texts = consentFormTexts[language]
    let rendered: { pdf: Uint8Array; read: ReadBack }
    beforeAll(async () => {
      const pdf = await renderConsentFormPdf(input, language)
      rendered = { pdf, read: await readBack(pdf, rtl) }
    })

    it('is an A4 PDF', async () => {
      const { pdf } = rendered
      const document = await getDocument({ data: pdf.slice(), isEvalSupported: false }).promise
      const { width, height } = (await document.getPage(1)).getViewport({ scale: 1 })
      expect([Math.round(width), Math.round(height)]).toEqual([595, 842])
      expect(document.numPages).toBeLessThanOrEqual(3)
    })

    it("reads back the client's language in its own script, in logical order", async () => {
      const { read } = rendered
      const client = joined(read.right)
      const expected = textsToFind(texts, rtl)
      expect(expected.length).toBeGreaterThan(20)
      for (const text of expected)
        expect(client, text).toContain(normal(rtl ? asReadBackByPdfJs(text) : text))
      const script = { ar: /\p{Script=Arabic}/u, fa: /\p{Script=Arabic}/u, ti: /\p{Script=Ethiopic}/u }
      if (language in script) expect(client).toMatch(script[language as keyof typeof script])
    })

    it('reads back the German text beside it', async () => {
      const { read } = rendered
      const german = joined(read.left)
      for (const text of textsToFind(consentFormTexts.de, false)) expect(german, text).toContain(normal(text))
    })

    it('names the person, the recipients and the district', async () => {
      const { read } = rendered
      const all = joined(read.all)
      for (const value of ['Haddad', 'Samira Lina', '23.04.1991', 'Jobcenter Rhein-Sieg', 'Rhein-Sieg-Kreis'])
        expect(all).toContain(value)
      expect(all).toContain('07.12.2026')
    })

    it('embeds every font it uses', async () => {
      const { read } = rendered
      expect(read.fonts.length).toBeGreaterThan(0)
      for (const font of read.fonts) expect(font, font.name).toMatchObject({ embedded: true })
      const families = read.fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, ''))
      expect(families).toContain('NotoSans-Regular')
      if (rtl) expect(families).toContain('Vazirmatn-Regular')
      if (language === 'ti') expect(families).toContain('NotoSansEthiopic-Regular')
    })
  })

  it('prints names with Typst markup characters literally', async () => {
    const familyName = `*Ng* _O'B_ #strong[x] $y^2$`
    const givenNames = String.raw`\ [Zoë] <l> @r // "q" {é}`
    const hostile = { ...input, person: { familyName, givenNames, birthDate: '1970' } }
    const read = await readBack(await renderConsentFormPdf(hostile, 'en'), false)
    const all = joined(read.all)
    expect(all).toContain(familyName)
    expect(all).toContain(givenNames)
    expect(all).toContain('1970')
  })

  it('keeps a name with direction controls from turning the text around it', async () => {
    const hostile = {
      ...input,
      person: { familyName: 'Abc\u202edef', givenNames: 'نور Amal', birthDate: '1985-07' },
      recipientOrganisationNames: ['Diakonie \u2067Bonn'],
    }
    const read = await readBack(await renderConsentFormPdf(hostile, 'ar'), true)
    const all = joined(read.all)
    expect(all).toContain('Abcdef')
    expect(all).toContain('Diakonie Bonn')
    expect(all).toContain('07.1985')
  })

  it('prints the same bytes for the same input', async () => {
    const first = await renderConsentFormPdf(input, 'tr')
    const second = await renderConsentFormPdf(input, 'tr')
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true)
  })

  it('says "until revoked" when the consent has no end date', async () => {
    const open = { ...input, validFrom: null, validUntil: null }
    const read = await readBack(await renderConsentFormPdf(open, 'en'), false)
    expect(joined(read.left)).toContain('ab Unterzeichnung, bis auf Widerruf')
    expect(joined(read.right)).toContain('from signature, until revoked')
  })

  it('refuses a text version it cannot print', async () => {
    await expect(renderConsentFormPdf({ ...input, textVersion: '2020-01' }, 'ar')).rejects.toMatchObject({
      code: 'consent-form-text-version-unavailable',
      kind: 'gone',
    })
  })

  it('refuses a form without recipients and dates that are not ISO dates', async () => {
    await expect(
      renderConsentFormPdf({ ...input, recipientOrganisationNames: [] }, 'en'),
    ).rejects.toBeInstanceOf(DomainError)
    await expect(renderConsentFormPdf({ ...input, validUntil: '06.12.2027' }, 'en')).rejects.toMatchObject({
      kind: 'invalid',
    })
    await expect(
      renderConsentFormPdf({ ...input, person: { ...input.person, birthDate: '1991-4' } }, 'en'),
    ).rejects.toMatchObject({ kind: 'invalid' })
  })
})
