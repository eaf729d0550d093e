import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  adoptionInputSchema,
  compareQuerySchema,
  conceptComparisonSchema,
  conceptOverviewSchema,
  conceptVersionDetailSchema,
  consultationInputSchema,
  gridInputSchema,
  interfaceInputSchema,
  sectionInputSchema,
  sectionUpdateSchema,
  versionInputSchema,
  versionUpdateSchema,
} from '../../../../common/concept.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { AppDeps } from '../../../platform/deps.ts'
import { ifMatchVersion } from '../../../platform/http.ts'
import { problems } from '../steering.http.ts'
import {
  addConsultation,
  addInterface,
  addSection,
  adoptVersion,
  changeInterface,
  conceptOverview,
  getVersion,
  removeInterface,
  removeSection,
  saveGrid,
  startDraft,
  updateSection,
  updateVersion,
  versionForExport,
} from './concept.service.ts'
import { compareVersions } from './concept-compare.ts'
import { conceptDocx } from './export/concept-docx.ts'
import { conceptPdf } from './export/concept-pdf.ts'
import { conceptDocument, conceptLanguages } from './export/concept-texts.ts'

const tags = ['Steering: integration concept']
const versionParams = z.object({ versionId: z.uuid() })
const sectionParams = versionParams.extend({ sectionId: z.uuid() })
const interfaceParams = versionParams.extend({ interfaceId: z.uuid() })
const exportQuery = z.object({
  language: z
    .enum(conceptLanguages)
    .default('de')
    .describe('Language of the headings; the content stays as written'),
})

/**
 * The integration concept: versions (one draft, adopted ones frozen), sections, the grid of
 * domains × actors, the interfaces, the consultations, the comparison of two versions, exports.
 */
