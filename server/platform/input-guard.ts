import type { FastifyInstance } from 'fastify'
import { textProblem } from '../../common/text.ts'
import { DomainError } from './errors.ts'

// Fatal: a byte sequence that is not UTF-8 is refused instead of becoming U+FFFD.
const utf8 = new TextDecoder('utf-8', { fatal: true })
const charsetParameter = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i
const utf8Names = new Set(['utf-8', 'utf8'])

/** The charset a Content-Type header declares, lower case; undefined when it declares none. */
function declaredCharset(contentType: string | undefined): string | undefined {
  const match = contentType ? charsetParameter.exec(contentType) : null
  return match ? (match[1] ?? match[2] ?? '').toLowerCase() : undefined
}

type Pending = { value: unknown; path: string }

/** Paths stop growing past this length, so that a deeply nested body does not come back as one. */
const maxPathLength = 200
const childPath = (path: string, key: string | number) =>
  path.length > maxPathLength ? path : `${path}.${key}`

/**
 * The first string (value or key) in a parsed body, query or parameter set that breaks the text
 * rule of `common/text.ts`, with its path as the schema validation names it (`body.note`).
 * Walks iteratively, so a deeply nested body cannot overflow the stack.
 */
function findTextProblem(
  root: unknown,
  rootPath: string,
): { path: string; code: NonNullable<ReturnType<typeof textProblem>> } | undefined {
  const pending: Pending[] = [{ value: root, path: rootPath }]
  while (pending.length > 0) {
    const { value, path } = pending.pop() as Pending
    if (typeof value === 'string') {
      // Multi-line: the guard does not know the field; the schemas refuse line breaks where they must.
      const code = textProblem(value, 'multi-line')
      if (code) return { path, code }
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--)
        pending.push({ value: value[index], path: childPath(path, index) })
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        // A bad key is reported at its parent: echoing it into the answer would repeat the bad text.
        const code = textProblem(key, 'single-line')
        if (code) return { path, code }
        pending.push({ value: child, path: childPath(path, key) })
      }
    }
  }
  return undefined
}

/**
 * Input hygiene for every route, in one place, so that a new route is covered without doing
 * anything: JSON bodies must be UTF-8 (declared or not) and decode without loss, and no text
 * in body, query or path parameters may carry NUL, other control characters or lone
 * surrogates. Each refusal is a 4xx problem with the field's path; nothing reaches a service.
 */
export function registerInputGuard(app: FastifyInstance): void {
  // The same protection against prototype poisoning as Fastify's own JSON parser.
  const parseJson = app.getDefaultJsonParser(
    app.initialConfig.onProtoPoisoning ?? 'error',
    app.initialConfig.onConstructorPoisoning ?? 'error',
  )
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const charset = declaredCharset(request.headers['content-type'])
    if (charset !== undefined && !utf8Names.has(charset)) {
      done(new DomainError('unsupported-charset', 'unsupported-type'), undefined)
      return
    }
    let text: string
    try {
      text = utf8.decode(body as Buffer)
    } catch {
      done(new DomainError('invalid-encoding', 'invalid'), undefined)
      return
    }
    void parseJson(request, text, done)
  })

  app.addHook('preValidation', async (request) => {
    const problem =
      findTextProblem(request.params, 'params') ??
      findTextProblem(request.query, 'querystring') ??
      findTextProblem(request.body, 'body')
    if (problem) {
      throw new DomainError(problem.code, 'invalid', undefined, [
        { field: problem.path, at: problem.path, message: problem.code },
      ])
    }
  })
}
