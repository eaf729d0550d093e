// Writes docs/permissions.md from the policy module, so the documented table is the enforced one.
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { renderPermissionsMarkdown } from '../server/platform/permissions-doc.ts'

const target = path.resolve(import.meta.dirname, '../docs/permissions.md')
writeFileSync(target, renderPermissionsMarkdown())
console.log(`wrote ${target}`)
