import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { humanLine, type LogOutput, loggerOptions } from './logging.ts'

// biome-ignore lint/suspicious/noControlCharactersInRegex: the terminal colours are what is removed
const plain = (text: string) => text.replace(/\u001b\[\d+m/g, '')

/** A small app logging at info into a list, with an API route, a page and a failing route. */
async function loggedRequests(output: LogOutput, urls: string[]): Promise<string[]> {
  const lines: string[] = []
  const app = Fastify({
    logger: loggerOptions({ logLevel: 'info' }, output, (text) => {
      lines.push(text)
    }),
  })
  app.get('/api/persons', async () => ({ items: [] }))
  app.get('/assets/app.js', async () => 'code')
  app.get('/api/broken', async () => {
    throw new Error('boom')
  })
  for (const url of urls) await app.inject({ method: 'GET', url })
  await app.close()
  return lines.join('').split('\n').filter(Boolean)
}

describe('server log on a terminal', () => {
  it('prints one short line per API request, without the query string, and none for web files', async () => {
    const lines = (await loggedRequests('human', ['/api/persons?q=Yilmaz', '/assets/app.js'])).map(plain)
    const requests = lines.filter((line) => line.includes('/api/') || line.includes('/assets/'))
    expect(requests).toHaveLength(1)
    expect(requests[0]).toMatch(/^\d\d:\d\d:\d\d {2}GET \/api\/persons 200 \d+ ms$/)
    expect(lines.join('\n')).not.toContain('Yilmaz')
    expect(lines.join('\n')).not.toContain('{')
  })

  it('shows failures with their status, level and error class', async () => {
    const lines = (await loggedRequests('human', ['/api/broken', '/assets/missing.js'])).map(plain)
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/ GET \/api\/broken 500 \d+ ms$/),
        expect.stringMatching(/ GET \/assets\/missing\.js 404 \d+ ms$/),
        expect.stringMatching(/ ERROR .*error=Error/),
      ]),
    )
  })

  it('leaves out what the start banner says already', () => {
    expect(humanLine({ level: 30, msg: 'Server listening at http://127.0.0.1:3000' })).toBeNull()
    expect(humanLine({ level: 30, msg: 'incoming request' })).toBeNull()
    expect(
      plain(humanLine({ level: 40, time: 0, msg: 'single sign-on refused', sso: { code: 'x' } }) ?? ''),
    ).toMatch(/^\d\d:\d\d:\d\d {2}WARN single sign-on refused sso=\{"code":"x"\}$/)
  })
})

describe('server log for collectors', () => {
  it('stays one JSON object per line, naming method and path of each answered request', async () => {
    const lines = await loggedRequests('json', ['/api/persons?q=Yilmaz'])
    const records = lines.map((line) => JSON.parse(line) as { msg: string; res?: unknown })
    expect(records.find((record) => record.msg === 'request completed')?.res).toEqual({
      statusCode: 200,
      method: 'GET',
      path: '/api/persons',
    })
    expect(lines.join('\n')).not.toContain('Yilmaz')
  })
})
