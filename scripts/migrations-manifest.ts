// Adds new migrations to server/db/migrations/manifest.json; refuses when a listed one changed.
import { ManifestError, updateManifestFile } from '../server/db/migration-manifest.ts'

try {
  const added = updateManifestFile()
  console.log(added.length > 0 ? `added to the manifest: ${added.join(', ')}` : 'manifest up to date')
} catch (error) {
  if (!(error instanceof ManifestError)) throw error
  console.error(error.message)
  process.exit(1)
}
