import { useTranslation } from 'react-i18next'
import { ApiError } from './api.ts'

/**
 * Turns failed requests into text for the user: the server's message in the current language,
 * and per-field messages from problem+json `fields` (translated under `problems.<code>`).
 */
export function useProblemText() {
  const { t, i18n } = useTranslation()
  const message = (error: Error | null | undefined): string | undefined => {
    if (!error) return undefined
    return error instanceof ApiError ? error.messageIn(i18n.language) : error.message
  }
  const field = (error: Error | null | undefined, name: string): string | undefined => {
    const problem = error instanceof ApiError ? error.problem : undefined
    const hit = problem?.fields?.find((entry) => entry.path === `body.${name}`)
    return hit ? t(`problems.${hit.message}`, { defaultValue: message(error) }) : undefined
  }
  /** Whether the error names fields, so that a general alert would only repeat them. */
  const hasFields = (error: Error | null | undefined) =>
    error instanceof ApiError &&
    (error.problem?.fields?.some((entry) => entry.path.startsWith('body.')) ?? false)
  return { message, field, hasFields }
}
