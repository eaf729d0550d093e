/**
 * Callers name the header fields in several ways (German or English, flat beside `evaluationId` or
 * nested in `header`); this brings them to the one shape the schema checks. Unknown fields are
 * left alone, so the schema still refuses what it does not know how to read.
 */
const aliases: Record<string, readonly string[]> = {
  vorlageNumber: [
    'vorlageNumber',
    'vorlage',
    'vorlageNr',
    'vorlagenummer',
    'vorlageNo',
    'documentNumber',
    'proposalNumber',
    'number',
  ],
  committee: ['committee', 'committeeName', 'ausschuss', 'gremium'],
  sessionDate: ['sessionDate', 'meetingDate', 'sitzungsdatum', 'sessionDay', 'sessionOn', 'date'],
  aktenzeichen: ['aktenzeichen', 'fileReference', 'fileNumber', 'reference', 'az'],
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export function normaliseReportBody(body: unknown): unknown {
  if (!isRecord(body)) return body
  const { header, ...rest } = body
  const source = isRecord(header) ? { ...header } : {}
  const remaining: Record<string, unknown> = { ...rest }
  const normalised: Record<string, unknown> = {}
  for (const [field, names] of Object.entries(aliases)) {
    for (const name of names) {
      const fromHeader = source[name]
      const fromTop = remaining[name]
      if (normalised[field] === undefined && fromHeader !== undefined) normalised[field] = fromHeader
      if (normalised[field] === undefined && fromTop !== undefined) normalised[field] = fromTop
      if (fromHeader !== undefined) delete source[name]
      if (fromTop !== undefined) delete remaining[name]
    }
  }
  if (header !== undefined && !isRecord(header)) return body
  return { ...remaining, header: { ...source, ...normalised } }
}
