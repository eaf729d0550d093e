import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import {
  type AnyImportField,
  type CountImportField,
  countImportFields,
  countValueFields,
  type DryRun,
  type Import,
  type ImportEncoding,
  type ImportField,
  type ImportKind,
  type ImportMappingInput,
  type ImportProblem,
  type ImportRow,
  importFields,
  requiredCountImportFields,
  requiredImportFields,
} from '../../../common/import.ts'
import type { DB } from '../../db/schema.ts'
import type { RequestContext } from '../../platform/access.ts'
import { toSpreadsheetCsv } from '../../platform/csv.ts'
import { districtTime } from '../../platform/district-time.ts'
import { DomainError, fieldError, NotFound } from '../../platform/errors.ts'
import type { Language } from '../../platform/language.ts'
import { type MessageCode, messages } from '../../platform/messages.ts'
import { type Actor, authorize, ownDistrict } from '../../platform/policy.ts'
import { recordAudit, recordAuditAlone, recordAuditNaming } from '../audit/index.ts'
import {
  assertImportCaseManager,
  importMatchCandidates,
  registerImportedCases,
  registerImportedPersons,
  safeFileName,
} from '../casework/index.ts'
import { districtMunicipalities } from '../districts/index.ts'
import { publishEvent } from '../integration/index.ts'
import { checkCountRows, countFacts, runCountBatch } from './counts.service.ts'
import {
  addToTotals,
  claimFingerprints,
  countRowStates,
  deleteImport,
  deleteRows,
  type ImportJobRow,
  insertImport,
  insertRows,
  lockDistrictImports,
  lockImport,
  type RowCheck,
  saveHeaderMapping,
  selectFirstPendingRow,
  selectImport,
  selectImportContent,
  selectKnownFingerprints,
  selectLastRowNumber,
  selectPendingRows,
  selectRowPage,
  selectRowsAfter,
  selectSavedMapping,
  selectUnimportedRows,
  setMatchDecision,
  updateImport,
  updateRowChecks,
  updateRowOutcomes,
} from './import.queries.ts'
import { type Cell, FileRefused, openSpreadsheet, type RawRow, readLimits } from './read-file.ts'
import { step } from './steps.ts'
import {
  type CheckedRow,
  checkRow,
  headerKey,
  headerScore,
  isEmptyRow,
  municipalityKey,
  suggestMapping,
} from './values.ts'

/** Rows written or run per statement and per transaction: a batch is the unit that resumes. */
export const importBatchSize = 500
/** How long one `run` request works before it answers with the progress; the next call continues. */
const defaultRunBudgetMs = 20_000
/** Rows read before the header row is chosen (a title, merged cells, a blank line above it). */
const headerSearchRows = 15

const refusalKind: Record<FileRefused['problem'], DomainError['kind']> = {
  'import-not-a-spreadsheet': 'unsupported-type',
  'import-unsupported-encoding': 'unsupported-type',
  'import-zip-bomb': 'too-large',
  'import-too-many-rows': 'too-large',
  'import-too-many-columns': 'too-large',
  'import-damaged': 'invalid',
}

const refused = (error: unknown): never => {
  if (error instanceof FileRefused) throw fieldError(error.problem, refusalKind[error.problem], 'file')
  throw error
}

const cellText = (cell: Cell | undefined): string =>
  cell === undefined ? '' : typeof cell === 'string' ? cell : `=${cell.formula}`

/** Authorised before the upload's body is read. */
export function authorizeImport(actor: Actor): void {
  authorize(actor, 'import.manage', ownDistrict(actor))
}

type Staged = { headerRow: number; headers: string[]; rowCount: number }

/**
 * Reads the file's rows and writes them to staging in batches, never holding more than one batch
 * and the header search in memory. The header row is the one among the first rows that names the
 * most known fields (a merged title row above it is skipped); empty rows are no data.
 */
