/** The browser's family and version. Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari". */
const browsers: [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/OPR\/(\d+)/, 'Opera'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/FxiOS\/(\d+)/, 'Firefox'],
  [/CriOS\/(\d+)/, 'Chrome'],
  [/Chrom(?:e|ium)\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
]

const systems: [RegExp, string][] = [
  [/Windows/, 'Windows'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Android/, 'Android'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
]

/**
 * A short, human summary of a User-Agent header ("Firefox 128 · Windows"), for the list of one's
 * own sessions. Anything unrecognised is shown shortened, never guessed.
 */
export function summariseUserAgent(userAgent: string): string {
  const text = userAgent.trim()
  if (!text) return ''
  const browser = browsers.find(([pattern]) => pattern.test(text))
  const system = systems.find(([pattern]) => pattern.test(text))?.[1]
  if (!browser) return text.length > 40 ? `${text.slice(0, 39)}…` : text
  const version = browser[0].exec(text)?.[1]
  return [`${browser[1]}${version ? ` ${version}` : ''}`, system].filter(Boolean).join(' · ')
}
