import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  directoryListSchema,
  directoryQuerySchema,
  partnerProfileInputSchema,
  partnerProfileSchema,
} from '../../../../common/network.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { ifMatchVersion } from '../../../platform/http.ts'
import { registerListExport } from '../../../platform/list-export.ts'
import { problems } from '../network.http.ts'
import { exportDirectory } from './directory.export.ts'
import { getProfile, listDirectory, updateProfile } from './directory.service.ts'

const tags = ['Network: partner directory']
const organisationParams = z.object({ organisationId: z.uuid() })

/** The partner directory: every organisation of the district with address, hours and contact persons. */
export const directoryRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.get(
      '/directory',
      {
        config: { access: 'network.read' },
        schema: {
          tags,
          summary: 'Partner organisations of my district, searched and filtered',
          querystring: directoryQuerySchema,
          response: { 200: directoryListSchema, ...problems },
        },
      },
      (request) => listDirectory(db, actorOf(request), request.query),
    )
    registerListExport(app, db, {
      path: '/directory/export',
      access: 'network.read',
      tags,
      summary: 'Partner organisations of my district, as searched and filtered',
      querystring: directoryQuerySchema,
      stem: 'partnerverzeichnis',
      build: (request, query, format) => exportDirectory(db, request, query, format),
    })
    app.get(
      '/directory/:organisationId',
      {
        config: { access: 'network.read' },
        schema: {
          tags,
          summary: "An organisation's directory entry with its contact persons",
          params: organisationParams,
          response: { 200: partnerProfileSchema, ...problems },
        },
      },
      (request) => getProfile(db, actorOf(request), request.params.organisationId),
    )
    app.put(
      '/directory/:organisationId',
      {
        config: { access: 'directory.edit' },
        schema: {
          tags,
          summary:
            'Set the directory entry and contact persons; If-Match with the version ("0" the first time)',
          params: organisationParams,
          body: partnerProfileInputSchema,
          response: { 200: partnerProfileSchema, ...problems },
        },
      },
      (request) =>
        updateProfile(
          db,
          actorOf(request),
          request.params.organisationId,
          ifMatchVersion(request),
          request.body,
          requestContext(request),
        ),
    )
  }
