import type { Problem } from '../../common/problem.ts'

/** An API answer that was not 2xx, with the server's problem details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`)
    this.name = 'ApiError'
  }

  /** The message for the user in their language. */
  messageIn(language: string): string {
    if (!this.problem) return this.message
    return language === 'en' ? this.problem.messages.en : this.problem.messages.de
  }
}

// The session's CSRF token, sent with every write; set when the session is loaded.
let csrfToken: string | undefined
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token
}

async function parse<T>(response: Response): Promise<T> {
  if (!response.ok) {
    const isProblem = response.headers.get('content-type')?.includes('problem+json')
    throw new ApiError(response.status, isProblem ? ((await response.json()) as Problem) : undefined)
  }
  if (response.status === 204) return undefined as T
  return (await response.json()) as T
}

export async function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  return parse<T>(await fetch(`/api${path}`, { headers: { accept: 'application/json' }, signal }))
}

export async function apiSend<T>(
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await fetch(`/api${path}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return parse<T>(response)
}

/** Uploads a file as multipart/form-data; the browser sets the boundary, the session's CSRF token goes along. */
export async function apiUpload<T>(path: string, form: FormData): Promise<T> {
  const response = await fetch(`/api${path}`, {
    method: 'POST',
    headers: { accept: 'application/json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
    body: form,
  })
  return parse<T>(response)
}
