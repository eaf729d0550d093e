/**
 * PostgreSQL's text output of `timestamptz` (DateStyle ISO), read strictly. JavaScript's
 * `new Date(text)` falls back to a legacy parser for this shape and misreads early years
 * (`0001-06-15 10:00:00+00` became 2015-01-06); PGlite's own parser does the same. The connection
 * sets DateStyle to ISO, so anything else here is an error, never a guess.
 *
 * Shape: `[Y]YYYY-MM-DD HH:MM:SS[.ffffff]±HH[:MM[:SS]][ BC]`. The offset has seconds for zones
 * whose local mean time applies to early dates (Europe/Berlin before 1893: +00:53:28).
 */
const timestamptzPattern =
  /^(\d{4,})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?([+-])(\d{2})(?::(\d{2}))?(?::(\d{2}))?( BC)?$/

/** A `timestamptz` as text from PostgreSQL → ISO 8601 in UTC (`toISOString`); throws on anything else. */
export function parseTimestamptz(text: string): string {
  const match = timestamptzPattern.exec(text)
  if (!match) throw new RangeError(`not a PostgreSQL timestamptz in ISO style: ${JSON.stringify(text)}`)
  const [
    ,
    yearText,
    month,
    day,
    hour,
    minute,
    second,
    fraction,
    sign,
    offsetHours,
    offsetMinutes,
    offsetSeconds,
    bc,
  ] = match
  // 1 BC is year 0 in ISO 8601 (astronomical numbering), 2 BC is -1.
  const year = bc ? 1 - Number(yearText) : Number(yearText)
  const date = new Date(0)
  // setUTCFullYear, unlike Date.UTC, takes years 0–99 literally instead of as 1900–1999.
  date.setUTCFullYear(year, Number(month) - 1, Number(day))
  date.setUTCHours(
    Number(hour),
    Number(minute),
    Number(second),
    Math.floor(Number(`0.${fraction ?? '0'}`) * 1000),
  )
  const offset =
    (Number(offsetHours) * 3600 + Number(offsetMinutes ?? 0) * 60 + Number(offsetSeconds ?? 0)) *
    (sign === '-' ? -1 : 1)
  const result = new Date(date.getTime() - offset * 1000)
  if (Number.isNaN(result.getTime()))
    throw new RangeError(`timestamptz out of range: ${JSON.stringify(text)}`)
  return result.toISOString()
}
