import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod'
import type { Problem } from '../../common/problem.ts'
import { DomainError, type ErrorKind, type FieldProblem, HiddenByPolicy, TooManyRequests } from './errors.ts'
import { type MessageCode, messages } from './messages.ts'

type ProblemField = NonNullable<Problem['fields']>[number]

/** The one place where a kind of domain failure becomes an HTTP status. */
const statusOfKind: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  gone: 410,
  'too-large': 413,
  'unsupported-type': 415,
  'rule-broken': 422,
  'precondition-required': 428,
  'too-many-requests': 429,
  'upstream-failed': 502,
}

/**
 * Where a field the service named came in: a route parameter (`params.caseId`) when the route
 * has one of that name, the body otherwise (`body.managerIds`, `body` for the input as a whole).
 */
function pathOfField(request: FastifyRequest, field: string): string {
  const head = field.split('.')[0] ?? ''
  const params = (request.params ?? {}) as Record<string, unknown>
  if (head && Object.hasOwn(params, head)) return `params.${field}`
  return field ? `body.${field}` : 'body'
}

const wireFields = (
  request: FastifyRequest,
  fields: FieldProblem[] | undefined,
): ProblemField[] | undefined =>
  fields?.map(({ field, message, at }) => ({ path: at ?? pathOfField(request, field), message }))

export function problemFor(
  request: FastifyRequest,
  code: MessageCode,
  status: number,
  detail?: string,
  fields?: ProblemField[],
): Problem {
  const text = messages[code]
  return {
    type: `urn:lotse:problem:${code}`,
    title: text.en,
    status,
    ...(detail ? { detail } : {}),
    instance: request.url.split('?')[0],
    code,
    messages: { de: text.de, en: text.en },
    requestId: request.id,
    ...(fields && fields.length > 0 ? { fields } : {}),
  }
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(problem)
}

const fastifyCodes: Record<string, { code: MessageCode; status: number }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported-media-type', status: 415 },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'invalid-input', status: 400 },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload-too-large', status: 413 },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'malformed-json', status: 400 },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'malformed-json', status: 400 },
  FST_ERR_RATE_LIMIT: { code: 'too-many-requests', status: 429 },
}

/**
 * PostgreSQL's class 22 "data exception" (SQLSTATE 22xxx: NUL in text, a number out of range, a
 * malformed value): raised by a value the request brought, on PGlite and on PostgreSQL alike.
 */
export const isDataException = (error: { code?: unknown }): boolean =>
  typeof error.code === 'string' && /^22[0-9A-Z]{3}$/.test(error.code)

/** The single place where errors become problem+json responses. */
export function registerProblemHandlers(
  app: FastifyInstance,
  onDenied: (request: FastifyRequest, error: DomainError) => Promise<void> = async () => {},
): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.map((issue) => ({
        path: [error.validationContext, ...String(issue.instancePath).split('/').filter(Boolean)].join('.'),
        message: issue.message ?? 'invalid',
      }))
      return sendProblem(reply, problemFor(request, 'invalid-input', 400, error.message, fields))
    }
    if (error instanceof DomainError) {
      const status = statusOfKind[error.kind]
      if (status === 403 || error instanceof HiddenByPolicy) {
        await onDenied(request, error).catch((auditError) =>
          request.log.error({ err: { type: (auditError as Error).name } }, 'could not audit a refusal'),
        )
      }
      if (error instanceof TooManyRequests) reply.header('retry-after', String(error.retryAfterSeconds))
      return sendProblem(
        reply,
        problemFor(request, error.code, status, error.message, wireFields(request, error.fields)),
      )
    }
    const known = error.code ? fastifyCodes[error.code] : undefined
    if (known) return sendProblem(reply, problemFor(request, known.code, known.status, error.message))
    if (error instanceof SyntaxError && error.statusCode === 400) {
      return sendProblem(reply, problemFor(request, 'malformed-json', 400))
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, problemFor(request, 'invalid-input', error.statusCode, error.message))
    }
    if (isDataException(error)) {
      // The guard at the edge should have refused the value; if one still reaches the database it
      // is the caller's input, not a fault: one short line without the message (it may echo the
      // value) and no stack, so that nobody can flood the log by repeating the request.
      request.log.warn({ err: { type: error.name, code: error.code } }, 'database refused a value')
      return sendProblem(reply, problemFor(request, 'invalid-input', 400))
    }
    if (isResponseSerializationError(error)) {
      request.log.error(
        { err: { message: error.message, method: error.method, url: error.url } },
        'response does not match its schema',
      )
    } else {
      // Only the error's class, code and stack: messages from the database may echo input values.
      request.log.error({ err: { type: error.name, code: error.code, stack: error.stack } }, 'request failed')
    }
    return sendProblem(reply, problemFor(request, 'internal', 500))
  })
}

/**
 * Errors the router raises before any route or hook runs: a path with a malformed percent
 * encoding (`/api/cases/%ED%A0%80`) or a path parameter beyond the router's length limit.
 * Without this, Fastify answers them with its own JSON instead of problem+json.
 */
export function frameworkErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  reply.header('x-request-id', request.id)
  if (error.code === 'FST_ERR_BAD_URL') {
    sendProblem(
      reply,
      problemFor(request, 'invalid-input', 400, 'The address is not validly percent-encoded.'),
    )
    return
  }
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    sendProblem(reply, problemFor(request, 'invalid-input', 414, 'A part of the address is too long.'))
    return
  }
  request.log.error({ err: { type: error.name, code: error.code } }, 'routing failed')
  sendProblem(reply, problemFor(request, 'internal', 500))
}

/**
 * Unknown addresses: with the web app served, page paths get index.html so the client-side
 * router can take over; everything else, and all of /api, is a 404 problem+json.
 */
export function registerNotFoundHandler(app: FastifyInstance, servesWebApp: boolean): void {
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? ''
    const isPageRequest =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !path.startsWith('/api') &&
      !/\.[a-z0-9]+$/i.test(path)
    if (servesWebApp && isPageRequest) return reply.header('cache-control', 'no-cache').sendFile('index.html')
    return sendProblem(reply, problemFor(request, 'route-not-found', 404))
  })
}
