import { createRequire } from 'node:module'
import path from 'node:path'
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { describe, expect, it } from 'vitest'
import { needLevelChart } from '../../common/charts/need-level.ts'
import { chartFontFamily, renderChartSvg } from './charts.ts'

const levelNames = ['keiner', 'gering', 'mittel', 'hoch'] as const
const chart = needLevelChart({
  title: 'Sprache',
  dates: ['03.02.2026', '14.05.2026', '01.09.2026'],
  levels: [3, null, 1],
  levelNames,
})
const size = { width: 360, height: 160 }

/** The texts the SVG draws. Well-formedness is proven by Typst, whose SVG reader is strict. */
const svgTexts = (svg: string) => [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((match) => match[1])

describe('renderChartSvg', () => {
  it('renders a chart definition as an SVG document of the given size', () => {
    const svg = renderChartSvg(chart, size)
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
    expect(svg).toMatch(/^<svg [^>]*width="360" height="160"/)
    expect(svg).toMatch(/<\/svg>\s*$/)
    expect(svg).toContain('<path ')
  })

  it('writes the title and the labels of both axes as text, in the font the PDF engine has', () => {
    const svg = renderChartSvg(chart, size)
    expect(svgTexts(svg)).toEqual(
      expect.arrayContaining(['Sprache', ...levelNames, '03.02.2026', '01.09.2026']),
    )
    expect(svg).toContain(`font-family:${chartFontFamily}`)
    expect(svg).not.toMatch(/font-family:(?!Noto Sans)/)
  })

  it('draws the series line in the chart colour, through the assessed points only', () => {
    const svg = renderChartSvg(chart, size)
    expect(svg).toMatch(/stroke="#1864ab"/)
    // Two assessed dates give two points; the date without an assessment gets none.
    expect(svg.match(/ecmeta_data_index="\d+"/g)).toEqual(['ecmeta_data_index="0"', 'ecmeta_data_index="2"'])
  })

  it('gives the same bytes for the same chart, whatever was rendered before', () => {
    const first = renderChartSvg(chart, size)
    renderChartSvg(needLevelChart({ dates: ['01.01.2026'], levels: [2], levelNames }), size)
    expect(renderChartSvg(chart, size)).toBe(first)
  })

  it('keeps the ids of two different charts apart, so both can sit in one document', () => {
    const ids = (svg: string) => [...svg.matchAll(/id="([^"]+)"/g)].map((match) => match[1])
    const other = renderChartSvg(needLevelChart({ dates: ['01.01.2026'], levels: [2], levelNames }), size)
    const first = ids(renderChartSvg(chart, size))
    expect(first.length).toBeGreaterThan(0)
    for (const id of ids(other)) expect(first).not.toContain(id)
  })

  it('is read by Typst, the PDF engine, and lands in the PDF as vector graphics whose labels stay text', async () => {
    const require = createRequire(import.meta.url)
    const fontDir = (weight: string) =>
      path.dirname(require.resolve(`@expo-google-fonts/noto-sans/${weight}/NotoSans_${weight}.ttf`))
    const compiler = NodeCompiler.create({
      fontArgs: [{ fontPaths: [fontDir('400Regular'), fontDir('700Bold')] }],
    })
    const file = path.resolve('chart-under-test.svg')
    compiler.mapShadow(file, Buffer.from(renderChartSvg(chart, size)))
    const pdf = compiler.pdf({
      mainFileContent: `#set page(width: 12cm, height: 6cm, margin: 0.5cm)\n#image("/${path.basename(file)}", width: 100%)\n`,
    })
    const document = await getDocument({ data: new Uint8Array(pdf) }).promise
    const content = await (await document.getPage(1)).getTextContent()
    const text = content.items.map((item) => ('str' in item ? item.str : '')).join('')
    for (const label of ['Sprache', ...levelNames, '14.05.2026']) expect(text).toContain(label)
    expect(Buffer.from(pdf).toString('latin1')).toMatch(/NotoSans/)
  })
})
