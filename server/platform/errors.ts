import type { MessageCode } from './messages.ts'

export type FieldProblem = { path: string; message: string }

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
  constructor(detail?: string) {
    super('forbidden', 403, detail)
  }
}

export class Invalid extends DomainError {
  constructor(detail?: string, fields?: FieldProblem[]) {
    super('invalid-input', 400, detail, fields)
  }
}