async function stageRows(
  rows: AsyncIterable<RawRow>,
  saved: ReadonlyMap<string, string>,
  kind: ImportKind,
  write: (batch: { rowNumber: number; cells: Cell[] }[]) => Promise<void>,
): Promise<Staged> {
  const head: RawRow[] = []
  let header: RawRow | null = null
  let batch: { rowNumber: number; cells: Cell[] }[] = []
  let rowCount = 0
  const take = async (row: RawRow) => {
    if (isEmptyRow(row.cells)) return
    rowCount += 1
    if (rowCount > readLimits.maxRows) throw new FileRefused('import-too-many-rows')
    batch.push(row)
    if (batch.length >= importBatchSize) {
      await write(batch)
      batch = []
    }
  }
  const chooseHeader = () => {
    let best: RawRow | null = null
    let bestScore = 0
    for (const row of head) {
      const score = headerScore(row.cells, saved, kind)
      if (score > bestScore) {
        best = row
        bestScore = score
      }
    }
    best ??= head.find((row) => row.cells.filter((cell) => cellText(cell).trim() !== '').length >= 2) ?? null
    if (!best) throw fieldError('import-no-table', 'invalid', 'file')
    return best
  }
  for await (const row of rows) {
    if (header) {
      await take(row)
      continue
    }
    head.push(row)
    if (head.length >= headerSearchRows) {
      header = chooseHeader()
      for (const early of head) if (early.rowNumber > header.rowNumber) await take(early)
    }
  }
  if (!header) {
    header = chooseHeader()
    for (const early of head) if (early.rowNumber > header.rowNumber) await take(early)
  }
  if (batch.length > 0) await write(batch)
  const headers = header.cells.map((cell) => cellText(cell).replace(/\s+/g, ' ').trim())
  if (headers.filter((name) => name !== '').length < 2) throw fieldError('import-no-table', 'invalid', 'file')
  return { headerRow: header.rowNumber, headers, rowCount }
}

/** Stores the upload and its rows; the answer carries the suggested mapping. Nothing is stored when the file is refused. */
export async function createImport(
  db: Kysely<DB>,
  actor: Actor,
  file: { fileName: string; content: Buffer },
  request: RequestContext,
  kind: ImportKind = 'cases',
): Promise<Import> {
  authorizeImport(actor)
  const opened = await openSpreadsheet(file.content).catch(refused)
  const saved = await selectSavedMapping(db, actor.districtId)
  const id = await db
    .transaction()
    .execute(async (trx) => {
      const importId = await insertImport(trx, {
        district_id: actor.districtId,
        file_name: safeFileName(file.fileName),
        format: opened.format,
        encoding: opened.encoding,
        delimiter: opened.delimiter,
        size_bytes: file.content.length,
        sha256: createHash('sha256').update(file.content).digest('hex'),
        content: file.content,
        header_row: 1,
        headers: [],
        created_by: actor.userId,
        kind,
      })
      const staged = await stageRows(opened.rows, saved, kind, (batch) =>
        insertRows(trx, actor.districtId, importId, batch),
      )
      await updateImport(trx, importId, {
        header_row: staged.headerRow,
        headers: staged.headers,
        row_count: staged.rowCount,
      })
      await recordAudit(trx, {
        ...request,
        action: 'import.create',
        subjectType: 'import',
        subjectId: importId,
      })
      return importId
    })
    .catch(refused)
  return readImport(db, actor, id)
}

async function loadImport(
  db: Kysely<DB>,
  actor: Actor,
  importId: string,
): Promise<NonNullable<ImportJobRow>> {
  authorizeImport(actor)
  const job = await selectImport(db, actor.districtId, importId)
  if (!job) throw new NotFound()
  return job
}

async function mappingOf(db: Kysely<DB>, actor: Actor, job: NonNullable<ImportJobRow>) {
  if (job.mapping) return { mapping: job.mapping as Record<string, AnyImportField>, suggested: false }
  return {
    mapping: suggestMapping(
      job.headers,
      await selectSavedMapping(db, actor.districtId),
      job.kind as ImportKind,
    ),
    suggested: true,
  }
}

