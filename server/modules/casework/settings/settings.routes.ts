import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { caseWorkSettingsSchema } from '../../../../common/casework.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { problems, tags } from '../casework.http.ts'
import { getCaseWorkSettings, putCaseWorkSettings } from './settings.service.ts'

/** The district's case-work settings. */
export const settingsRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.get(
      '/case-work-settings',
      {
        config: { access: 'casework-settings.manage' },
        schema: {
          tags,
          summary: "The district's case-work settings",
          response: { 200: caseWorkSettingsSchema, ...problems },
        },
      },
      (request) => getCaseWorkSettings(db, actorOf(request)),
    )
    app.put(
      '/case-work-settings',
      {
        config: { access: 'casework-settings.manage' },
        schema: {
          tags,
          summary: "Change the district's case-work settings",
          body: caseWorkSettingsSchema,
          response: { 200: caseWorkSettingsSchema, ...problems },
        },
      },
      (request) => putCaseWorkSettings(db, actorOf(request), request.body, requestContext(request)),
    )
  }
