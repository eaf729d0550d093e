/**
 * Every column Lotse encrypts in the application (decision 0020), with the primary key that
 * finds a row. The owning modules seal on write and open on read in their queries; this list lets
 * `lotse keys rotate` and the start-up sealing of legacy plain text walk all of them.
 * `encryption.test.ts` plants canaries through the API and checks every column listed here.
 */
export type EncryptedColumn = {
  table: string
  column: string
  kind: 'text' | 'bytes'
  primaryKey: readonly string[]
}

export const encryptedColumns: readonly EncryptedColumn[] = [
  // Contact notes (case work).
  { table: 'contact', column: 'note', kind: 'text', primaryKey: ['id'] },
  // The assessment's free texts per domain: health, residence and need described in words.
  { table: 'assessment_entry', column: 'resources', kind: 'text', primaryKey: ['assessment_id', 'domain'] },
  { table: 'assessment_entry', column: 'note', kind: 'text', primaryKey: ['assessment_id', 'domain'] },
  // Documents of cases and signed consent forms.
  { table: 'case_document_content', column: 'content', kind: 'bytes', primaryKey: ['document_id'] },
  { table: 'consent_form_file', column: 'content', kind: 'bytes', primaryKey: ['consent_id'] },
  // Spreadsheets uploaded for import: case lists with names, birth dates and more.
  { table: 'import_job', column: 'content', kind: 'bytes', primaryKey: ['id'] },
  // Secrets of sign-in.
  { table: 'app_user', column: 'totp_secret', kind: 'text', primaryKey: ['id'] },
  { table: 'sso_provider', column: 'client_secret', kind: 'text', primaryKey: ['district_id'] },
  // The signing secret of webhooks: it must be readable to sign, so it is sealed rather than hashed.
  { table: 'webhook', column: 'secret', kind: 'text', primaryKey: ['id'] },
]