export async function readImport(db: Kysely<DB>, actor: Actor, importId: string): Promise<Import> {
  const job = await loadImport(db, actor, importId)
  const { mapping, suggested } = await mappingOf(db, actor, job)
  const counts = await countRowStates(db, importId)
  const sum = (pick: (row: (typeof counts)[number]) => boolean) =>
    counts.filter(pick).reduce((total, row) => total + Number(row.count), 0)
  const checked = job.status !== 'uploaded' && sum((row) => row.state === 'unchecked') === 0
  return {
    id: job.id,
    kind: job.kind as ImportKind,
    fileName: job.file_name,
    format: job.format,
    encoding: job.encoding as ImportEncoding | null,
    delimiter: job.delimiter,
    status: job.status as Import['status'],
    headerRow: job.header_row,
    headers: job.headers,
    mapping,
    mappingSuggested: suggested,
    caseManagerId: job.case_manager_id,
    rows: job.row_count,
    imported: job.imported,
    rejected: job.rejected,
    duplicates: job.duplicates,
    pending: sum((row) => row.pending),
    check: checked
      ? {
          valid: sum((row) => row.state === 'valid'),
          invalid: sum((row) => row.state === 'invalid'),
          duplicate: sum((row) => row.state === 'duplicate'),
          match: sum((row) => row.state === 'match'),
          undecided: sum((row) => row.state === 'match' && row.undecided),
        }
      : null,
    createdAt: job.created_at,
    version: job.version,
  }
}

const notStarted = (job: NonNullable<ImportJobRow>) => {
  if (job.status === 'running' || job.status === 'completed')
    throw new DomainError('import-started', 'conflict')
}

const kindFields: Record<ImportKind, readonly string[]> = { cases: importFields, counts: countImportFields }

function checkMapping(
  headers: readonly string[],
  columns: Readonly<Record<string, AnyImportField>>,
  kind: ImportKind,
): void {
  const seen = new Map<string, string>()
  for (const [column, field] of Object.entries(columns)) {
    if (Number(column) >= headers.length)
      throw fieldError('import-mapping-unknown-column', 'invalid', `columns.${column}`)
    if (!kindFields[kind].includes(field))
      throw fieldError('import-mapping-field-of-other-kind', 'invalid', `columns.${column}`)
    if (seen.has(field)) throw fieldError('import-mapping-duplicate-field', 'invalid', `columns.${column}`)
    seen.set(field, column)
  }
  if (kind === 'counts') {
    const missing = requiredCountImportFields.filter((field) => !seen.has(field))
    if (missing.length > 0 || !countValueFields.some((field) => seen.has(field)))
      throw fieldError('import-mapping-missing-count-field', 'invalid', 'columns')
    return
  }
  const missing = requiredImportFields.filter((field) => !seen.has(field))
  if (missing.length > 0) throw fieldError('import-mapping-missing-field', 'invalid', 'columns')
}

async function districtFacts(db: Kysely<DB>, districtId: string, now: Date) {
  const municipalities = new Map<string, string>()
  for (const municipality of await districtMunicipalities(db, districtId)) {
    // "Hennef (Sieg)" is also written "Hennef".
    const short = municipality.name.replace(/\s*\([^)]*\)\s*/g, ' ').trim()
    if (short !== municipality.name && !municipalities.has(municipalityKey(short)))
      municipalities.set(municipalityKey(short), municipality.id)
    municipalities.set(municipalityKey(municipality.name), municipality.id)
  }
  return { municipalities, today: (await districtTime(db, districtId, now)).today }
}

/**
 * Checks every row against the mapping: its problems per column, its fingerprint, and whether it
 * doubles an earlier row of the file or a row the district imported before. With `match`, valid
 * rows are also compared with the district's persons by the duplicate matcher.
 */
