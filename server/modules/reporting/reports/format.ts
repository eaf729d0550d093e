/**
 * German number and date formats for the committee report ("1.234", "12,5 %", "30. April 2026").
 * A space, not a no-break space, stands before the percent sign, so that the text found in either
 * file reads exactly as typed in a Vorlage.
 */

export type Language = 'de' | 'en'

const locales: Record<Language, string> = { de: 'de-DE', en: 'en-GB' }

export function formatCount(value: number, language: Language = 'de'): string {
  return new Intl.NumberFormat(locales[language], { maximumFractionDigits: 0 }).format(value)
}

/** Full-time equivalents: up to two decimals ("1,5"). */
export function formatFte(value: number, language: Language = 'de'): string {
  return new Intl.NumberFormat(locales[language], { maximumFractionDigits: 2 }).format(value)
}

/** A change in per cent with its sign and one decimal ("+12,5 %"). */
export function formatChange(current: number, previous: number, language: Language = 'de'): string {
  const change = ((current - previous) / previous) * 100
  const number = new Intl.NumberFormat(locales[language], {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(change)
  return `${number} %`
}

/** A calendar day (YYYY-MM-DD) written out: "30. April 2026". */
export function formatLongDate(day: string, language: Language = 'de'): string {
  return new Intl.DateTimeFormat(locales[language], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`))
}

/** The month of a bucket key (the month's first day): "März 2026". */
export function formatMonth(day: string, language: Language = 'de'): string {
  return new Intl.DateTimeFormat(locales[language], {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`))
}

/** A published cell: its number, or "< 3" when it is withheld (the threshold of the evaluation). */
export function formatCell(
  cell: { value: number | null; suppressed?: true },
  threshold: number,
  language: Language = 'de',
): string {
  if (cell.suppressed || cell.value === null) return `< ${threshold}`
  return formatCount(cell.value, language)
}
