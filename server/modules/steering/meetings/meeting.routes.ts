import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  actionItemInputSchema,
  agendaItemInputSchema,
  amendmentInputSchema,
  attendanceInputSchema,
  decisionInputSchema,
  meetingDetailSchema,
  meetingInputSchema,
  meetingListQuerySchema,
  meetingPageSchema,
  meetingUpdateSchema,
  minutesInputSchema,
} from '../../../../common/steering.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { ifMatchVersion } from '../../../platform/http.ts'
import { problems } from '../steering.http.ts'
import {
  actionItemOwners,
  addActionItem,
  addAgendaItem,
  addAmendment,
  addDecision,
  approveMinutes,
  createMeeting,
  getMeeting,
  listMeetings,
  meetingInvitation,
  minutesForExport,
  recordAttendance,
  saveMinutes,
  updateMeeting,
} from './meeting.service.ts'
import { minutesDocx } from './minutes/minutes-docx.ts'
import { minutesPdf } from './minutes/minutes-pdf.ts'
import { minutesDocument, minutesLanguages } from './minutes/minutes-texts.ts'

const tags = ['Steering: meetings']
const meetingParams = z.object({ meetingId: z.uuid() })
const exportQuery = z.object({
  language: z
    .enum(minutesLanguages)
    .default('de')
    .describe('Language of the headings; the content stays as written'),
})

