import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  organisationInputSchema,
  organisationSchema,
  teamInputSchema,
  teamSchema,
} from '../../../common/identity.ts'
import { actorOf, requestContext } from '../../platform/access.ts'
import type { AppDeps } from '../../platform/deps.ts'
import { ifMatchVersion } from '../../platform/http.ts'
import { registerListExport } from '../../platform/list-export.ts'
import { problems, tags } from './identity.http.ts'
import { exportOrganisations, exportTeams } from './organisation.export.ts'
import {
  createOrganisation,
  createTeam,
  listOrganisations,
  listTeams,
  renameTeam,
  updateOrganisation,
} from './organisation.service.ts'

/** Teams and partner organisations. */
export const organisationRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    const teamParams = z.object({ teamId: z.uuid() })
    const organisationParams = z.object({ organisationId: z.uuid() })

    app.get(
      '/teams',
      {
        config: { access: 'organisation.read' },
        schema: {
          tags,
          summary: 'Teams of my district',
          response: { 200: z.array(teamSchema), ...problems },
        },
      },
      (request) => listTeams(db, actorOf(request)),
    )
    app.get(
      '/organisations',
      {
        config: { access: 'organisation.read' },
        schema: {
          tags,
          summary: 'Partner organisations of my district',
          response: { 200: z.array(organisationSchema), ...problems },
        },
      },
      (request) => listOrganisations(db, actorOf(request)),
    )
    registerListExport(app, db, {
      path: '/teams/export',
      access: 'organisation.read',
      tags,
      summary: 'Teams of my district as listed',
      stem: 'teams',
      build: (request, _query, format) => exportTeams(db, request, format),
    })
    registerListExport(app, db, {
      path: '/organisations/export',
      access: 'organisation.read',
      tags,
      summary: 'Partner organisations of my district as listed',
      stem: 'organisationen',
      build: (request, _query, format) => exportOrganisations(db, request, format),
    })
    app.post(
      '/teams',
      {
        config: { access: 'organisation.manage' },
        schema: {
          tags,
          summary: 'Create a team',
          body: teamInputSchema,
          response: { 201: teamSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await createTeam(db, actorOf(request), request.body.name, requestContext(request))),
    )
    app.patch(
      '/teams/:teamId',
      {
        config: { access: 'organisation.manage' },
        schema: {
          tags,
          summary: 'Rename a team; needs If-Match with the version',
          params: teamParams,
          body: teamInputSchema,
          response: { 200: teamSchema, ...problems },
        },
      },
      (request) =>
        renameTeam(
          db,
          actorOf(request),
          request.params.teamId,
          ifMatchVersion(request),
          request.body.name,
          requestContext(request),
        ),
    )
    app.post(
      '/organisations',
      {
        config: { access: 'organisation.manage' },
        schema: {
          tags,
          summary: 'Create a partner organisation',
          body: organisationInputSchema,
          response: { 201: organisationSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await createOrganisation(db, actorOf(request), request.body, requestContext(request))),
    )
    app.put(
      '/organisations/:organisationId',
      {
        config: { access: 'organisation.manage' },
        schema: {
          tags,
          summary: 'Change a partner organisation; needs If-Match with the version',
          params: organisationParams,
          body: organisationInputSchema,
          response: { 200: organisationSchema, ...problems },
        },
      },
      (request) =>
        updateOrganisation(
          db,
          actorOf(request),
          request.params.organisationId,
          ifMatchVersion(request),
          request.body,
          requestContext(request),
        ),
    )
  }