async function checkRows(
  db: Kysely<DB>,
  actor: Actor,
  importId: string,
  mapping: Readonly<Record<string, AnyImportField>>,
  now: Date,
  match: boolean,
  kind: ImportKind,
): Promise<void> {
  if (kind === 'counts') return checkCountRows(db, actor, importId, mapping, now, importBatchSize)
  const facts = await districtFacts(db, actor.districtId, now)
  const seen = new Set<string>()
  const last = await selectLastRowNumber(db, importId)
  for (let after = 0; after < last; after += importBatchSize) {
    const rows = await step('check: read rows', () => selectRowsAfter(db, importId, after, importBatchSize))
    if (rows.length === 0) continue
    const checked = await step('check: row check (JS)', async () =>
      rows.map((row) => ({
        row,
        result: checkRow(row.cells as Cell[], mapping as Record<string, ImportField>, facts),
      })),
    )
    const known = await step('check: known fingerprints', () =>
      selectKnownFingerprints(
        db,
        actor.districtId,
        checked.flatMap(({ result }) => (result.fingerprint ? [result.fingerprint] : [])),
      ),
    )
    const updates: RowCheck[] = []
    const toMatch: { update: RowCheck; values: NonNullable<CheckedRow['values']> }[] = []
    for (const { row, result } of checked) {
      const base = {
        row_number: row.row_number,
        fingerprint: result.fingerprint,
        match_person_id: null,
        match_score: null,
      }
      if (!result.values || !result.fingerprint) {
        updates.push({ ...base, state: 'invalid', problems: result.problems })
        continue
      }
      if (seen.has(result.fingerprint)) {
        updates.push({
          ...base,
          state: 'duplicate',
          problems: [{ column: null, field: null, code: 'duplicate-in-file' }],
        })
        continue
      }
      seen.add(result.fingerprint)
      if (known.has(result.fingerprint)) {
        updates.push({
          ...base,
          state: 'duplicate',
          problems: [{ column: null, field: null, code: 'already-imported' }],
        })
        continue
      }
      const update: RowCheck = { ...base, state: 'valid', problems: [] }
      updates.push(update)
      if (match) toMatch.push({ update, values: result.values })
    }
    // The whole batch against the district's persons in a few queries, not one per row.
    const candidates = await step('check: matcher', () =>
      importMatchCandidates(
        db,
        actor,
        toMatch.map(({ values }) => ({
          familyName: values.familyName,
          givenNames: values.givenNames,
          birthDate: values.birthDate,
        })),
      ),
    )
    toMatch.forEach(({ update }, index) => {
      const candidate = candidates[index]
      if (!candidate) return
      update.state = 'match'
      update.match_person_id = candidate.personId
      update.match_score = Math.round(candidate.score * 1000) / 1000
    })
    // Only the rows whose check changed are written: a dry run after the preview rewrites the
    // matched rows, not every row again.
    const stored = new Map(rows.map((row) => [row.row_number, row]))
    await step('check: write checks', () =>
      updateRowChecks(
        db,
        importId,
        updates.filter((update) => {
          const row = stored.get(update.row_number)
          return !row || !sameCheck(row, update)
        }),
      ),
    )
  }
}

/** Whether a staged row already holds this check (its problems compared by their fields: jsonb orders keys). */
function sameCheck(
  row: {
    state: string
    problems: unknown
    fingerprint: string | null
    match_person_id: string | null
    match_score: number | null
  },
  check: RowCheck,
): boolean {
  if (row.state !== check.state || row.fingerprint !== check.fingerprint) return false
  if (row.match_person_id !== check.match_person_id) return false
  if ((row.match_score === null) !== (check.match_score === null)) return false
  if (row.match_score !== null && Math.abs(Number(row.match_score) - (check.match_score as number)) > 1e-4)
    return false
  const before = row.problems as ImportProblem[]
  const after = check.problems as ImportProblem[]
  return (
    Array.isArray(before) &&
    before.length === after.length &&
    before.every(
      (problem, index) =>
        problem.column === after[index]?.column &&
        problem.field === after[index]?.field &&
        problem.code === after[index]?.code,
    )
  )
}

/** Reads the stored file again in another encoding the user confirmed; the rows are staged anew. */
async function restage(
  db: Kysely<DB>,
  actor: Actor,
  job: NonNullable<ImportJobRow>,
  encoding: ImportEncoding,
) {
  const content = await selectImportContent(db, job.id)
  const opened = await openSpreadsheet(content, encoding).catch(refused)
  const saved = await selectSavedMapping(db, actor.districtId)
  await db
    .transaction()
    .execute(async (trx) => {
      await deleteRows(trx, job.id)
      const staged = await stageRows(opened.rows, saved, job.kind as ImportKind, (batch) =>
        insertRows(trx, actor.districtId, job.id, batch),
      )
      await updateImport(trx, job.id, {
        encoding,
        header_row: staged.headerRow,
        headers: staged.headers,
        row_count: staged.rowCount,
        status: 'uploaded',
      })
    })
    .catch(refused)
}

/**
 * Saves the column mapping (and remembers it for the district's next file), optionally the
 * confirmed encoding and the case manager, and checks every row: the validation preview.
 */
