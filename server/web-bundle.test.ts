import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { build, type Rolldown } from 'vite'
import { beforeAll, describe, expect, it } from 'vitest'

/**
 * Budgets of the web app, checked on a real production build (in memory, about ten seconds):
 * the sign-in and the start page load under 250 KB compressed, and ECharts is fetched only by a
 * page that shows a chart. A page that pulls a heavy library into the app's first load fails here.
 */
const budgetKb = 250
const projectRoot = path.resolve(import.meta.dirname, '..')

type Chunk = Rolldown.OutputChunk
let chunks: Chunk[]
let sizes: Map<string, number>

beforeAll(async () => {
  // Vitest sets NODE_ENV=test, which would bundle React's development build; measure what ships.
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  const result = await build({
    configFile: path.join(projectRoot, 'vite.config.ts'),
    logLevel: 'silent',
    mode: 'production',
    build: { write: false, sourcemap: false },
  }).finally(() => {
    process.env.NODE_ENV = nodeEnv
  })
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[]
  const files = outputs.flatMap((output) => output.output)
  chunks = files.filter((file): file is Chunk => file.type === 'chunk')
  sizes = new Map(
    files.map((file) => [
      file.fileName,
      gzipSync(file.type === 'chunk' ? file.code : Buffer.from(file.source)).length,
    ]),
  )
}, 120_000)

const byModule = (suffix: string) => {
  const chunk = chunks.find((candidate) => candidate.moduleIds.some((id) => id.endsWith(suffix)))
  if (!chunk) throw new Error(`no chunk holds ${suffix}`)
  return chunk
}

/** The files a browser loads before a chunk runs: its static imports, transitively, and their CSS. */
function staticClosure(start: Chunk): Set<string> {
  const files = new Set<string>()
  const visit = (chunk: Chunk) => {
    if (files.has(chunk.fileName)) return
    files.add(chunk.fileName)
    for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(css)
    for (const name of chunk.imports) {
      const imported = chunks.find((candidate) => candidate.fileName === name)
      if (imported) visit(imported)
    }
  }
  visit(start)
  return files
}

const kilobytes = (files: Iterable<string>) =>
  [...files].reduce((sum, file) => sum + (sizes.get(file) ?? 0), 0) / 1024

/** What a page needs: the app's entry and, when the page is a chunk of its own, that chunk. */
function pageFiles(pageModule: string): Set<string> {
  const entry = chunks.find((chunk) => chunk.isEntry)
  if (!entry) throw new Error('the build has no entry chunk')
  return new Set([...staticClosure(entry), ...staticClosure(byModule(pageModule))])
}

const holdsEcharts = (fileName: string) =>
  chunks.some(
    (chunk) => chunk.fileName === fileName && chunk.moduleIds.some((id) => id.includes('/echarts/')),
  )

