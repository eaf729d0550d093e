import {
  removeDir,
  type ServerProcess,
  spawnLotse,
  stopServer,
  tempDir,
  waitForOk,
} from '../server/test/lotse-process.ts'
import {
  call,
  callOk,
  contactBody,
  firstCaseId,
  login,
  onNode,
  type Session,
  signIn,
  stressDemoPassword,
} from './client.ts'
import { createPostgresDatabase, type Database, openForChecks } from './databases.ts'
import { checkInvariants, type Invariant, type InvariantCheck, scheduledJobsRanOnce } from './invariants.ts'

/** What a multi-node check sees: every node's URL, a signed-in case manager, one of their cases. */
export type NodesContext = { nodes: string[]; session: Session; caseId: string }

/** One check across the nodes; answers what went wrong, empty when it holds. */
export type NodeCheck = { name: string; run: (context: NodesContext) => Promise<string[]> }

/** A session opened on one node is valid on every other, for reads and CSRF-protected writes. */
export const sessionsAcrossNodes: NodeCheck = {
  name: 'a session from node A works on node B',
  async run({ nodes, session, caseId }) {
    const problems: string[] = []
    for (const node of nodes) {
      const here = onNode(session, node)
      const me = await call(here, 'GET', '/auth/session')
      if (me.status !== 200) problems.push(`GET /auth/session on ${node} answered ${me.status}`)
      const write = await call(here, 'POST', `/cases/${caseId}/contacts`, contactBody(`session ${node}`))
      if (write.status !== 201)
        problems.push(`a write on ${node} with the session of node A answered ${write.status}`)
    }
    return problems
  },
}

/** Failed sign-ins count across nodes: the pair locks after `pairLockAfter` failures spread over them. */
export const throttleAcrossNodes: NodeCheck = {
  name: 'the login throttle counts failures across nodes',
  async run({ nodes }) {
    // 10 = throttleRules.pairLockAfter; an account nobody else in the run signs in with.
    const pairLockAfter = 10
    const username = 'koordination'
    const statuses: number[] = []
    for (let attempt = 0; attempt < pairLockAfter; attempt++) {
      const node = nodes[attempt % nodes.length] as string
      statuses.push((await login(node, username, `wrong guess ${attempt}`)).status)
    }
    const problems = statuses.some((status) => status !== 401 && status !== 429)
      ? [`failed sign-ins answered ${statuses.join(', ')}`]
      : []
    for (const node of nodes) {
      const right = await login(node, username, stressDemoPassword)
      if (right.status !== 429)
        problems.push(
          `after ${pairLockAfter} failures spread over the nodes, ${node} answered ${right.status}, not 429`,
        )
    }
    return problems
  },
}

/** Concurrent edits with the same If-Match on different nodes: exactly one wins, the others get 409. */
export const versionChecksAcrossNodes: NodeCheck = {
  name: 'If-Match: exactly one concurrent edit wins across nodes',
  async run({ nodes, session, caseId }) {
    const problems: string[] = []
    for (let round = 0; round < 8; round++) {
      const task = await callOk<{ id: string; version: number; assigneeId: string }>(
        session,
        'POST',
        '/tasks',
        {
          title: `stress race ${round}`,
          dueOn: '2030-01-15',
          caseId,
        },
      )
      const answers = await Promise.all(
        nodes.map((node, index) =>
          call(
            onNode(session, node),
            'PUT',
            `/tasks/${task.id}`,
            {
              title: `stress race ${round} by node ${index}`,
              dueOn: '2030-01-15',
              assigneeId: task.assigneeId,
              done: false,
            },
            { 'if-match': `"${task.version}"` },
          ),
        ),
      )
      const statuses = answers.map((answer) => answer.status).sort()
      const expected = [200, ...Array(nodes.length - 1).fill(409)]
      if (statuses.join() !== expected.join()) problems.push(`round ${round}: ${statuses.join(', ')}`)
    }
    return problems
  },
}

/** Audited writes on every node at once; the audit chains are checked afterwards with the invariants. */
export const concurrentWritesAcrossNodes: NodeCheck = {
  name: 'concurrent audited writes on every node',
  async run({ nodes, session, caseId }) {
    const problems: string[] = []
    await Promise.all(
      nodes.flatMap((node) =>
        [0, 1].map(async (writer) => {
          for (let n = 0; n < 15; n++) {
            const answer = await call(
              onNode(session, node),
              'POST',
              `/cases/${caseId}/contacts`,
              contactBody(`${node} ${writer} ${n}`),
            )
            if (answer.status !== 201) problems.push(`a write on ${node} answered ${answer.status}`)
          }
        }),
      ),
    )
    return problems
  },
}

/**
 * The checks run against several nodes. Another feature (e.g. scheduled jobs that must run once
 * across all nodes) appends its own NodeCheck here, and an Invariant in invariants.ts for the data.
 */
export const nodeChecks: NodeCheck[] = [
  sessionsAcrossNodes,
  throttleAcrossNodes,
  versionChecksAcrossNodes,
  concurrentWritesAcrossNodes,
]

export type NodesResult = {
  nodes: number
  checks: { name: string; problems: string[] }[]
  invariants: InvariantCheck[]
  milliseconds: number
}

/** Starts `nodeCount` `lotse serve` processes on one fresh PostgreSQL database and runs the checks. */
export async function runNodeChecks(options: {
  adminUrl: string
  nodeCount?: number
  checks?: NodeCheck[]
  invariants?: Invariant[]
  log?: (line: string) => void
}): Promise<NodesResult> {
  const log = options.log ?? (() => {})
  const started = Date.now()
  const postgres = await createPostgresDatabase(options.adminUrl)
  const servers: ServerProcess[] = []
  const dirs: string[] = []
  try {
    // One after the other: the first migrates and seeds, the next find it done.
    for (let index = 0; index < (options.nodeCount ?? 2); index++) {
      const dir = tempDir(`stress-node${index}`)
      dirs.push(dir)
      const server = await spawnLotse(dir, {
        args: ['--demo'],
        env: {
          LOTSE_DEMO_PASSWORD: stressDemoPassword,
          DATABASE_URL: postgres.url,
          // Every node holds the key the first one created, as a deployment shares it.
          ...(index > 0 ? { LOTSE_ENCRYPTION_KEY_FILE: `${dirs[0]}/encryption.key` } : {}),
        },
        timeoutMs: 180_000,
      })
      servers.push(server)
      await waitForOk(`${server.url}/api/health`)
      log(`node ${index} up at ${server.url}`)
    }
    const nodes = servers.map((server) => server.url)
    const session = await signIn(nodes[0] as string)
    const caseId = await firstCaseId(session)
    const since = new Date()
    const checks: NodesResult['checks'] = []
    for (const check of options.checks ?? nodeChecks) {
      const problems = await check.run({ nodes, session, caseId })
      log(`${check.name}: ${problems.length === 0 ? 'ok' : problems.join('; ')}`)
      checks.push({ name: check.name, problems })
    }
    let database: Database | undefined
    try {
      database = await openForChecks({ kind: 'postgresql', url: postgres.url })
      const invariants = await checkInvariants(
        database,
        { since },
        options.invariants ?? [scheduledJobsRanOnce],
      )
      return { nodes: nodes.length, checks, invariants, milliseconds: Date.now() - started }
    } finally {
      await database?.close()
    }
  } finally {
    await Promise.all(servers.map((server) => stopServer(server)))
    for (const dir of dirs) removeDir(dir)
    await postgres.drop()
  }
}