export async function saveMapping(
  db: Kysely<DB>,
  actor: Actor,
  importId: string,
  input: ImportMappingInput,
  request: RequestContext,
): Promise<Import> {
  let job = await loadImport(db, actor, importId)
  notStarted(job)
  if (input.encoding && job.format === 'csv' && input.encoding !== job.encoding) {
    await restage(db, actor, job, input.encoding)
    job = await loadImport(db, actor, importId)
  }
  const kind = job.kind as ImportKind
  checkMapping(job.headers, input.columns, kind)
  if (input.caseManagerId && kind === 'cases') await assertImportCaseManager(db, actor, input.caseManagerId)
  await updateImport(db, importId, {
    mapping: input.columns,
    status: 'mapped',
    ...(input.caseManagerId !== undefined && kind === 'cases'
      ? { case_manager_id: input.caseManagerId }
      : {}),
  })
  await saveHeaderMapping(
    db,
    actor.districtId,
    Object.entries(input.columns).flatMap(([column, field]) => {
      const header = headerKey(job.headers[Number(column)] ?? '')
      return header ? [{ header, field }] : []
    }),
  )
  await checkRows(db, actor, importId, input.columns, request.now, false, kind)
  await recordAuditAlone(db, { ...request, action: 'import.map', subjectType: 'import', subjectId: importId })
  return readImport(db, actor, importId)
}

/**
 * Discards an import that has not started: its file and staged rows are deleted. A run that has
 * started is not undone here (its batches are whole; the next run continues).
 */
export async function discardImport(
  db: Kysely<DB>,
  actor: Actor,
  importId: string,
  request: RequestContext,
): Promise<void> {
  const job = await loadImport(db, actor, importId)
  notStarted(job)
  await db.transaction().execute(async (trx) => {
    await deleteImport(trx, importId)
    await recordAudit(trx, {
      ...request,
      action: 'import.discard',
      subjectType: 'import',
      subjectId: importId,
    })
  })
}

/** The mapping in force: the saved one, else the suggestion, which must then be complete. */
async function mappingInForce(db: Kysely<DB>, actor: Actor, job: NonNullable<ImportJobRow>) {
  const { mapping, suggested } = await mappingOf(db, actor, job)
  if (suggested) checkMapping(job.headers, mapping, job.kind as ImportKind)
  return mapping
}

/** Checks every row and compares the valid ones with the district's persons; changes nothing but the staging rows. */
export async function dryRun(
  db: Kysely<DB>,
  actor: Actor,
  importId: string,
  request: RequestContext,
): Promise<DryRun> {
  const job = await loadImport(db, actor, importId)
  notStarted(job)
  const mapping = await mappingInForce(db, actor, job)
  if (!job.mapping) await updateImport(db, importId, { mapping })
  await checkRows(db, actor, importId, mapping, request.now, true, job.kind as ImportKind)
  await updateImport(db, importId, { status: 'checked' })
  await recordAuditAlone(db, {
    ...request,
    action: 'import.dry-run',
    subjectType: 'import',
    subjectId: importId,
  })
  return dryRunOf(await readImport(db, actor, importId))
}

function dryRunOf(view: Import): DryRun {
  const check = view.check ?? { valid: 0, invalid: 0, duplicate: 0, match: 0, undecided: 0 }
  return {
    rows: view.rows,
    wouldImport: check.valid + check.match - check.undecided,
    wouldReject: check.invalid,
    duplicates: check.duplicate + check.undecided,
    matches: check.match,
    undecided: check.undecided,
  }
}

/** The user's answer to a suggested existing person: the same person (a new case for them) or another. */
export async function decideMatch(
  db: Kysely<DB>,
  actor: Actor,
  importId: string,
  rowNumber: number,
  decision: 'same' | 'other',
  request: RequestContext,
): Promise<Import> {
  const job = await loadImport(db, actor, importId)
  notStarted(job)
  if (!(await setMatchDecision(db, importId, rowNumber, decision)))
    throw new DomainError('import-no-match', 'not-found')
  await recordAuditAlone(db, {
    ...request,
    action: 'import.match-decision',
    subjectType: 'import',
    subjectId: importId,
    purpose: decision,
  })
  return readImport(db, actor, importId)
}

const reasonOf = (problems: readonly ImportProblem[]) => problems.map((problem) => problem.code).join(',')

/**
 * Runs the import in batches, each one transaction: its rows end imported, rejected or duplicate
 * together with the import's totals, or not at all. An interrupted run leaves whole batches done
 * and the rest pending; the next `run` continues there. Answers after the last batch or when the
 * time budget is spent (the client asks again; the answer's `pending` drives the progress bar).
 */
