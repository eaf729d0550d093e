import type { FormErrors } from '@mantine/form'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
// Types only: the sign-in page uses this file and must not bring zod into the app's first load
// (server/web-bundle.test.ts); the schemas bring zod along with them where a page imports one.
import type { z } from 'zod'

/**
 * Forms validate with the zod schemas of `common/`, the same ones the API checks requests with, so
 * that a limit (200 characters, 1 to 600 minutes) is written once. Mantine's own `schemaResolver`
 * would show zod's English messages; this adapter turns each issue into the user's language. The
 * general texts (`form.*`) come with the app's first load, so that the sign-in page has them too.
 */

type Issue = z.core.$ZodIssue

/** The message of an issue in the user's language: our own codes first, then zod's kinds of problem. */
function useIssueText() {
  const { t, i18n } = useTranslation()
  return (issue: Issue): string => {
    // Our schemas put codes (`date-malformed`, `paragraph-required`) into the message.
    for (const key of [`casework.problems.${issue.message}`, `problems.${issue.message}`]) {
      if (i18n.exists(key)) return t(key)
    }
    switch (issue.code) {
      case 'invalid_type':
        return issue.input === undefined || issue.input === null || issue.input === ''
          ? t('form.required')
          : t('form.invalid')
      case 'invalid_value':
        return issue.input === undefined || issue.input === null ? t('form.required') : t('form.invalid')
      case 'too_small':
        if (issue.origin === 'string') {
          if (typeof issue.input === 'string' && issue.input.trim() === '') return t('form.required')
          return Number(issue.minimum) <= 1
            ? t('form.required')
            : t('form.tooShort', { count: Number(issue.minimum) })
        }
        if (issue.origin === 'array') return t('form.chooseAtLeast', { count: Number(issue.minimum) })
        return t('form.atLeast', { min: Number(issue.minimum) })
      case 'too_big':
        if (issue.origin === 'string') return t('form.tooLong', { count: Number(issue.maximum) })
        if (issue.origin === 'array') return t('form.chooseAtMost', { count: Number(issue.maximum) })
        return t('form.atMost', { max: Number(issue.maximum) })
      default:
        return t('form.invalid')
    }
  }
}

/**
 * A `validate` function for `useForm`: maps the form's values to the API's input (`toInput`, e.g.
 * '' to null for an empty day), checks them with the schema and names each problem at its field.
 * Issue paths are the API's (`address.postcode`); `fieldOf` renames those the form calls otherwise.
 */
export function useSchemaValidator<Values>(
  schema: z.ZodType | undefined,
  toInput: (values: Values) => unknown,
  fieldOf: (path: string, values: Values) => string = (path) => path,
  /**
   * A field's own message, where one says more than the general one ("tick at least one domain");
   * a function gives it only for some issues (undefined: the general one).
   */
  messages: Record<string, string | ((issue: Issue) => string | undefined)> = {},
) {
  const errorsOf = useSchemaErrors(toInput, fieldOf, messages)
  // A schema still on its way (useLazySchema) finds nothing yet; the submit waits for it.
  return (values: Values): FormErrors => (schema ? errorsOf(schema, values) : {})
}

function useSchemaErrors<Values>(
  toInput: (values: Values) => unknown,
  fieldOf: (path: string, values: Values) => string,
  messages: Record<string, string | ((issue: Issue) => string | undefined)>,
) {
  const issueText = useIssueText()
  return (schema: z.ZodType, values: Values): FormErrors => {
    // The input in each issue tells an empty field ("please fill in") from a short one.
    const result = schema.safeParse(toInput(values), { reportInput: true })
    if (result.success) return {}
    const errors: FormErrors = {}
    for (const issue of result.error.issues) {
      const field = fieldOf(issue.path.map(String).join('.'), values)
      const own = messages[field]
      errors[field] ??= (typeof own === 'function' ? own(issue) : own) ?? issueText(issue)
    }
    return errors
  }
}

/**
 * The check of a page in the app's first load (sign-in, password reset), which must not carry zod:
 * the schema comes as a chunk of its own, fetched once the page shows. `validate` is for `useForm`
 * and finds nothing while the schema is on its way; `check` waits for it, for the submit. Should
 * the chunk not come (offline for a moment), `check` lets the request go: the API checks it with
 * the same schema.
 */
export function useLazySchema<Values>(
  load: () => Promise<z.ZodType>,
  toInput: (values: Values) => unknown,
  fieldOf: (path: string, values: Values) => string = (path) => path,
) {
  const [schema, setSchema] = useState<z.ZodType>()
  // biome-ignore lint/correctness/useExhaustiveDependencies: the loader is fixed for the page's life
  const ready = useCallback(async () => {
    const loaded = await load()
    setSchema(() => loaded)
    return loaded
  }, [])
  useEffect(() => {
    ready().catch(() => undefined)
  }, [ready])
  const errorsOf = useSchemaErrors(toInput, fieldOf, {})
  return {
    validate: (values: Values): FormErrors => (schema ? errorsOf(schema, values) : {}),
    check: async (values: Values): Promise<FormErrors> => {
      const loaded = schema ?? (await ready().catch(() => undefined))
      return loaded ? errorsOf(loaded, values) : {}
    },
  }
}

/**
 * Once the user has tried to save, the form checks again on every change and on a language
 * switch: a message goes as soon as its cause does, and never stays in the language before.
 */
export function useValidationAfterSubmit(
  form: { values: unknown; validate: () => unknown },
  submitted: boolean,
) {
  const { i18n } = useTranslation()
  const language = i18n.language
  // biome-ignore lint/correctness/useExhaustiveDependencies: the values and the language are what should trigger a new check
  useEffect(() => {
    if (submitted) form.validate()
  }, [submitted, form.values, language])
}

/** The longest text a string field of an object schema takes, for the input's `maxLength`. */
export function maxLengthOf(schema: z.ZodObject, field: string): number | undefined {
  const shape = schema.shape[field] as { maxLength?: number | null; unwrap?: () => unknown } | undefined
  let inner: unknown = shape
  // Through `.default()`, `.optional()` and `.nullable()` to the string inside.
  for (let depth = 0; depth < 4 && inner && typeof inner === 'object'; depth++) {
    const candidate = inner as { maxLength?: number | null; unwrap?: () => unknown }
    if (typeof candidate.maxLength === 'number') return candidate.maxLength
    inner = typeof candidate.unwrap === 'function' ? candidate.unwrap() : undefined
  }
  return undefined
}

/** The most entries a list field of an object schema takes, for a select's `maxValues`. */
export function maxItemsOf(schema: z.ZodObject, field: string): number | undefined {
  const shape = schema.shape[field] as z.ZodType | undefined
  if (!shape) return undefined
  const json = shape.toJSONSchema({ unrepresentable: 'any', io: 'input' }) as { maxItems?: number }
  return json.maxItems
}
