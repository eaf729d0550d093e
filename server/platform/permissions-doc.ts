import { allRoles, permissionTable, type Verdict } from './policy.ts'

/** One cell: ✔ in every situation, – in none, otherwise the situations it allows. */
function cell(verdicts: { label: string; verdict: Verdict }[]): string {
  if (verdicts.every(({ verdict }) => verdict === 'yes')) return '✔'
  const allowed = verdicts.filter(({ verdict }) => verdict !== 'no')
  if (allowed.length === 0) return '–'
  return allowed.map(({ label, verdict }) => (verdict === 'team-setting' ? `${label}¹` : label)).join(', ')
}

/** The role × action table as Markdown; docs/permissions.md is this text, checked by a test. */
export function renderPermissionsMarkdown(): string {
  const header = `| action | ${allRoles.join(' | ')} |`
  const divider = `| --- | ${allRoles.map(() => ':---:').join(' | ')} |`
  const rows = permissionTable().map(
    (row) => `| \`${row.action}\` | ${allRoles.map((role) => cell(row.roles[role])).join(' | ')} |`,
  )
  return [
    '# Berechtigungen / Permissions',
    '',
    'Generiert aus `server/platform/policy.ts` mit `npm run docs:permissions`; ein Test prüft, dass diese Datei aktuell ist.',
    'Generated from the policy module; a test keeps this file in step with the code.',
    '',
    'Jede Zeile gilt für Objekte im eigenen Kreis. Objekte anderer Kreise sind für alle Rollen unsichtbar (Antwort 404).',
    'Each row applies to objects in the own district; other districts are invisible to every role (answer 404).',
    '',
    'Die Tabelle prüft jede Regel mit einer Person, die in einem Team ist, an Beispielen wie im Betrieb: /',
    'Each rule is checked for a person who belongs to a team, with subjects as in real use:',
    '',
    '- `✔`: immer / always',
    '- `own`: eigener Fall oder eigene Person (zuständig), eigenes Konto, eigene Wiedervorlage (zugewiesen) /',
    '  a case or person the user is responsible for, the own account, a task assigned to the user',
    '- `registered`: von der Person selbst angelegt, noch ohne Fall / registered by the user, no case yet',
    '- `team`: Fall oder Person des eigenen Teams / a case or person of the own team',
    '- `other team`: Fall oder Person eines anderen Teams / a case or person of another team',
    '- `created`: von der Person für jemand anderen angelegte Wiedervorlage / a task the user created for someone else',
    "- `others`: Konto oder Wiedervorlage anderer / another user's account or task",
    '- `¹`: nur solange der Kreis Fallmanager:innen die Fälle ihres Teams zeigt (Einstellung Fallarbeit) /',
    "  only while the district lets case managers see their team's cases (case work setting)",
    '- `–`: nie / never',
    '',
    header,
    divider,
    ...rows,
    '',
  ].join('\n')
}