export async function runImport(
  db: Kysely<DB>,
  actor: Actor,
  importId: string,
  request: RequestContext,
  options: { budgetMs?: number; maxBatches?: number } = {},
): Promise<Import> {
  let job = await loadImport(db, actor, importId)
  if (job.status === 'completed') return readImport(db, actor, importId)
  if (job.status === 'uploaded' || job.status === 'mapped') {
    await dryRun(db, actor, importId, request)
    job = await loadImport(db, actor, importId)
  }
  const mapping = await mappingInForce(db, actor, job)
  const kind = job.kind as ImportKind
  const facts = await districtFacts(db, actor.districtId, request.now)
  const counts =
    kind === 'counts'
      ? { ...(await countFacts(db, actor.districtId, request.now)), own: new Map(), seen: new Set<string>() }
      : null
  if (job.status !== 'running') {
    await updateImport(db, importId, { status: 'running' })
    await recordAuditAlone(db, {
      ...request,
      action: 'import.run',
      subjectType: 'import',
      subjectId: importId,
    })
  }
  const started = Date.now()
  const budget = options.budgetMs ?? defaultRunBudgetMs
  let batches = 0
  // Every row up to this number has its outcome: the next batch starts after it (a keyset, so
  // that no batch passes over the rows the batches before it finished).
  let cursor = 0
  for (;;) {
    const done = await step('run: batch (whole transaction)', () =>
      db.transaction().execute(async (trx) => {
        const locked = await lockImport(trx, importId)
        if (!locked || locked.status === 'completed') return true
        let rows = await step('run: read rows', () =>
          selectPendingRows(trx, importId, cursor, importBatchSize),
        )
        if (rows.length === 0) {
          // Past a stretch of empty rows, or of rows another run finished meanwhile.
          const first = await selectFirstPendingRow(trx, importId, cursor)
          if (first !== null) rows = await selectPendingRows(trx, importId, first - 1, importBatchSize)
        }
        if (rows.length === 0) {
          await updateImport(trx, importId, { status: 'completed' })
          // In the transaction that finishes it: the webhook fires if and only if the import finished.
          await publishEvent(trx, locked.district_id, 'import.finished', {
            importId,
            status: 'completed',
            rows: locked.row_count,
            imported: locked.imported,
            rejected: locked.rejected,
            duplicates: locked.duplicates,
          })
          return true
        }
        const batch = locked.batches_done + 1
        const totals = { imported: 0, rejected: 0, duplicates: 0 }
        if (counts) {
          const ended = await runCountBatch(trx, actor, importId, rows, mapping, counts, request)
          for (const row of ended) {
            if (row.outcome === 'imported') totals.imported += 1
            else if (row.outcome === 'rejected') totals.rejected += 1
            else totals.duplicates += 1
          }
          await updateRowOutcomes(
            trx,
            importId,
            ended.map((row) => ({ ...row, batch, person_id: null, case_id: null })),
          )
          await addToTotals(trx, importId, totals)
          return false
        }
        const outcomes: Parameters<typeof updateRowOutcomes>[2][number][] = []
        const end = (
          rowNumber: number,
          outcome: 'imported' | 'rejected' | 'duplicate',
          reason: string | null,
        ) => {
          if (outcome === 'imported') totals.imported += 1
          else if (outcome === 'rejected') totals.rejected += 1
          else totals.duplicates += 1
          outcomes.push({ row_number: rowNumber, outcome, reason, batch, person_id: null, case_id: null })
        }
        const candidates: {
          rowNumber: number
          fingerprint: string
          values: NonNullable<CheckedRow['values']>
          existingPersonId: string | null
        }[] = []
        for (const row of rows) {
          const problems = row.problems as ImportProblem[]
          if (row.state === 'invalid') end(row.row_number, 'rejected', reasonOf(problems))
          else if (row.state === 'duplicate') end(row.row_number, 'duplicate', reasonOf(problems))
          else if (row.state === 'match' && row.match_decision === null)
            end(row.row_number, 'duplicate', 'match-unconfirmed')
          else {
            // Checked again: the district's municipalities or today may have changed since the dry run.
            const checked = checkRow(row.cells as Cell[], mapping as Record<string, ImportField>, facts)
            if (!checked.values || !checked.fingerprint)
              end(row.row_number, 'rejected', reasonOf(checked.problems))
            else
              candidates.push({
                rowNumber: row.row_number,
                fingerprint: checked.fingerprint,
                values: checked.values,
                existingPersonId:
                  row.state === 'match' && row.match_decision === 'same' ? row.match_person_id : null,
              })
          }
        }
        // The district's import batches take turns from here, so that the fingerprints read now are
        // still the district's when this batch claims its own, with their cases, at its end.
        await step('run: district lock', () => lockDistrictImports(trx, actor.districtId))
        const known = await step('run: known fingerprints', () =>
          selectKnownFingerprints(
            trx,
            actor.districtId,
            candidates.map((c) => c.fingerprint),
          ),
        )
        const toCreate = candidates.filter((c) => {
          if (!known.has(c.fingerprint)) {
            known.add(c.fingerprint)
            return true
          }
          end(c.rowNumber, 'duplicate', 'already-imported')
          return false
        })
        const newPersons = toCreate.filter((c) => c.existingPersonId === null)
        const personIds = await step('run: persons', () =>
          registerImportedPersons(
            trx,
            actor,
            newPersons.map(({ values }) => ({
              familyName: values.familyName,
              givenNames: values.givenNames,
              birthDate: values.birthDate,
              sex: values.sex,
              municipalityId: values.municipalityId,
            })),
          ),
        )
        const personOf = new Map(newPersons.map((c, index) => [c.rowNumber, personIds[index] as string]))
        const persons = toCreate.map((c) => c.existingPersonId ?? (personOf.get(c.rowNumber) as string))
        const caseIds = await step('run: cases', () =>
          registerImportedCases(
            trx,
            actor,
            toCreate.map((c, index) => ({
              personId: persons[index] as string,
              municipalityId: c.values.municipalityId,
              openedOn: c.values.openedOn,
              managerId: job.case_manager_id,
            })),
          ),
        )
        // One entry for the batch, naming every person and case it created (decision 0035): the
        // person's access report and the trail's filter by record find it through them.
        if (toCreate.length > 0)
          await step('run: audit', () =>
            recordAuditNaming(
              trx,
              {
                ...request,
                action: 'import.batch',
                subjectType: 'import',
                subjectId: importId,
                purpose: 'import',
              },
              [
                ...personIds.map((id) => ({ type: 'person', id })),
                ...caseIds.map((id) => ({ type: 'case', id })),
              ],
            ),
          )
        await step('run: fingerprints', () =>
          claimFingerprints(
            trx,
            toCreate.map((c, index) => ({
              district_id: actor.districtId,
              fingerprint: c.fingerprint,
              import_id: importId,
              row_number: c.rowNumber,
              case_id: caseIds[index] as string,
            })),
          ),
        )
        toCreate.forEach((c, index) => {
          totals.imported += 1
          outcomes.push({
            row_number: c.rowNumber,
            outcome: 'imported',
            reason: null,
            batch,
            person_id: persons[index] as string,
            case_id: caseIds[index] as string,
          })
        })
        await step('run: outcomes', () => updateRowOutcomes(trx, importId, outcomes))
        await step('run: totals', () => addToTotals(trx, importId, totals))
        cursor = rows.at(-1)?.row_number ?? cursor
        return false
      }),
    )
    batches += 1
    if (done) break
    if (options.maxBatches !== undefined && batches >= options.maxBatches) break
    if (Date.now() - started > budget) break
  }
  return readImport(db, actor, importId)
}

