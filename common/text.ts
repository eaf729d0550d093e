import { z } from 'zod'

/**
 * The one rule for free text anywhere in the API. PostgreSQL refuses NUL in text (SQLSTATE
 * 22021); other control characters are invisible, break exports and logs, and never come from a
 * keyboard. A lone surrogate (half of a UTF-16 pair) cannot be encoded as UTF-8, so the database
 * driver would silently store U+FFFD instead. Tab, line feed and carriage return are kept where a
 * text may span lines (notes); single-line texts (names, titles, search terms) refuse them too.
 */

/** Error codes put into issue messages and problem codes; the UI translates them. */
export const textErrorCodes = {
  controlCharacters: 'text-control-characters',
  invalidUnicode: 'text-invalid-unicode',
} as const
export type TextErrorCode = (typeof textErrorCodes)[keyof typeof textErrorCodes]

// C0 controls, DEL and the C1 controls; the multi-line set spares tab, line feed and carriage return.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const singleLineControls = /[\u0000-\u001f\u007f-\u009f]/
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const multiLineControls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/
// With the u flag a well-formed surrogate pair is one code point, so only lone halves match.
const loneSurrogate = /[\ud800-\udfff]/u

export type TextKind = 'single-line' | 'multi-line'

/** What is wrong with a text under the API's rule, or undefined when it is fine. */
export function textProblem(value: string, kind: TextKind = 'single-line'): TextErrorCode | undefined {
  if (loneSurrogate.test(value)) return textErrorCodes.invalidUnicode
  if ((kind === 'multi-line' ? multiLineControls : singleLineControls).test(value))
    return textErrorCodes.controlCharacters
  return undefined
}

const checkedText = (kind: TextKind) =>
  z.string().superRefine((value, ctx) => {
    const problem = textProblem(value, kind)
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value, params: { code: problem } })
  })

/**
 * A one-line text (name, title, search term): no control characters at all, no lone surrogates.
 * Chain `.trim().min().max()` as with `z.string()`.
 */
export const singleLineText = () => checkedText('single-line')

/** A text that may span lines (notes, descriptions): tab, line feed and carriage return allowed. */
export const multiLineText = () => checkedText('multi-line')
