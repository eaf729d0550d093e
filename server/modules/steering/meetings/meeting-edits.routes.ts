import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  actionItemInputSchema,
  agendaItemInputSchema,
  agendaOrderInputSchema,
  decisionInputSchema,
  meetingDetailSchema,
} from '../../../../common/steering.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { problems } from '../steering.http.ts'
import {
  editActionItem,
  editAgendaItem,
  editDecision,
  removeActionItem,
  removeAgendaItem,
  removeDecision,
  reorderAgenda,
} from './meeting-edits.service.ts'

const tags = ['Steering: meetings']
const meetingParams = z.object({ meetingId: z.uuid() })
const agendaItemParams = meetingParams.extend({ agendaItemId: z.uuid() })
const decisionParams = meetingParams.extend({ decisionId: z.uuid() })
const actionItemParams = meetingParams.extend({ actionItemId: z.uuid() })
const beforeApproval = 'while the minutes are open; 409 minutes-approved once they are approved'

/** Corrections to agenda items, decisions and action items before the minutes are approved. */
export const meetingEditRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database
    const detail = { 200: meetingDetailSchema, ...problems }
    const manage = { access: 'steering.manage' as const }

    app.put(
      '/meetings/:meetingId/agenda-items/:agendaItemId',
      {
        config: manage,
        schema: {
          tags,
          summary: `Change an agenda item (TOP) ${beforeApproval}`,
          params: agendaItemParams,
          body: agendaItemInputSchema,
          response: detail,
        },
      },
      (request) =>
        editAgendaItem(
          db,
          actorOf(request),
          request.params.meetingId,
          request.params.agendaItemId,
          request.body,
          requestContext(request),
        ),
    )
    app.delete(
      '/meetings/:meetingId/agenda-items/:agendaItemId',
      {
        config: manage,
        schema: {
          tags,
          summary: `Remove an agenda item with its documents ${beforeApproval}; not while a decision names it`,
          params: agendaItemParams,
          response: detail,
        },
      },
      (request) =>
        removeAgendaItem(
          db,
          actorOf(request),
          request.params.meetingId,
          request.params.agendaItemId,
          requestContext(request),
        ),
    )
    app.put(
      '/meetings/:meetingId/agenda-order',
      {
        config: manage,
        schema: {
          tags,
          summary: `Put the agenda in a new order (every item once) ${beforeApproval}`,
          params: meetingParams,
          body: agendaOrderInputSchema,
          response: detail,
        },
      },
      (request) =>
        reorderAgenda(db, actorOf(request), request.params.meetingId, request.body, requestContext(request)),
    )
    app.put(
      '/meetings/:meetingId/decisions/:decisionId',
      {
        config: manage,
        schema: {
          tags,
          summary: `Correct a decision (the number stays if left out) ${beforeApproval}`,
          params: decisionParams,
          body: decisionInputSchema,
          response: detail,
        },
      },
      (request) =>
        editDecision(
          db,
          actorOf(request),
          request.params.meetingId,
          request.params.decisionId,
          request.body,
          requestContext(request),
        ),
    )
    app.delete(
      '/meetings/:meetingId/decisions/:decisionId',
      {
        config: manage,
        schema: {
          tags,
          summary: `Remove a decision (its action items stay) ${beforeApproval}`,
          params: decisionParams,
          response: detail,
        },
      },
      (request) =>
        removeDecision(
          db,
          actorOf(request),
          request.params.meetingId,
          request.params.decisionId,
          requestContext(request),
        ),
    )
    app.put(
      '/meetings/:meetingId/action-items/:actionItemId',
      {
        config: manage,
        schema: {
          tags,
          summary: `Correct an action item; its task follows ${beforeApproval}`,
          params: actionItemParams,
          body: actionItemInputSchema,
          response: detail,
        },
      },
      (request) =>
        editActionItem(
          db,
          actorOf(request),
          request.params.meetingId,
          request.params.actionItemId,
          request.body,
          requestContext(request),
        ),
    )
    app.delete(
      '/meetings/:meetingId/action-items/:actionItemId',
      {
        config: manage,
        schema: {
          tags,
          summary: `Remove an action item and its task ${beforeApproval}`,
          params: actionItemParams,
          response: detail,
        },
      },
      (request) =>
        removeActionItem(
          db,
          actorOf(request),
          request.params.meetingId,
          request.params.actionItemId,
          requestContext(request),
        ),
    )
  }
