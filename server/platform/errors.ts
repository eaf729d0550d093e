import type { MessageCode } from './messages.ts'

/**
 * What kind of failure a domain error is. The kind is all the edge needs to choose an HTTP
 * status (server/platform/problem.ts); services never name a status.
 */
export type ErrorKind =
  /** The input is malformed or out of range. */
  | 'invalid'
  /** Nobody is signed in, or the credentials did not hold. */
  | 'unauthenticated'
  /** The actor may not do this. */
  | 'forbidden'
  /** No such record, or one the actor may not know about. */
  | 'not-found'
  /** The record changed meanwhile, or the name is taken. */
  | 'conflict'
  /** The thing existed once and is used up or expired (a reset link). */
  | 'gone'
  /** More than the limit. */
  | 'too-large'
  /** A file of a type that is not accepted. */
  | 'unsupported-type'
  /** Well-formed input that breaks a rule of the domain (a phase needs an assessment first). */
  | 'rule-broken'
  /** A change needs the version the client saw, and none was sent. */
  | 'precondition-required'
  /** Too many attempts in a short time. */
  | 'too-many-requests'
  /** A system we depend on (an identity provider) did not answer. */
  | 'upstream-failed'

/**
 * A problem with one field of the input, named as the input names it (`managerIds`,
 * `roleMappings.0.teamIds`; an empty field means the input as a whole). Where the field came in
 * (body, path) is the edge's business.
 */
export type FieldProblem = {
  field: string
  message: string
  /** The full request path (`headers.if-match`), only for the edge's own checks that run before any service. */
  at?: string
}

/** The record a refused request tried, for the audit trail: its type and id, never its content. */
export type TriedRecord = { type: string; id: string }

/**
 * Domain errors carry a stable code, a kind and the fields they are about; services throw them
 * without knowing about HTTP and one handler at the edge turns them into problem+json.
 */
export class DomainError extends Error {
  constructor(
    readonly code: MessageCode,
    readonly kind: ErrorKind,
    detail?: string,
    readonly fields?: FieldProblem[],
  ) {
    super(detail ?? code)
    this.name = 'DomainError'
  }
}

/** A broken rule about one field: the message belongs next to that field. */
export const fieldError = (code: MessageCode, kind: ErrorKind, field: string, message: string = code) =>
  new DomainError(code, kind, undefined, [{ field, message }])

export class NotFound extends DomainError {
  constructor(detail?: string) {
    super('not-found', 'not-found', detail)
  }
}

export class Conflict extends DomainError {
  constructor(detail?: string) {
    super('conflict', 'conflict', detail)
  }
}

export class Forbidden extends DomainError {
  constructor(
    detail?: string,
    readonly tried?: TriedRecord,
    code: MessageCode = 'forbidden',
  ) {
    super(code, 'forbidden', detail)
  }
}

/** The person's processing is restricted (Art. 18 GDPR): allowed otherwise, refused for now. */
export class ProcessingRestricted extends Forbidden {
  constructor(detail?: string, tried?: TriedRecord) {
    super(detail, tried, 'processing-restricted')
  }
}

export class Invalid extends DomainError {
  constructor(detail?: string, fields?: FieldProblem[]) {
    super('invalid-input', 'invalid', detail, fields)
  }
}

/** The record a refusal names, if the code that refused knew it. */
export const triedRecordOf = (error: DomainError): TriedRecord | undefined =>
  error instanceof Forbidden || error instanceof HiddenByPolicy ? error.tried : undefined

/** Same answer as NotFound; marks that the policy hid the record, so the refusal is audited. */
export class HiddenByPolicy extends NotFound {
  constructor(readonly tried?: TriedRecord) {
    super()
  }
}

export class Unauthenticated extends DomainError {
  constructor(
    code:
      | 'unauthenticated'
      | 'invalid-credentials'
      | 'csrf-failed'
      | 'second-factor-required'
      | 'second-factor-invalid'
      | 'api-token-invalid' = 'unauthenticated',
  ) {
    // A write without the CSRF token comes from a signed-in browser: refused, not unknown.
    super(code, code === 'csrf-failed' ? 'forbidden' : 'unauthenticated')
  }
}

export class TooManyRequests extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('too-many-requests', 'too-many-requests')
  }
}

export class PreconditionRequired extends DomainError {
  constructor() {
    super('precondition-required', 'precondition-required')
  }
}
