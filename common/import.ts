import { z } from 'zod'

/** The API contract of the import of case lists (server/modules/import, decision 0022). */

/** The fields a spreadsheet column can be mapped to; a column mapped to none is ignored. */
export const importFields = [
  'familyName',
  'givenNames',
  'birthDate',
  'sex',
  'municipality',
  'openedOn',
] as const
export type ImportField = (typeof importFields)[number]
/** The fields without which no row can be imported. `openedOn` left unmapped means today. */
export const requiredImportFields: readonly ImportField[] = [
  'familyName',
  'givenNames',
  'birthDate',
  'municipality',
]

/**
 * What a file holds: a case list (persons and their cases) or monthly counts (counselling figures
 * per month and municipality from before Lotse, no personal data; decision 0027).
 */
export const importKinds = ['cases', 'counts'] as const
export type ImportKind = (typeof importKinds)[number]

/** The fields a column of a file of monthly counts can be mapped to. */
export const countImportFields = [
  'month',
  'municipality',
  'team',
  'domain',
  'contacts',
  'persons',
  'shortConsultations',
  'casesNew',
  'casesClosed',
] as const
export type CountImportField = (typeof countImportFields)[number]
/** The counts among them: at least one must be mapped. */
export const countValueFields = [
  'contacts',
  'persons',
  'shortConsultations',
  'casesNew',
  'casesClosed',
] as const satisfies readonly CountImportField[]
export const requiredCountImportFields: readonly CountImportField[] = ['month', 'municipality']

/** Every field of either kind (a mapping is checked against its import's kind). */
export const anyImportFields = [...new Set([...importFields, ...countImportFields])] as [
  ImportField | CountImportField,
  ...(ImportField | CountImportField)[],
]
export type AnyImportField = ImportField | CountImportField

export const importCreateQuerySchema = z.object({ kind: z.enum(importKinds).default('cases') }).strict()

export const importEncodings = ['utf-8', 'utf-8-bom', 'windows-1252'] as const
export type ImportEncoding = (typeof importEncodings)[number]

export const importStatuses = ['uploaded', 'mapped', 'checked', 'running', 'completed'] as const
export type ImportStatus = (typeof importStatuses)[number]

/** A problem of one cell (or of the row, column null); `code` is translated by the UI. */
export const importProblemSchema = z
  .object({ column: z.number().int().nullable(), field: z.string().nullable(), code: z.string() })
  .meta({ id: 'ImportProblem' })
export type ImportProblem = z.infer<typeof importProblemSchema>

/** Column index (as a string, 0-based) → field. */
export const importMappingSchema = z
  .record(z.string().regex(/^\d{1,3}$/), z.enum(anyImportFields))
  .meta({ id: 'ImportMappingColumns' })

export const importMappingInputSchema = z
  .object({
    columns: importMappingSchema,
    /** The encoding the user confirmed (CSV); another than the detected one reads the file again. */
    encoding: z.enum(importEncodings).optional(),
    /** The case manager who takes the imported cases; none leaves them to be assigned. */
    caseManagerId: z.uuid().nullable().optional(),
  })
  .strict()
  .meta({ id: 'ImportMapping' })
export type ImportMappingInput = z.input<typeof importMappingInputSchema>

export const importSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(importKinds),
    fileName: z.string(),
    format: z.enum(['csv', 'xlsx']),
    encoding: z.enum(importEncodings).nullable(),
    delimiter: z.string().nullable(),
    status: z.enum(importStatuses),
    headerRow: z.number().int(),
    headers: z.array(z.string()),
    /** The saved mapping, or the one suggested from the header names and the district's earlier imports. */
    mapping: importMappingSchema,
    mappingSuggested: z.boolean(),
    caseManagerId: z.uuid().nullable(),
    rows: z.number().int(),
    imported: z.number().int(),
    rejected: z.number().int(),
    duplicates: z.number().int(),
    /** Rows the run has not reached yet (rows = imported + rejected + duplicates + pending). */
    pending: z.number().int(),
    /** After the check: rows per state (valid, invalid, duplicate, match) and undecided matches. */
    check: z
      .object({
        valid: z.number().int(),
        invalid: z.number().int(),
        duplicate: z.number().int(),
        match: z.number().int(),
        undecided: z.number().int(),
      })
      .nullable(),
    createdAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Import' })
export type Import = z.infer<typeof importSchema>

export const importRowStates = ['unchecked', 'valid', 'invalid', 'duplicate', 'match'] as const
export const importOutcomes = ['imported', 'rejected', 'duplicate'] as const

export const importRowSchema = z
  .object({
    rowNumber: z.number().int(),
    cells: z.array(z.string()),
    state: z.enum(importRowStates),
    problems: z.array(importProblemSchema),
    match: z.object({ score: z.number(), decision: z.enum(['same', 'other']).nullable() }).nullable(),
    outcome: z.enum(importOutcomes).nullable(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'ImportRow' })
export type ImportRow = z.infer<typeof importRowSchema>

export const importRowsQuerySchema = z
  .object({
    /** problems: invalid rows, duplicates and matches; all: every row. */
    show: z.enum(['all', 'problems']).default('all'),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict()

export const importRowPageSchema = z
  .object({ rows: z.array(importRowSchema), total: z.number().int() })
  .meta({ id: 'ImportRowPage' })

export const matchDecisionSchema = z
  .object({ decision: z.enum(['same', 'other']) })
  .strict()
  .meta({ id: 'ImportMatchDecision' })

/** What a dry run found: what a run would do with every row. */
export const dryRunSchema = z
  .object({
    rows: z.number().int(),
    wouldImport: z.number().int(),
    wouldReject: z.number().int(),
    duplicates: z.number().int(),
    /** Likely existing persons: confirmed ones get a new case, rejected ones a new person, undecided ones are left out as duplicates. */
    matches: z.number().int(),
    undecided: z.number().int(),
  })
  .meta({ id: 'ImportDryRun' })
export type DryRun = z.infer<typeof dryRunSchema>
