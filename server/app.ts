import { randomUUID } from 'node:crypto'
import compress from '@fastify/compress'
import cookie from '@fastify/cookie'
import Fastify, { type FastifyInstance } from 'fastify'
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import { auditRoutes, recordAuditAlone } from './modules/audit/index.ts'
import { caseWorkRoutes } from './modules/casework/index.ts'
import { districtRoutes } from './modules/districts/index.ts'
import { healthRoutes } from './modules/health/index.ts'
import {
  createIdentityContext,
  displayNames,
  identityRoutes,
  resolveApiToken,
  resolveSession,
  SessionCache,
  sessionCookieName,
} from './modules/identity/index.ts'
import { importRoutes } from './modules/import/index.ts'
import { integrationRoutes } from './modules/integration/index.ts'
import { networkRoutes, networkTimelineSources } from './modules/network/index.ts'
import {
  disclosureRoutes,
  privacyRoutes,
  processingRecordRoutes,
  restrictionRoutes,
} from './modules/privacy/index.ts'
import { reportingRoutes } from './modules/reporting/index.ts'
import { staffingRoutes } from './modules/staffing/index.ts'
import { steeringRoutes } from './modules/steering/index.ts'
import { registerAccessControl, requestContext } from './platform/access.ts'
import type { AppDeps } from './platform/deps.ts'
import { triedRecordOf } from './platform/errors.ts'
import { registerInputGuard } from './platform/input-guard.ts'
import { type LogOutput, loggerOptions } from './platform/logging.ts'
import { registerOpenApi } from './platform/openapi.ts'
import {
  frameworkErrorHandler,
  registerNotFoundHandler,
  registerProblemHandlers,
} from './platform/problem.ts'
import { registerSecurityHeaders } from './platform/security-headers.ts'
import { registerWebApp } from './platform/web.ts'

const requestIdPattern = /^[A-Za-z0-9._-]{8,64}$/

export type BuildOptions = {
  serveWeb?: boolean
  /** JSON lines (the default), or short lines for a person at a terminal. */
  logOutput?: LogOutput
  /** Where log lines go instead of stdout (the fuzzer reads the error behind a 500 from them). */
  logWrite?: (line: string) => void
}

/** Builds the whole application without listening, so tests can inject requests in-process. */
export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(deps.config, options.logOutput, options.logWrite),
    // JSON routes keep a small limit; the upload route sets its own.
    bodyLimit: deps.config.bodyLimitBytes,
    trustProxy: deps.config.trustProxy ?? false,
    // genReqId reads x-request-id itself, so that only well-formed ids are taken over.
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id']
      return typeof incoming === 'string' && requestIdPattern.test(incoming) ? incoming : randomUUID()
    },
    routerOptions: { ignoreTrailingSlash: true },
    return503OnClosing: true,
    frameworkErrors: frameworkErrorHandler,
  })
  // The API takes JSON only; without this Fastify's text/plain parser would hand a string to the
  // schema and the client would get a misleading 400 instead of 415.
  app.removeContentTypeParser('text/plain')
  registerInputGuard(app)
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })

  const { db } = deps.database
  // The database is this process's alone only on PGlite (its folder is locked): only there can a
  // session read once be trusted until something writes to the identity tables (decision 0036).
  const identity = await createIdentityContext(db, deps.config, {
    ...(deps.database.kind === 'pglite' ? { sessionCache: new SessionCache(deps.database.writes) } : {}),
  })

  registerProblemHandlers(app, async (request, error) => {
    await recordAuditAlone(db, {
      ...requestContext(request),
      action: request.routeOptions.config?.access ?? 'unknown',
      outcome: 'denied',
      // Which record was tried, so that the data protection officer can follow it up.
      subjectType: triedRecordOf(error)?.type ?? null,
      subjectId: triedRecordOf(error)?.id ?? null,
      purpose: error.code,
    })
  })
  await registerSecurityHeaders(app)
  await app.register(compress, { threshold: 1024 })
  await app.register(cookie)
  registerAccessControl(app, {
    cookieName: sessionCookieName,
    resolveSession: (token) => resolveSession(identity, token),
    resolveApiToken: (token) => resolveApiToken(db, token),
    pseudonymise: identity.pseudonymise,
    clock: deps.clock,
  })
  await registerOpenApi(app, deps.version)

  await app.register(
    async (api) => {
      await api.register(healthRoutes(deps))
      await api.register(identityRoutes(deps, identity))
      await api.register(districtRoutes(deps))
      await api.register(auditRoutes(deps, (districtId, ids) => displayNames(db, districtId, ids)))
      await api.register(caseWorkRoutes(deps, { timelineSources: networkTimelineSources }))
      await api.register(networkRoutes(deps))
      await api.register(steeringRoutes(deps))
      await api.register(staffingRoutes(deps))
      await api.register(reportingRoutes(deps))
      await api.register(privacyRoutes(deps))
      await api.register(disclosureRoutes(deps))
      await api.register(restrictionRoutes(deps))
      await api.register(processingRecordRoutes(deps))
      await api.register(importRoutes(deps))
      await api.register(integrationRoutes(deps))
    },
    { prefix: '/api' },
  )

  const servesWebApp = options.serveWeb !== false && (await registerWebApp(app))
  registerNotFoundHandler(app, servesWebApp)
  return app
}
