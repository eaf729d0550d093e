import type { FastifyServerOptions } from 'fastify'
import type { Config } from './config.ts'

/** JSON lines for log collectors, or one short line per event for a person at a terminal. */
export type LogOutput = 'json' | 'human'

type Write = (text: string) => void
const toStdout: Write = (text) => {
  process.stdout.write(text)
}

/**
 * Logs carry no personal data: requests are logged by method, route pattern and path without
 * the query string (searches contain names); headers and bodies are never logged.
 */
export function loggerOptions(
  config: Pick<Config, 'logLevel'>,
  output: LogOutput = 'json',
  /** Where lines go instead of stdout (tests). */
  write?: Write,
): FastifyServerOptions['logger'] {
  const options = {
    level: config.logLevel,
    redact: {
      paths: ['req.headers', 'res.headers', '*.password', '*.cookie', '*.authorization'],
      remove: true,
    },
    serializers: {
      req: (request: { method: string; url: string; routeOptions?: { url?: string }; id: string }) => ({
        id: request.id,
        method: request.method,
        route: request.routeOptions?.url,
        path: pathOf(request.url),
      }),
      // Method and path again, so that the line of a finished request stands on its own.
      res: (reply: { statusCode: number; request?: { method: string; url: string } }) => ({
        statusCode: reply.statusCode,
        ...(reply.request ? { method: reply.request.method, path: pathOf(reply.request.url) } : {}),
      }),
    },
  }
  if (output === 'human') return { ...options, stream: humanLogStream(write) }
  return write ? { ...options, stream: { write } } : options
}

const pathOf = (url: string) => url.split('?')[0] ?? ''

const levels: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
}

const ansi = { dim: '\u001b[2m', red: '\u001b[31m', yellow: '\u001b[33m', reset: '\u001b[0m' }

type LogRecord = {
  level?: number
  time?: number
  msg?: string
  res?: { statusCode?: number; method?: string; path?: string }
  responseTime?: number
  err?: { type?: string; code?: string }
  [key: string]: unknown
}

// Fields every record has, or that the line shows already.
const shownFields = new Set([
  'level',
  'time',
  'pid',
  'hostname',
  'msg',
  'reqId',
  'res',
  'responseTime',
  'err',
])

/** Anything else a record carries, briefly: `sso={"code":"sso-no-role"}`. */
function extras(record: LogRecord): string {
  const parts = Object.entries(record)
    .filter(([key]) => !shownFields.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
  if (record.err) parts.unshift(`error=${[record.err.type, record.err.code].filter(Boolean).join(' ')}`)
  return parts.length > 0 ? ` ${parts.join(' ')}` : ''
}

function clock(time: number | undefined): string {
  const date = time === undefined ? new Date() : new Date(time)
  return date.toTimeString().slice(0, 8)
}

/** One line for a person, or null for what only clutters a terminal. */
export function humanLine(record: LogRecord): string | null {
  const level = record.level ?? 30
  const message = record.msg ?? ''
  // The start banner names the address; a request is shown once, when it is answered.
  if (message === 'incoming request' || message.startsWith('Server listening at')) return null
  const time = `${ansi.dim}${clock(record.time)}${ansi.reset}`
  if (record.res && (message === 'request completed' || message === 'request errored')) {
    const status = record.res.statusCode ?? 0
    const path = record.res.path ?? ''
    // The web app's files are not worth a line each; API calls and every failure are.
    if (!path.startsWith('/api') && status < 400) return null
    const colour = status >= 500 ? ansi.red : status >= 400 ? ansi.yellow : ''
    const took =
      record.responseTime === undefined ? '' : ` ${ansi.dim}${record.responseTime.toFixed(0)} ms${ansi.reset}`
    return `${time}  ${record.res.method ?? ''} ${path} ${colour}${status}${colour ? ansi.reset : ''}${took}`
  }
  const name = levels[level] ?? String(level)
  const colour = level >= 50 ? ansi.red : level >= 40 ? ansi.yellow : ''
  return `${time}  ${colour}${name}${colour ? ansi.reset : ''} ${message}${extras(record)}`
}

/** A pino destination that turns each JSON line into a human line, or drops it. */
export function humanLogStream(write: Write = toStdout): { write(line: string): void } {
  return {
    write(line) {
      let record: LogRecord
      try {
        record = JSON.parse(line) as LogRecord
      } catch {
        write(line)
        return
      }
      const text = humanLine(record)
      if (text !== null) write(`${text}\n`)
    },
  }
}
