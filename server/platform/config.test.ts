import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.ts'

// Every test gets its own working directory, so that no lotse.config.json of the checkout leaks in.
let cwd: string
beforeEach(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'lotse-config-'))
})
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true })
})

const writeConfigFile = (text: string) => writeFileSync(path.join(cwd, 'lotse.config.json'), text)

function configError(action: () => unknown): ConfigError {
  try {
    action()
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error('expected a ConfigError, but the configuration was accepted')
}

describe('loadConfig defaults', () => {
  it('listens on port 3000 when PORT is unset', () => {
    expect(loadConfig({}, cwd).port).toBe(3000)
  })

  it('keeps data in ./data resolved against the working directory', () => {
    const config = loadConfig({}, cwd)
    expect(config.dataDir).toBe(path.join(cwd, 'data'))
    expect(config.database).toEqual({ kind: 'pglite', dataDir: path.join(cwd, 'data', 'pglite') })
  })

  it('resolves a relative LOTSE_DATA_DIR against the working directory, not the process cwd', () => {
    expect(loadConfig({ LOTSE_DATA_DIR: 'var/lotse' }, cwd).dataDir).toBe(path.join(cwd, 'var', 'lotse'))
  })

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const url = 'postgresql://lotse:secret@db.example:5432/lotse'
    expect(loadConfig({ DATABASE_URL: url }, cwd).database).toEqual({ kind: 'postgresql', url })
  })

  it('allows 5 open sessions per user unless LOTSE_SESSION_MAX_PER_USER says otherwise', () => {
    expect(loadConfig({}, cwd).session.maxPerUser).toBe(5)
    expect(loadConfig({ LOTSE_SESSION_MAX_PER_USER: '2' }, cwd).session.maxPerUser).toBe(2)
  })

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }, cwd)).toMatchObject({
      port: 3000,
      database: { kind: 'pglite' },
    })
  })
})

describe('loadConfig refuses invalid values', () => {
  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['LOTSE_LOG_LEVEL', 'loud'],
    ['DATABASE_URL', 'mysql://x'],
    ['LOTSE_UPLOAD_LIMIT_MB', '-1'],
    ['LOTSE_DEMO', 'maybe'],
    ['LOTSE_SESSION_SECRET', 'too-short'],
    ['LOTSE_SESSION_MAX_PER_USER', '0'],
    ['LOTSE_SESSION_MAX_PER_USER', '2.5'],
  ])('refuses %s=%s with a ConfigError naming the variable', (name, value) => {
    const error = configError(() => loadConfig({ [name]: value }, cwd))
    expect(error.problems).toHaveLength(1)
    expect(error.problems[0]).toMatch(new RegExp(`^${name}=`))
    expect(error.message).toContain(name)
  })

  it('names every bad variable at once', () => {
    const error = configError(() => loadConfig({ PORT: 'abc', LOTSE_LOG_LEVEL: 'loud' }, cwd))
    expect(error.problems.map((problem) => problem.split('=')[0]).sort()).toEqual(['LOTSE_LOG_LEVEL', 'PORT'])
  })

  it('does not repeat a rejected session secret in the message', () => {
    const error = configError(() => loadConfig({ LOTSE_SESSION_SECRET: 'hunter2-is-my-secret' }, cwd))
    expect(error.message).toContain('LOTSE_SESSION_SECRET')
    expect(error.message).not.toContain('hunter2')
  })

  it('does not repeat the password of a rejected DATABASE_URL in the message', () => {
    const error = configError(() => loadConfig({ DATABASE_URL: 'mysql://lotse:hunter2@db/lotse' }, cwd))
    expect(error.message).toContain('DATABASE_URL')
    expect(error.message).toContain('db/lotse')
    expect(error.message).not.toContain('hunter2')
  })
})

describe('lotse.config.json', () => {
  it('fills in values the environment leaves unset', () => {
    writeConfigFile(JSON.stringify({ PORT: 4100, LOTSE_LOG_LEVEL: 'debug', LOTSE_DATA_DIR: 'store' }))
    expect(loadConfig({}, cwd)).toMatchObject({
      port: 4100,
      logLevel: 'debug',
      dataDir: path.join(cwd, 'store'),
    })
  })

  it('loses to the environment where both set a value', () => {
    writeConfigFile(JSON.stringify({ PORT: 4100, LOTSE_LOG_LEVEL: 'debug' }))
    expect(loadConfig({ PORT: '4200' }, cwd)).toMatchObject({ port: 4200, logLevel: 'debug' })
  })

  it('refuses malformed JSON with a ConfigError naming the file', () => {
    writeConfigFile('{ "PORT": 4100,')
    const error = configError(() => loadConfig({}, cwd))
    expect(error.message).toContain('lotse.config.json')
    expect(error.message).toContain('not valid JSON')
  })

  it('refuses a file that is not an object of settings', () => {
    writeConfigFile('["PORT", 4100]')
    const error = configError(() => loadConfig({}, cwd))
    expect(error.message).toContain('lotse.config.json')
    expect(error.message).toContain('expected an object')
  })

  it('refuses an invalid value from the file naming the variable', () => {
    writeConfigFile(JSON.stringify({ PORT: 'abc' }))
    const error = configError(() => loadConfig({}, cwd))
    expect(error.problems[0]).toMatch(/^PORT=/)
  })
})
