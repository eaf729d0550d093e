#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx's loader; no separate build of the server.
import { register } from 'tsx/esm/api'

register()
const { runCli } = await import('../server/cli.ts')
await runCli(process.argv)