describe('web bundle budgets', () => {
  it.each([
    ['sign-in', 'web/src/features/identity/LoginPage.tsx'],
    ['start', 'web/src/features/start/StartPage.tsx'],
  ])(`the %s page loads under ${budgetKb} KB compressed`, (_, pageModule) => {
    const files = pageFiles(pageModule)
    const size = kilobytes(files)
    console.log(`${pageModule}: ${size.toFixed(1)} KB gzip in ${files.size} files`)
    expect(size).toBeLessThan(budgetKb)
  })

  it('loads ECharts only with a chart, not with the app or the case page', () => {
    for (const page of [
      'web/src/features/identity/LoginPage.tsx',
      'web/src/features/start/StartPage.tsx',
      'web/src/features/cases/CasePage.tsx',
    ]) {
      expect([...pageFiles(page)].filter(holdsEcharts), page).toEqual([])
    }
    const chart = byModule('web/src/components/charts/EChart.tsx')
    expect(chart.isDynamicEntry).toBe(true)
    expect(holdsEcharts(chart.fileName)).toBe(true)
  })

  // The sign-in and reset forms check with the API's zod schemas, fetched once the page shows
  // (useLazySchema in web/src/schema-form.ts); a static import of a schema would bring zod along.
  it('loads zod only after the sign-in and the start page show, not with them', () => {
    for (const page of ['web/src/features/identity/LoginPage.tsx', 'web/src/features/start/StartPage.tsx']) {
      const withZod = [...pageFiles(page)].filter((file) =>
        chunks.some(
          (chunk) =>
            chunk.fileName === file && chunk.moduleIds.some((id) => id.includes('/node_modules/zod/')),
        ),
      )
      expect(withZod, page).toEqual([])
    }
    // The login schema exists in the build, as a chunk the sign-in page fetches later.
    const schemas = byModule('common/identity.ts')
    expect(pageFiles('web/src/features/identity/LoginPage.tsx').has(schemas.fileName)).toBe(false)
  })

  // Every Mantine table brings a ScrollArea, which would bring all of Floating UI for one hook
  // (vite.config.ts swaps it for Mantine's own); popovers, menus and tooltips load it later.
  it('loads Floating UI only with a page that has popovers, not with the sign-in or the start page', () => {
    for (const page of ['web/src/features/identity/LoginPage.tsx', 'web/src/features/start/StartPage.tsx']) {
      const floating = [...pageFiles(page)].filter((file) =>
        chunks.some(
          (chunk) => chunk.fileName === file && chunk.moduleIds.some((id) => id.includes('/@floating-ui/')),
        ),
      )
      expect(floating, page).toEqual([])
    }
    expect(chunks.some((chunk) => chunk.moduleIds.some((id) => id.includes('/@floating-ui/dom/')))).toBe(true)
  })

  it('takes from ECharts only the parts a chart uses, not the whole library', () => {
    const echartsModules = chunks.flatMap((chunk) => chunk.moduleIds).filter((id) => id.includes('/echarts/'))
    expect(echartsModules.some((id) => id.includes('/echarts/lib/chart/line/'))).toBe(true)
    // Bars belong to lazy pages only (the staffing timeline, the reporting dashboard), never to the first load.
    const bars = chunks.filter((chunk) =>
      chunk.moduleIds.some((id) => id.includes('/echarts/lib/chart/bar/')),
    )
    expect(bars.every((chunk) => chunk.isDynamicEntry || !chunk.isEntry)).toBe(true)
    for (const unused of ['/chart/pie/', '/chart/map/', '/renderer/installCanvasRenderer']) {
      expect(
        echartsModules.filter((id) => id.includes(unused)),
        unused,
      ).toEqual([])
    }
  })

  // A lazy page renders once the texts it names in `withTexts(import(...), [...])` are there; a
  // key of a feature it does not name would show raw (app.json comes with the first load).
  it('loads with every lazy page the texts its code uses', () => {
    const webSource = path.join(projectRoot, 'web/src')
    const sources = readdirSync(webSource, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.test.ts'))
      .map((file) => path.join(webSource, file))
    const declared = new Map<string, string[]>()
    for (const file of sources)
      for (const [, page, names] of readFileSync(file, 'utf8').matchAll(
        /withTexts\(\s*import\('([^']+)'\),\s*\[([^\]]*)\]/g,
      ))
        declared.set(
          path.resolve(path.dirname(file), page ?? ''),
          [...(names ?? '').matchAll(/'(\w+)'/g)].map((match) => match[1] ?? ''),
        )
    const texts = (language: string, name: string) =>
      JSON.parse(readFileSync(path.join(webSource, 'locales', language, `${name}.json`), 'utf8')) as Record<
        string,
        Record<string, unknown>
      >
    const app = texts('de', 'app')
    const fileOf = new Map<string, string>()
    for (const file of readdirSync(path.join(webSource, 'locales/de'))) {
      const name = file.replace(/\.json$/, '')
      if (name !== 'app') for (const namespace of Object.keys(texts('de', name))) fileOf.set(namespace, name)
    }
    const entry = chunks.find((chunk) => chunk.isEntry)
    if (!entry) throw new Error('the build has no entry chunk')
    const firstLoad = new Set(
      [...staticClosure(entry)].flatMap(
        (file) => chunks.find((chunk) => chunk.fileName === file)?.moduleIds ?? [],
      ),
    )
    expect(declared.size).toBeGreaterThan(30)
    for (const [page, names] of declared) {
      const start = chunks.find((chunk) => chunk.facadeModuleId === page)
      if (!start) throw new Error(`no chunk starts with ${page}`)
      // The page's code and what it fetches later itself (a chart), but not the pages it links to.
      const seen = new Set<Chunk>()
      const visit = (chunk: Chunk) => {
        if (seen.has(chunk) || (chunk !== start && declared.has(chunk.facadeModuleId ?? ''))) return
        seen.add(chunk)
        for (const name of [...chunk.imports, ...chunk.dynamicImports]) {
          const next = chunks.find((candidate) => candidate.fileName === name)
          if (next) visit(next)
        }
      }
      visit(start)
      const missing = new Set<string>()
      for (const id of [...seen].flatMap((chunk) => chunk.moduleIds))
        if (id.startsWith(webSource) && /\.tsx?$/.test(id) && !firstLoad.has(id))
          for (const [, namespace, key] of readFileSync(id, 'utf8').matchAll(/['`"](\w+)\.(\w+)/g)) {
            const file = fileOf.get(namespace ?? '')
            if (file && !names.includes(file) && app[namespace ?? '']?.[key ?? ''] === undefined)
              missing.add(`${file} (${namespace}.${key} in ${path.relative(webSource, id)})`)
          }
      expect([...missing], path.relative(projectRoot, page)).toEqual([])
    }
  })
})
