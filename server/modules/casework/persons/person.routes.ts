import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  householdLinkSchema,
  matchRequestSchema,
  matchResultSchema,
  mergeRequestSchema,
  personSchema,
  personWriteSchema,
  residenceStatusInputSchema,
} from '../../../../common/casework.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { ifMatchVersion } from '../../../platform/http.ts'
import { problems, tags } from '../casework.http.ts'
import {
  addResidenceStatus,
  createPerson,
  linkHouseholdMember,
  matchPersons,
  mergePersons,
  readPerson,
  updatePerson,
} from './person.service.ts'

const personParams = z.object({ personId: z.uuid() })

/** Persons (Klient:innen): registration with the duplicate check, record, residence, household. */
export const personRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.post(
      '/persons/match',
      {
        config: { access: 'person.register' },
        schema: {
          tags,
          summary: 'Likely existing records of a person, across the whole district, best first',
          description:
            'For a person outside my caseload only the score and the team to ask come back, never their data.',
          body: matchRequestSchema,
          response: { 200: matchResultSchema, ...problems },
        },
      },
      (request) => matchPersons(db, actorOf(request), request.body, requestContext(request)),
    )
    app.post(
      '/persons',
      {
        config: { access: 'person.register' },
        schema: {
          tags,
          summary: 'Register a person',
          body: personWriteSchema,
          response: { 201: personSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createPerson(db, actorOf(request), request.body, requestContext(request))),
    )
    app.get(
      '/persons/:personId',
      {
        config: { access: 'person.read' },
        schema: {
          tags,
          summary: 'Read a person (audited)',
          params: personParams,
          response: { 200: personSchema, ...problems },
        },
      },
      (request) => readPerson(db, actorOf(request), request.params.personId, requestContext(request)),
    )
    app.put(
      '/persons/:personId',
      {
        config: { access: 'person.update' },
        schema: {
          tags,
          summary: 'Change a person; needs If-Match with the version',
          params: personParams,
          body: personWriteSchema,
          response: { 200: personSchema, ...problems },
        },
      },
      (request) =>
        updatePerson(
          db,
          actorOf(request),
          request.params.personId,
          ifMatchVersion(request),
          request.body,
          requestContext(request),
        ),
    )
    app.post(
      '/persons/:personId/residence-statuses',
      {
        config: { access: 'person.update' },
        schema: {
          tags,
          summary: 'Record a residence status; a reminder is set before it runs out',
          params: personParams,
          body: residenceStatusInputSchema,
          response: { 201: personSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await addResidenceStatus(
              db,
              actorOf(request),
              request.params.personId,
              request.body,
              requestContext(request),
            ),
          ),
    )
    app.post(
      '/persons/:personId/household',
      {
        config: { access: 'person.update' },
        schema: {
          tags,
          summary: 'Link a household member (both directions)',
          params: personParams,
          body: householdLinkSchema,
          response: { 200: personSchema, ...problems },
        },
      },
      (request) =>
        linkHouseholdMember(
          db,
          actorOf(request),
          request.params.personId,
          request.body,
          requestContext(request),
        ),
    )
    app.post(
      '/persons/:personId/merge',
      {
        config: { access: 'person.merge' },
        schema: {
          tags,
          summary: 'Merge a duplicate into this person: its records move here, the history stays',
          params: personParams,
          body: mergeRequestSchema,
          response: { 200: personSchema, ...problems },
        },
      },
      (request) =>
        mergePersons(db, actorOf(request), request.params.personId, request.body, requestContext(request)),
    )
  }
