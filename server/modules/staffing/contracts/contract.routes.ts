import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  contractDetailSchema,
  contractInputSchema,
  contractListSchema,
  contractUpdateSchema,
} from '../../../../common/staffing.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { ifMatchVersion } from '../../../platform/http.ts'
import { registerListExport } from '../../../platform/list-export.ts'
import { problems } from '../staffing.http.ts'
import { exportContracts } from './contract.export.ts'
import { createContract, getContract, listContracts, updateContract } from './contract.service.ts'

const tags = ['Staffing: contracts']
const contractParams = z.object({ contractId: z.uuid() })
const contractListQuerySchema = z.object({ positionId: z.uuid().optional() }).strict()

/** Employment contracts on positions: share, start, end or open-ended, fixed-term reason, history. */
export const contractRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database

    app.get(
      '/contracts',
      {
        config: { access: 'contract.read' },
        schema: {
          tags,
          summary: "The district's contracts (a case manager: their own only)",
          querystring: contractListQuerySchema,
          response: { 200: contractListSchema, ...problems },
        },
      },
      (request) => listContracts(db, actorOf(request), request.query, requestContext(request)),
    )
    registerListExport(app, db, {
      path: '/contracts/export',
      access: 'contract.read',
      tags,
      summary: "The district's contracts, or one position's (a case manager: their own only)",
      querystring: contractListQuerySchema,
      stem: 'arbeitsvertraege',
      build: (request, query, format) => exportContracts(db, request, query, format),
    })
    app.post(
      '/contracts',
      {
        config: { access: 'staffing.manage' },
        schema: {
          tags,
          summary:
            "Enter a contract on a position; refused (409) when the position's FTE would be exceeded on any day",
          body: contractInputSchema,
          response: { 201: contractDetailSchema, ...problems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await createContract(db, actorOf(request), request.body, requestContext(request))),
    )
    app.get(
      '/contracts/:contractId',
      {
        config: { access: 'contract.read' },
        schema: {
          tags,
          summary: 'A contract with the history of its changes',
          params: contractParams,
          response: { 200: contractDetailSchema, ...problems },
        },
      },
      (request) => getContract(db, actorOf(request), request.params.contractId, requestContext(request)),
    )
    app.put(
      '/contracts/:contractId',
      {
        config: { access: 'staffing.manage' },
        schema: {
          tags,
          summary: 'Change or extend a contract, or record a planned departure; If-Match with the version',
          params: contractParams,
          body: contractUpdateSchema,
          response: { 200: contractDetailSchema, ...problems },
        },
      },
      (request) =>
        updateContract(
          db,
          actorOf(request),
          request.params.contractId,
          ifMatchVersion(request),
          request.body,
          requestContext(request),
        ),
    )
  }