export const conceptRoutes =
  (deps: AppDeps): FastifyPluginAsync =>
  async (instance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>()
    const { db } = deps.database
    const detail = { 200: conceptVersionDetailSchema, ...problems }
    const created = { 201: conceptVersionDetailSchema, ...problems }

    app.get(
      '/concept',
      {
        config: { access: 'steering.read' },
        schema: {
          tags,
          summary: "The district's concept: its versions, newest first, and every consultation",
          response: { 200: conceptOverviewSchema, ...problems },
        },
      },
      (request) => conceptOverview(db, actorOf(request)),
    )
    app.get(
      '/concept/versions',
      {
        config: { access: 'steering.read' },
        schema: {
          tags,
          summary: "The concept's versions, newest first",
          response: { 200: z.object({ items: conceptOverviewSchema.shape.versions }), ...problems },
        },
      },
      async (request) => ({ items: (await conceptOverview(db, actorOf(request))).versions }),
    )
    app.post(
      '/concept/versions',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary: 'Start the next draft as a copy of the latest version (one draft at a time)',
          body: versionInputSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply.code(201).send(await startDraft(db, actorOf(request), request.body, requestContext(request))),
    )
    app.get(
      '/concept/versions/:versionId',
      {
        config: { access: 'steering.read' },
        schema: {
          tags,
          summary: 'A version with its sections, grid, interfaces and consultations',
          params: versionParams,
          response: detail,
        },
      },
      (request) => getVersion(db, actorOf(request), request.params.versionId),
    )
    app.put(
      '/concept/versions/:versionId',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary: "Rename the draft; If-Match with the version's version",
          params: versionParams,
          body: versionUpdateSchema,
          response: detail,
        },
      },
      (request) =>
        updateVersion(
          db,
          actorOf(request),
          request.params.versionId,
          ifMatchVersion(request),
          request.body,
          requestContext(request),
        ),
    )
    app.post(
      '/concept/versions/:versionId/adoption',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary: 'Record that the draft was adopted; it is frozen afterwards. If-Match with the version',
          params: versionParams,
          body: adoptionInputSchema,
          response: detail,
        },
      },
      (request) =>
        adoptVersion(
          db,
          actorOf(request),
          request.params.versionId,
          ifMatchVersion(request),
          request.body,
          requestContext(request),
        ),
    )
    app.post(
      '/concept/versions/:versionId/sections',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary: 'Add a free section to the draft',
          params: versionParams,
          body: sectionInputSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await addSection(
              db,
              actorOf(request),
              request.params.versionId,
              request.body,
              requestContext(request),
            ),
          ),
    )
    app.put(
      '/concept/versions/:versionId/sections/:sectionId',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary: "Write a section of the draft; If-Match with the section's version",
          params: sectionParams,
          body: sectionUpdateSchema,
          response: detail,
        },
      },
      (request) =>
        updateSection(
          db,
          actorOf(request),
          request.params.versionId,
          request.params.sectionId,
          ifMatchVersion(request),
          request.body,
          requestContext(request),
        ),
    )
    app.delete(
      '/concept/versions/:versionId/sections/:sectionId',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary: 'Remove a free section of the draft (domain sections stay)',
          params: sectionParams,
          response: detail,
        },
      },
      (request) =>
        removeSection(
          db,
          actorOf(request),
          request.params.versionId,
          request.params.sectionId,
          requestContext(request),
        ),
    )
    app.put(
      '/concept/versions/:versionId/grid',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary: "Replace the draft's grid of domains × actors (a cell once; `none` clears it)",
          params: versionParams,
          body: gridInputSchema,
          response: detail,
        },
      },
      (request) =>
        saveGrid(db, actorOf(request), request.params.versionId, request.body, requestContext(request)),
    )
    app.post(
      '/concept/versions/:versionId/interfaces',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary: 'Add an interface between two organisations of the district to the draft',
          params: versionParams,
          body: interfaceInputSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await addInterface(
              db,
              actorOf(request),
              request.params.versionId,
              request.body,
              requestContext(request),
            ),
          ),
    )
    app.put(
      '/concept/versions/:versionId/interfaces/:interfaceId',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary: 'Change an interface of the draft',
          params: interfaceParams,
          body: interfaceInputSchema,
          response: detail,
        },
      },
      (request) =>
        changeInterface(
          db,
          actorOf(request),
          request.params.versionId,
          request.params.interfaceId,
          request.body,
          requestContext(request),
        ),
    )
    app.delete(
      '/concept/versions/:versionId/interfaces/:interfaceId',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary: 'Remove an interface from the draft',
          params: interfaceParams,
          response: detail,
        },
      },
      (request) =>
        removeInterface(
          db,
          actorOf(request),
          request.params.versionId,
          request.params.interfaceId,
          requestContext(request),
        ),
    )
    app.post(
      '/concept/versions/:versionId/consultations',
      {
        config: { access: 'steering.manage' },
        schema: {
          tags,
          summary:
            'Record that the version was presented to a body, on a day that has come, with its feedback',
          params: versionParams,
          body: consultationInputSchema,
          response: created,
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await addConsultation(
              db,
              actorOf(request),
              request.params.versionId,
              request.body,
              requestContext(request),
            ),
          ),
    )
    app.get(
      '/concept/compare',
      {
        config: { access: 'steering.read' },
        schema: {
          tags,
          summary: 'Two versions side by side: sections line by line, grid cells and interfaces that changed',
          querystring: compareQuerySchema,
          response: { 200: conceptComparisonSchema, ...problems },
        },
      },
      (request) => compareVersions(db, actorOf(request), request.query.from, request.query.to),
    )
    app.get(
      '/concept/versions/:versionId/document.docx',
      {
        config: { access: 'steering.read' },
        schema: {
          tags,
          summary: 'The version as a Word document',
          params: versionParams,
          querystring: exportQuery,
          response: { 200: z.any(), ...problems },
        },
      },
      async (request, reply) => {
        const { version, districtName, basedOnNumber } = await versionForExport(
          db,
          actorOf(request),
          request.params.versionId,
        )
        const content = await conceptDocx(
          conceptDocument(version, districtName, basedOnNumber, request.query.language),
        )
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
          .header(
            'content-disposition',
            `attachment; filename="integrationskonzept-fassung-${version.number}.docx"`,
          )
          .send(content)
      },
    )
    app.get(
      '/concept/versions/:versionId/document.pdf',
      {
        config: { access: 'steering.read' },
        schema: {
          tags,
          summary: 'The version as a PDF',
          params: versionParams,
          querystring: exportQuery,
          response: { 200: z.any(), ...problems },
        },
      },
      async (request, reply) => {
        const { version, districtName, basedOnNumber } = await versionForExport(
          db,
          actorOf(request),
          request.params.versionId,
        )
        const content = await conceptPdf(
          conceptDocument(version, districtName, basedOnNumber, request.query.language),
        )
        return reply
          .header('content-type', 'application/pdf')
          .header(
            'content-disposition',
            `inline; filename="integrationskonzept-fassung-${version.number}.pdf"`,
          )
          .send(Buffer.from(content))
      },
    )
  }
