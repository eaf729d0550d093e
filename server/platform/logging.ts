import type { FastifyServerOptions } from 'fastify'
import type { Config } from './config.ts'

/**
 * Logs carry no personal data: requests are logged by method, route pattern and path without
 * the query string (searches contain names); headers and bodies are never logged.
 */
export function loggerOptions(config: Pick<Config, 'logLevel'>): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: {
      paths: ['req.headers', 'res.headers', '*.password', '*.cookie', '*.authorization'],
      remove: true,
    },
    serializers: {
      req: (request: { method: string; url: string; routeOptions?: { url?: string }; id: string }) => ({
        id: request.id,
        method: request.method,
        route: request.routeOptions?.url,
        path: request.url.split('?')[0],
      }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
    },
  }
}
