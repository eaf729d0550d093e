import { Alert, List } from '@mantine/core'
import type { FormErrors } from '@mantine/form'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api.ts'
import { useProblemText } from '../../problems.ts'

/**
 * Field messages for case-work forms. Paths may be nested (`body.address.postcode`,
 * `body.languages.0.code`); a field shows every problem at or below its path. Codes are translated
 * under `casework.problems`, then `problems`; a rule violation the UI does not know falls back to
 * the server's own message, a schema message (English, from zod) to a plain "please check".
 */
export function useCaseworkProblems() {
  const { t, i18n } = useTranslation()
  const base = useProblemText()
  const fieldsOf = (error: Error | null | undefined) =>
    error instanceof ApiError
      ? (error.problem?.fields ?? []).filter((entry) => entry.path.startsWith('body.'))
      : []
  const translate = (error: Error | null | undefined, code: string): string => {
    if (i18n.exists(`casework.problems.${code}`)) return t(`casework.problems.${code}`)
    if (i18n.exists(`problems.${code}`)) return t(`problems.${code}`)
    const problem = error instanceof ApiError ? error.problem : undefined
    if (problem && problem.code !== 'invalid-input') return base.message(error) ?? code
    return t('form.invalid')
  }
  const matches = (path: string, name: string) => path === `body.${name}` || path.startsWith(`body.${name}.`)
  const field = (error: Error | null | undefined, name: string): string | undefined => {
    const hit = fieldsOf(error).find((entry) => matches(entry.path, name))
    return hit ? translate(error, hit.message) : undefined
  }
  /** Problems at fields the form does not show, so that nothing the server says gets lost. */
  const unshown = (error: Error | null | undefined, shown: readonly string[]) =>
    fieldsOf(error)
      .filter((entry) => !shown.some((name) => matches(entry.path, name)))
      .map((entry) => translate(error, entry.message))
  return { message: base.message, field, unshown, fieldsOf }
}

/**
 * The message at each field of a form: the form's own check first, then what the server said about
 * the field in its answer to the last save. `formName` is the form's name where it differs from the
 * API's (a contact's `date` and `time` for its `occurredAt`). `Values` names the fields one may ask for.
 */
export function useFieldError<Values = Record<string, unknown>>(formErrors: FormErrors, error: Error | null) {
  const problems = useCaseworkProblems()
  return (field: Extract<keyof Values, string>, formName: string = field): string | undefined =>
    (formErrors[formName] as string | undefined) ?? problems.field(error, field)
}

/**
 * A form's general error: shown unless every problem it names sits at a field of the form
 * (`shown`), which shows it there.
 */
export function CaseworkFormProblem({ error, shown }: { error: Error | null; shown: readonly string[] }) {
  const problems = useCaseworkProblems()
  if (!error) return null
  const named = problems.fieldsOf(error)
  const rest = problems.unshown(error, shown)
  if (named.length > 0 && rest.length === 0) return null
  return (
    <Alert color="red" role="alert">
      {rest.length > 0 ? (
        <List size="sm">
          {[...new Set(rest)].map((text) => (
            <List.Item key={text}>{text}</List.Item>
          ))}
        </List>
      ) : (
        problems.message(error)
      )}
    </Alert>
  )
}

/** Focuses the first field marked invalid, so that keyboard and screen-reader users land on it. */
export function focusFirstInvalid(container: HTMLElement | null) {
  requestAnimationFrame(() => {
    // Groups (checkboxes, radios) mark only their message, not their inputs: take the group's first input.
    const first = container?.querySelector<HTMLElement>('[aria-invalid="true"], .mantine-InputWrapper-error')
    const field =
      first && first.getAttribute('aria-invalid') !== 'true'
        ? first.closest('.mantine-InputWrapper-root')?.querySelector<HTMLElement>('input, textarea, select')
        : first
    // Centred, so that the fixed header does not cover the field.
    field?.focus({ preventScroll: true })
    field?.scrollIntoView({ block: 'center' })
  })
}