/** Meetings: invitation, agenda (TOP), attendance and quorum, minutes, decisions, action items, approval. */
export const meetingRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database
    const detail = { 200: meetingDetailSchema, ...problems }
    const created = { 201: meetingDetailSchema, ...problems }

    app.get(
      '/meetings',
      {
        config: { access: 'steering.read' },
        schema: {
          tags,
          summary: "My district's meetings (of one body, or only the coming ones)",
          querystring: meetingListQuerySchema,
          response: { 200: meetingPageSchema, ...problems },
        },
      },
      (request) => listMeetings(db, actorOf(request), request.query, requestContext(request).now),
    )
    app.post(
      '/meetings',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary: "Plan a meeting of a body: day and wall-clock times in the district's time zone",
          body: meetingInputSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await createMeeting(db, actorOf(request), request.body, requestContext(request))),
    )
    app.get(
      '/meetings/:meetingId',
      {
        config: { access: 'steering.read' },
        schema: {
          tags,
          summary: 'A meeting with everything its minutes hold',
          params: meetingParams,
          response: detail,
        },
      },
      (request) => getMeeting(db, actorOf(request), request.params.meetingId),
    )
    app.put(
      '/meetings/:meetingId',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary: "Change a meeting's title, time or place (a new invitation); If-Match with the version",
          params: meetingParams,
          body: meetingUpdateSchema,
          response: detail,
        },
      },
      (request) =>
        updateMeeting(
          db,
          actorOf(request),
          request.params.meetingId,
          ifMatchVersion(request),
          request.body,
          requestContext(request),
        ),
    )
    app.post(
      '/meetings/:meetingId/agenda-items',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary: 'Add an agenda item (TOP)',
          params: meetingParams,
          body: agendaItemInputSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await addAgendaItem(
              db,
              actorOf(request),
              request.params.meetingId,
              request.body,
              requestContext(request),
            ),
          ),
    )
    app.put(
      '/meetings/:meetingId/attendance',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary: 'Record members as present, excused or absent (members of the body on that day only)',
          params: meetingParams,
          body: attendanceInputSchema,
          response: detail,
        },
      },
      (request) =>
        recordAttendance(
          db,
          actorOf(request),
          request.params.meetingId,
          request.body,
          requestContext(request),
        ),
    )
    app.put(
      '/meetings/:meetingId/minutes',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary: 'Write the minutes while they are not approved; If-Match with the version',
          params: meetingParams,
          body: minutesInputSchema,
          response: detail,
        },
      },
      (request) =>
        saveMinutes(
          db,
          actorOf(request),
          request.params.meetingId,
          ifMatchVersion(request),
          request.body.minutes,
          requestContext(request),
        ),
    )
    app.post(
      '/meetings/:meetingId/decisions',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary: 'Record a numbered decision (a number is used once per body)',
          params: meetingParams,
          body: decisionInputSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await addDecision(
              db,
              actorOf(request),
              request.params.meetingId,
              request.body,
              requestContext(request),
            ),
          ),
    )
    app.post(
      '/meetings/:meetingId/action-items',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary: 'Record an action item; it becomes a task (Wiedervorlage) of its owner',
          params: meetingParams,
          body: actionItemInputSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await addActionItem(
              db,
              actorOf(request),
              request.params.meetingId,
              request.body,
              requestContext(request),
            ),
          ),
    )
    app.post(
      '/meetings/:meetingId/approval',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary: 'Approve the minutes; they are frozen afterwards. If-Match with the version',
          params: meetingParams,
          response: detail,
        },
      },
      (request) =>
        approveMinutes(
          db,
          actorOf(request),
          request.params.meetingId,
          ifMatchVersion(request),
          requestContext(request),
        ),
    )
    app.post(
      '/meetings/:meetingId/amendments',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary: 'Add an amendment to approved minutes',
          params: meetingParams,
          body: amendmentInputSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await addAmendment(
              db,
              actorOf(request),
              request.params.meetingId,
              request.body,
              requestContext(request),
            ),
          ),
    )
    app.get(
      '/action-item-owners',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary: 'Who may own an action item: active users of my district who keep tasks',
          response: {
            200: z.object({ items: z.array(z.object({ id: z.uuid(), displayName: z.string() })) }),
            ...problems,
          },
        },
      },
      (request) => actionItemOwners(db, actorOf(request)),
    )
    app.get(
      '/meetings/:meetingId/invitation.ics',
      {
        config: { access: 'steering.read' },
        schema: {
          tags,
          summary: "The meeting's invitation as iCalendar (times in the district's time zone)",
          params: meetingParams,
          querystring: exportQuery,
          response: { 200: z.any(), ...problems },
        },
      },
      async (request, reply) => {
        const invitation = await meetingInvitation(
          db,
          actorOf(request),
          request.params.meetingId,
          requestContext(request),
          request.query.language,
        )
        return reply
          .header('content-type', 'text/calendar; charset=utf-8; method=PUBLISH')
          .header('content-disposition', `attachment; filename="${invitation.fileName}"`)
          .send(invitation.content)
      },
    )
    app.get(
      '/meetings/:meetingId/minutes.docx',
      {
        config: { access: 'steering.read' },
        schema: {
          tags,
          summary: 'The minutes as a Word document (audited: they name the attendees)',
          params: meetingParams,
          querystring: exportQuery,
          response: { 200: z.any(), ...problems },
        },
      },
      async (request, reply) => {
        const { meeting, districtName } = await minutesForExport(
          db,
          actorOf(request),
          request.params.meetingId,
          requestContext(request),
        )
        const content = await minutesDocx(minutesDocument(meeting, districtName, request.query.language))
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
          .header('content-disposition', `attachment; filename="niederschrift-${meeting.date}.docx"`)
          .send(content)
      },
    )
    app.get(
      '/meetings/:meetingId/minutes.pdf',
      {
        config: { access: 'steering.read' },
        schema: {
          tags,
          summary: 'The minutes as a PDF (audited: they name the attendees)',
          params: meetingParams,
          querystring: exportQuery,
          response: { 200: z.any(), ...problems },
        },
      },
      async (request, reply) => {
        const { meeting, districtName } = await minutesForExport(
          db,
          actorOf(request),
          request.params.meetingId,
          requestContext(request),
        )
        const content = await minutesPdf(minutesDocument(meeting, districtName, request.query.language))
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `inline; filename="niederschrift-${meeting.date}.pdf"`)
          .send(Buffer.from(content))
      },
    )
  }
