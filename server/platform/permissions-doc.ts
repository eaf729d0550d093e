import { allRoles, permissionTable } from './policy.ts'

/** The role × action table as Markdown; docs/permissions.md is this text, checked by a test. */
export function renderPermissionsMarkdown(): string {
  const header = `| action | ${allRoles.join(' | ')} |`
  const divider = `| --- | ${allRoles.map(() => ':---:').join(' | ')} |`
  const rows = permissionTable().map(
    (row) => `| \`${row.action}\` | ${allRoles.map((role) => (row.roles[role] ? '✔' : '–')).join(' | ')} |`,
  )
  return [
    '# Berechtigungen / Permissions',
    '',
    'Generiert aus `server/platform/policy.ts` mit `npm run docs:permissions`; ein Test prüft, dass diese Datei aktuell ist.',
    'Generated from the policy module; a test keeps this file in step with the code.',
    '',
    'Jede Zeile gilt für Objekte im eigenen Kreis. Objekte anderer Kreise sind für alle Rollen unsichtbar (Antwort 404).',
    'Each row applies to objects in the own district; other districts are invisible to every role (answer 404).',
    '`user.read` erlaubt außerdem jeder Person, das eigene Konto zu lesen. / also lets everybody read their own account.',
    '',
    header,
    divider,
    ...rows,
    '',
  ].join('\n')
}
