import { existsSync, readFileSync, writeFileSync } from 'node:fs'

const blockPattern = /\n<!-- stress -->[\s\S]*<!-- \/stress -->\n?$/
const sectionPattern = /<!-- stress:([\w-]+) -->\n[\s\S]*?<!-- \/stress:\1 -->/g

/**
 * Writes stress sections (one per database and one for the nodes) into the block at the end of
 * bench/RESULTS.md; a section this run did not produce stays as it was. `npm run bench` keeps the block.
 */
export function writeStressSections(file: string, fresh: Map<string, string>): void {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n'
  const block = blockPattern.exec(text)?.[0] ?? ''
  const sections = new Map<string, string>()
  for (const match of block.matchAll(sectionPattern)) sections.set(match[1] as string, match[0])
  for (const [name, body] of fresh)
    sections.set(name, `<!-- stress:${name} -->\n${body.trim()}\n<!-- /stress:${name} -->`)
  const order = ['pglite', 'postgresql', 'nodes'].filter((name) => sections.has(name))
  const rendered = [
    '',
    '<!-- stress -->',
    '## Stress: kill -9 while writing, several API nodes (`npm run stress`)',
    '',
    'Written by `npm run stress -- --write`; see docs/quality.md, section "Stress".',
    '',
    ...order.map((name) => `${sections.get(name)}\n`),
    '<!-- /stress -->',
    '',
  ].join('\n')
  writeFileSync(file, text.replace(blockPattern, '').replace(/\n*$/, '\n') + rendered)
}
