/** What the start banner tells the person who just ran `npm start`. */
export type StartFacts = {
  version: string
  url: string
  database: string
  demo?: { password: string; generated: boolean; usernames: string[] }
}

const bold = (text: string) => `\u001b[1m${text}\u001b[22m`
const green = (text: string) => `\u001b[32m${text}\u001b[39m`

/**
 * The lines printed once the server listens: the address and, in demo mode, who can sign in.
 * Framed, and bold on a terminal, so that it stands out from the log above it. The first line
 * keeps the form `… is running: <url>`, which scripts and tests look for.
 */
export function startBanner(facts: StartFacts, terminal: boolean): string {
  const strong = terminal ? (text: string) => bold(green(text)) : (text: string) => text
  const lines = [
    `Lotse ${facts.version} läuft / is running: ${strong(facts.url)}`,
    `Datenbank / database: ${facts.database}`,
  ]
  if (facts.demo) {
    lines.push(
      `Demo-Anmeldungen / demo logins (Passwort / password: ${strong(facts.demo.password)}):`,
      `  ${facts.demo.usernames.join(', ')}`,
    )
    if (facts.demo.generated)
      lines.push('  (Passwort bei jedem Start neu / new at every start; fest / fixed: LOTSE_DEMO_PASSWORD)')
  }
  lines.push('Beenden / stop: Ctrl+C')
  const rule = '─'.repeat(72)
  return ['', rule, ...lines, rule, ''].join('\n')
}
