import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { reportingSettingsSchema } from '../../../../common/reporting.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { problems } from '../reporting.http.ts'
import { getReportingSettings, putReportingSettings } from './settings.service.ts'

/** The district's suppression thresholds. */
export const reportingSettingsRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database
    app.get(
      '/reporting-settings',
      {
        config: { access: 'reporting-settings.manage' },
        schema: {
          tags: ['Reporting'],
          summary: "The district's thresholds for small numbers",
          response: { 200: reportingSettingsSchema, ...problems },
        },
      },
      (request) => getReportingSettings(db, actorOf(request)),
    )
    app.put(
      '/reporting-settings',
      {
        config: { access: 'reporting-settings.manage' },
        schema: {
          tags: ['Reporting'],
          summary: "Change the district's thresholds (never below 3; the special one never below the other)",
          body: reportingSettingsSchema,
          response: { 200: reportingSettingsSchema, ...problems },
        },
      },
      (request) => putReportingSettings(db, actorOf(request), request.body, requestContext(request)),
    )
  }
