import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler'
import type { ConceptDocument } from './concept-texts.ts'

/**
 * The concept as a PDF, typeset by Typst with the Noto fonts shipped in node_modules, as the
 * minutes are (meetings/minutes/minutes-pdf.ts): values reach the template as JSON in
 * `sys.inputs`, never as Typst source.
 */

const require = createRequire(import.meta.url)
const fontFiles = [
  '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  '@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf',
  '@expo-google-fonts/vazirmatn/400Regular/Vazirmatn_400Regular.ttf',
  '@expo-google-fonts/noto-sans-ethiopic/400Regular/NotoSansEthiopic_400Regular.ttf',
].map((file) => require.resolve(file))

type Typesetter = { compiler: NodeCompiler; template: string }
let typesetter: Typesetter | undefined

function typesetterOnce(): Typesetter {
  typesetter ??= {
    compiler: NodeCompiler.create({
      workspace: new URL('./', import.meta.url).pathname,
      fontArgs: [{ fontBlobs: fontFiles.map((file) => readFileSync(file)) }],
    }),
    template: readFileSync(new URL('./concept.typ', import.meta.url), 'utf8'),
  }
  return typesetter
}

export async function conceptPdf(doc: ConceptDocument): Promise<Uint8Array> {
  const data = JSON.stringify(doc)
  // Let the event loop answer other requests before the compiler takes the thread.
  await new Promise((resolve) => setImmediate(resolve))
  const { compiler, template } = typesetterOnce()
  try {
    const result = compiler.compile({ mainFileContent: template, inputs: { data } })
    const error = result.takeError()
    const document = result.result
    if (error || !document) {
      const diagnostics = error ? compiler.fetchDiagnostics(error) : []
      throw new Error(`concept did not compile: ${JSON.stringify(diagnostics)}`)
    }
    return new Uint8Array(compiler.pdf(document, { creationTimestamp: 0 }))
  } finally {
    compiler.evictCache(0)
  }
}
