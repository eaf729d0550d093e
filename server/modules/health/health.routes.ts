import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { healthSchema } from '../../../common/health.ts'
import { currentSchemaVersion } from '../../db/migrate.ts'
import type { AppDeps } from '../../platform/deps.ts'

export const healthRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    instance.withTypeProvider<ZodTypeProvider>().get(
      '/health',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Operations'],
          summary: 'Liveness and readiness: answers 503 while the database is unreachable',
          response: { 200: healthSchema, 503: healthSchema },
        },
      },
      async (_request, reply) => {
        const base = { database: deps.database.kind, version: deps.version }
        try {
          const schemaVersion = await currentSchemaVersion(deps.database)
          return { status: 'ok' as const, schemaVersion, ...base }
        } catch {
          return reply.code(503).send({ status: 'degraded' as const, schemaVersion: 0, ...base })
        }
      },
    )
  }
