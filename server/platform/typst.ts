import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler'

/**
 * PDFs typeset by Typst with fonts shipped in node_modules (SIL Open Font License). Values reach
 * a template as JSON in `sys.inputs.data`, never as Typst source, so no input can inject markup.
 */

const require = createRequire(import.meta.url)

/** The fonts of Lotse's documents: Noto Sans, with Vazirmatn for Arabic script and Noto Sans Ethiopic. */
export const documentFontFiles = [
  '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  '@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf',
  '@expo-google-fonts/vazirmatn/400Regular/Vazirmatn_400Regular.ttf',
  '@expo-google-fonts/noto-sans-ethiopic/400Regular/NotoSansEthiopic_400Regular.ttf',
].map((file) => require.resolve(file))

export type PdfTemplate = {
  /** Named in the error when the template does not compile. */
  name: string
  /** The `.typ` file; its folder is the compiler's workspace. */
  template: URL
  fontFiles?: readonly string[]
}

// Typst memoizes layouts across compilations. Documents are printed now and then, not in bursts,
// so the cache is emptied after each one: measured over 280 consent forms, resident memory stayed
// near 155 MB (keeping results for 10 compilations: 275 MB) for about 60 ms more per document.
const cacheMaxAge = 0

/**
 * A function that typesets the template with the data. One compiler per template, made on first
 * use: fonts are parsed once. Pure: the same data gives the same bytes.
 */
export function typstPdf(spec: PdfTemplate): (data: unknown) => Promise<Uint8Array> {
  let typesetter: { compiler: NodeCompiler; template: string } | undefined
  const typesetterOnce = () => {
    typesetter ??= {
      compiler: NodeCompiler.create({
        workspace: new URL('./', spec.template).pathname,
        fontArgs: [{ fontBlobs: (spec.fontFiles ?? documentFontFiles).map((file) => readFileSync(file)) }],
      }),
      template: readFileSync(spec.template, 'utf8'),
    }
    return typesetter
  }
  return async (data) => {
    const inputs = { data: JSON.stringify(data) }
    // The compiler's results are native objects freed by finalizers on a later turn of the event
    // loop; yielding here keeps memory flat in a loop and lets other requests in before the
    // compiler takes the thread.
    await new Promise((resolve) => setImmediate(resolve))
    const { compiler, template } = typesetterOnce()
    try {
      const result = compiler.compile({ mainFileContent: template, inputs })
      const error = result.takeError()
      const document = result.result
      if (error || !document) {
        const diagnostics = error ? compiler.fetchDiagnostics(error) : []
        throw new Error(`${spec.name} did not compile: ${JSON.stringify(diagnostics)}`)
      }
      // A fixed timestamp keeps the bytes reproducible; documents carry their own dates.
      return new Uint8Array(compiler.pdf(document, { creationTimestamp: 0 }))
    } finally {
      compiler.evictCache(cacheMaxAge)
    }
  }
}