export async function listRows(
  db: Kysely<DB>,
  actor: Actor,
  importId: string,
  query: { show: 'all' | 'problems'; offset: number; limit: number },
  request: RequestContext,
): Promise<{ rows: ImportRow[]; total: number }> {
  await loadImport(db, actor, importId)
  // The staged cells are the persons' data: reading them is audited like reading a person.
  await recordAuditAlone(db, {
    ...request,
    action: 'import.rows.read',
    subjectType: 'import',
    subjectId: importId,
  })
  const page = await selectRowPage(db, importId, {
    problemsOnly: query.show === 'problems',
    offset: query.offset,
    limit: query.limit,
  })
  return {
    total: page.total,
    rows: page.rows.map((row) => ({
      rowNumber: row.row_number,
      cells: (row.cells as Cell[]).map(cellText),
      state: row.state as ImportRow['state'],
      problems: row.problems as ImportProblem[],
      match:
        row.state === 'match'
          ? { score: row.match_score ?? 0, decision: (row.match_decision as 'same' | 'other' | null) ?? null }
          : null,
      outcome: row.outcome as ImportRow['outcome'],
      reason: row.reason,
    })),
  }
}

function problemText(code: string, language: Language): string {
  const key = `import-problem-${code}` as MessageCode
  return messages[key]?.[language] ?? code
}

