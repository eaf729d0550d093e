import { randomUUID } from 'node:crypto'
import compress from '@fastify/compress'
import Fastify, { type FastifyInstance } from 'fastify'
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import { districtRoutes } from './modules/districts/index.ts'
import { healthRoutes } from './modules/health/index.ts'
import type { AppDeps } from './platform/deps.ts'
import { loggerOptions } from './platform/logging.ts'
import { registerOpenApi } from './platform/openapi.ts'
import { registerNotFoundHandler, registerProblemHandlers } from './platform/problem.ts'
import { registerSecurityHeaders } from './platform/security-headers.ts'
import { registerWebApp } from './platform/web.ts'

const requestIdPattern = /^[A-Za-z0-9._-]{8,64}$/

export type BuildOptions = { serveWeb?: boolean }

/** Builds the whole application without listening, so tests can inject requests in-process. */
export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(deps.config),
    bodyLimit: deps.config.uploadLimitBytes,
    trustProxy: deps.config.trustProxy ?? false,
    // genReqId reads x-request-id itself, so that only well-formed ids are taken over.
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id']
      return typeof incoming === 'string' && requestIdPattern.test(incoming) ? incoming : randomUUID()
    },
    routerOptions: { ignoreTrailingSlash: true },
    return503OnClosing: true,
  })
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })

  registerProblemHandlers(app)
  await registerSecurityHeaders(app)
  await app.register(compress, { threshold: 1024 })
  await registerOpenApi(app, deps.version)

  await app.register(
    async (api) => {
      await api.register(healthRoutes(deps))
      await api.register(districtRoutes(deps))
    },
    { prefix: '/api' },
  )

  const servesWebApp = options.serveWeb !== false && (await registerWebApp(app))
  registerNotFoundHandler(app, servesWebApp)
  return app
}
