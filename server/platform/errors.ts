import type { MessageCode } from './messages.ts'

export type FieldProblem = { path: string; message: string }

/** The record a refused request tried, for the audit trail: its type and id, never its content. */
export type TriedRecord = { type: string; id: string }

/**
 * Domain errors carry a stable code; services throw them without knowing about HTTP and one
 * handler at the edge turns them into problem+json.
 */
export class DomainError extends Error {
  constructor(
    readonly code: MessageCode,
    readonly status: number,
    detail?: string,
    readonly fields?: FieldProblem[],
  ) {
    super(detail ?? code)
    this.name = 'DomainError'
  }
}

export class NotFound extends DomainError {
  constructor(detail?: string) {
    super('not-found', 404, detail)
  }
}

export class Conflict extends DomainError {
  constructor(detail?: string) {
    super('conflict', 409, detail)
  }
}

export class Forbidden extends DomainError {
  constructor(
    detail?: string,
    readonly tried?: TriedRecord,
  ) {
    super('forbidden', 403, detail)
  }
}

export class Invalid extends DomainError {
  constructor(detail?: string, fields?: FieldProblem[]) {
    super('invalid-input', 400, detail, fields)
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
  constructor(code: 'unauthenticated' | 'invalid-credentials' | 'csrf-failed' = 'unauthenticated') {
    super(code, code === 'csrf-failed' ? 403 : 401)
  }
}

export class TooManyRequests extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('too-many-requests', 429)
  }
}

export class PreconditionRequired extends DomainError {
  constructor() {
    super('precondition-required', 428)
  }
}
