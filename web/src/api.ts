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

export async function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(`/api${path}`, { headers: { accept: 'application/json' }, signal })
  if (!response.ok) {
    const isProblem = response.headers.get('content-type')?.includes('problem+json')
    throw new ApiError(response.status, isProblem ? ((await response.json()) as Problem) : undefined)
  }
  return (await response.json()) as T
}