const fieldLabels: Record<Language, Record<ImportField | CountImportField, string>> = {
  de: {
    month: 'Monat',
    team: 'Team',
    domain: 'Handlungsfeld',
    contacts: 'Beratungskontakte',
    persons: 'Beratene Personen',
    shortConsultations: 'Kurzberatungen',
    casesNew: 'Neue Fälle',
    casesClosed: 'Abgeschlossene Fälle',
    familyName: 'Nachname',
    givenNames: 'Vorname(n)',
    birthDate: 'Geburtsdatum',
    sex: 'Geschlecht',
    municipality: 'Kommune',
    openedOn: 'Fallbeginn',
  },
  en: {
    month: 'Month',
    team: 'Team',
    domain: 'Life domain',
    contacts: 'Counselling contacts',
    persons: 'Persons counselled',
    shortConsultations: 'Short consultations',
    casesNew: 'New cases',
    casesClosed: 'Closed cases',
    familyName: 'Family name',
    givenNames: 'Given names',
    birthDate: 'Date of birth',
    sex: 'Sex',
    municipality: 'Municipality',
    openedOn: 'Case opened',
  },
}

/**
 * Every row that was not imported, with its reason per column, and the row's own cells, so that
 * the office can correct the file and import it again (the imported rows are recognised).
 */
export async function errorReport(
  db: Kysely<DB>,
  actor: Actor,
  importId: string,
  language: Language,
  request: RequestContext,
): Promise<{ fileName: string; content: string }> {
  const job = await loadImport(db, actor, importId)
  const head = language === 'de' ? ['Zeile', 'Ergebnis', 'Grund'] : ['Row', 'Outcome', 'Reason']
  const outcomeText: Record<string, Record<Language, string>> = {
    rejected: { de: 'abgelehnt', en: 'rejected' },
    duplicate: { de: 'Dublette', en: 'duplicate' },
  }
  const lines: string[][] = []
  const last = await selectLastRowNumber(db, importId)
  for (let after = 0; after < last; after += importBatchSize) {
    const rows = await selectUnimportedRows(db, importId, after, importBatchSize)
    for (const row of rows) {
      const problems = row.problems as ImportProblem[]
      const codes =
        problems.length > 0
          ? problems
          : (row.reason ?? '')
              .split(',')
              .filter(Boolean)
              .map((code) => ({ column: null, field: null, code }))
      const reason = codes
        .map((problem) => {
          const where =
            problem.column !== null
              ? `${job.headers[problem.column] || (problem.field ? fieldLabels[language][problem.field as ImportField | CountImportField] : '')}: `
              : ''
          return `${where}${problemText(problem.code, language)}`
        })
        .join('; ')
      const cells = row.cells as Cell[]
      lines.push([
        String(row.row_number),
        outcomeText[row.outcome ?? '']?.[language] ?? '',
        reason,
        ...job.headers.map((_, index) => cellText(cells[index])),
      ])
    }
  }
  await recordAuditAlone(db, {
    ...request,
    action: 'import.error-report',
    subjectType: 'import',
    subjectId: importId,
  })
  const headers = [
    ...head,
    ...job.headers.map(
      (header, index) => header || `${language === 'de' ? 'Spalte' : 'Column'} ${index + 1}`,
    ),
  ]
  return {
    fileName: `${job.file_name.replace(/\.[^.]*$/, '')}-${language === 'de' ? 'fehler' : 'errors'}.csv`,
    content: toSpreadsheetCsv(uniqueHeaders(headers), lines),
  }
}

/** csv-stringify needs distinct column names; a repeated header gets its column number. */
function uniqueHeaders(headers: readonly string[]): string[] {
  const seen = new Set<string>()
  return headers.map((header, index) => {
    const name = seen.has(header) ? `${header} (${index + 1})` : header
    seen.add(name)
    return name
  })
}

export { importFields }
