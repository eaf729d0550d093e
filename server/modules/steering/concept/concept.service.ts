import type { Kysely, Transaction } from 'kysely'
import type { z } from 'zod'
import type { LifeDomain } from '../../../../common/casework-values.ts'
import { lifeDomains } from '../../../../common/casework-values.ts'
import type {
  adoptionInputSchema,
  ConceptInterface,
  ConceptOverview,
  ConceptSection,
  ConceptVersion,
  ConceptVersionDetail,
  Consultation,
  consultationInputSchema,
  GridCell,
  gridInputSchema,
  InterfaceStatus,
  interfaceInputSchema,
  SectionKind,
  sectionInputSchema,
  sectionUpdateSchema,
  versionInputSchema,
  versionUpdateSchema,
} from '../../../../common/concept.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { districtTime } from '../../../platform/district-time.ts'
import { Conflict, DomainError, NotFound, PreconditionRequired } from '../../../platform/errors.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { recordAudit } from '../../audit/index.ts'
import { getDistrictName } from '../../districts/index.ts'
import { displayNames, districtOrganisations } from '../../identity/index.ts'
import { bodyFacts } from '../bodies/body.service.ts'
import { authorizeOnConceptVersion, ruleViolation } from '../steering.access.ts'
import {
  adoptVersionIfVersion,
  type ConsultationRow,
  deleteInterface,
  deleteSection,
  type InterfaceRow,
  insertConsultation,
  insertInterface,
  insertInterfaces,
  insertSection,
  insertSections,
  insertVersion,
  lockLatestVersion,
  lockVersion,
  replaceGridCells,
  type SectionRow,
  selectConsultations,
  selectDecisionBody,
  selectGridCells,
  selectInterfaces,
  selectSection,
  selectSections,
  selectVersion,
  selectVersions,
  touchVersion,
  updateInterface,
  updateSectionIfVersion,
  updateVersionTitleIfVersion,
  type VersionRow,
} from './concept.queries.ts'

/** An adopted version is frozen: what changes goes into a new draft. */
const frozen = () => new DomainError('concept-adopted', 'conflict')

const iso = (value: string | Date) => new Date(value).toISOString()
const day = (value: string | Date | null) =>
  value === null ? null : typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10)

function presentVersion(row: VersionRow, names: Map<string, string>): ConceptVersion {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    status: row.status as ConceptVersion['status'],
    basedOnId: row.based_on_id,
    adoptedOn: day(row.adopted_on),
    adoptedBodyId: row.adopted_body_id,
    adoptedBodyName: row.adopted_body_name,
    adoptedDecisionId: row.adopted_decision_id,
    adoptedDecisionNumber: row.adopted_decision_number,
    adoptedReference: row.adopted_reference,
    createdByName: names.get(row.created_by) ?? '',
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  }
}

const presentSection = (row: SectionRow): ConceptSection => ({
  id: row.id,
  key: row.section_key,
  position: row.position,
  kind: row.kind as SectionKind,
  domain: row.domain as LifeDomain | null,
  title: row.title,
  body: row.body,
  version: row.version,
})

const presentInterface = (row: InterfaceRow, organisations: Map<string, string>): ConceptInterface => ({
  id: row.id,
  key: row.interface_key,
  position: row.position,
  organisationAId: row.organisation_a_id,
  organisationAName: organisations.get(row.organisation_a_id) ?? '',
  organisationBId: row.organisation_b_id,
  organisationBName: organisations.get(row.organisation_b_id) ?? '',
  domain: row.domain as LifeDomain | null,
  process: row.process,
  problem: row.problem,
  solution: row.solution,
  status: row.status as InterfaceStatus,
})

const presentConsultation = (row: ConsultationRow, names: Map<string, string>): Consultation => ({
  id: row.id,
  versionId: row.version_id,
  versionNumber: row.version_number,
  bodyId: row.body_id,
  bodyName: row.body_name,
  heldOn: day(row.held_on) as string,
  feedback: row.feedback,
  createdByName: names.get(row.created_by) ?? '',
})

/** The district's versions, newest first, and every consultation. */
export async function conceptOverview(db: Kysely<DB>, actor: Actor): Promise<ConceptOverview> {
  authorize(actor, 'steering.read', ownDistrict(actor))
  const [versions, consultations] = await Promise.all([
    selectVersions(db, actor.districtId),
    selectConsultations(db, { districtId: actor.districtId }),
  ])
  const names = await displayNames(db, actor.districtId, [
    ...versions.map((row) => row.created_by),
    ...consultations.map((row) => row.created_by),
  ])
  return {
    versions: versions.map((row) => presentVersion(row, names)),
    consultations: consultations.map((row) => presentConsultation(row, names)),
  }
}

/** Everything of one version: sections, grid, interfaces and consultations, with names. */
export async function readVersion(
  db: Kysely<DB>,
  districtId: string,
  versionId: string,
): Promise<ConceptVersionDetail> {
  const [row, sections, cells, interfaces, consultations, organisations] = await Promise.all([
    selectVersion(db, versionId),
    selectSections(db, versionId),
    selectGridCells(db, versionId),
    selectInterfaces(db, versionId),
    selectConsultations(db, { districtId, versionId }),
    districtOrganisations(db, districtId),
  ])
  if (!row) throw new NotFound()
  const names = await displayNames(db, districtId, [
    row.created_by,
    ...consultations.map((each) => each.created_by),
  ])
  const organisationNames = new Map(organisations.map((each) => [each.id, each.name]))
  return {
    ...presentVersion(row, names),
    sections: sections.map(presentSection),
    grid: {
      domains: [...lifeDomains],
      actors: organisations.map((each) => ({ id: each.id, name: each.name, kind: each.kind })),
      cells: cells.map((cell) => ({
        domain: cell.domain as LifeDomain,
        organisationId: cell.organisation_id,
        role: cell.role as GridCell['role'],
      })),
    },
    interfaces: interfaces.map((each) => presentInterface(each, organisationNames)),
    consultations: consultations.map((each) => presentConsultation(each, names)),
  }
}

export async function getVersion(db: Kysely<DB>, actor: Actor, versionId: string) {
  await authorizeOnConceptVersion(db, actor, 'steering.read', versionId)
  return readVersion(db, actor.districtId, versionId)
}

/** The sections a concept starts with: an introduction and one per life domain of case work. */
function freshSections(districtId: string, versionId: string) {
  return [
    { kind: 'intro', domain: null, title: 'Einleitung' },
    ...lifeDomains.map((domain) => ({ kind: 'domain', domain, title: '' })),
  ].map((section, index) => ({
    ...section,
    district_id: districtId,
    version_id: versionId,
    position: index + 1,
    body: '',
  }))
}

/** Copies sections, grid and interfaces of one version into another, keeping the keys. */
async function copyContent(trx: Transaction<DB>, districtId: string, fromId: string, toId: string) {
  const [sections, cells, interfaces] = await Promise.all([
    selectSections(trx, fromId),
    selectGridCells(trx, fromId),
    selectInterfaces(trx, fromId),
  ])
  await insertSections(
    trx,
    sections.map((section) => ({
      district_id: districtId,
      version_id: toId,
      section_key: section.section_key,
      position: section.position,
      kind: section.kind,
      domain: section.domain,
      title: section.title,
      body: section.body,
    })),
  )
  await replaceGridCells(trx, districtId, toId, cells)
  await insertInterfaces(
    trx,
    interfaces.map((each) => ({
      district_id: districtId,
      version_id: toId,
      interface_key: each.interface_key,
      position: each.position,
      organisation_a_id: each.organisation_a_id,
      organisation_b_id: each.organisation_b_id,
      domain: each.domain,
      process: each.process,
      problem: each.problem,
      solution: each.solution,
      status: each.status,
    })),
  )
}

/**
 * Starts the next draft as a copy of the latest version (or, for the first one, with an
 * introduction and a section per domain). One draft at a time: a second is a 409.
 */
export async function startDraft(
  db: Kysely<DB>,
  actor: Actor,
  input: z.output<typeof versionInputSchema>,
  request: RequestContext,
): Promise<ConceptVersionDetail> {
  authorize(actor, 'steering.manage', ownDistrict(actor))
  const id = await db.transaction().execute(async (trx) => {
    const { latest, draft } = await lockLatestVersion(trx, actor.districtId)
    if (draft) throw new DomainError('concept-draft-exists', 'conflict')
    const versionId = await insertVersion(trx, {
      district_id: actor.districtId,
      number: (latest?.number ?? 0) + 1,
      title: input.title ?? latest?.title ?? 'Integrationskonzept',
      status: 'draft',
      based_on_id: latest?.id ?? null,
      created_by: actor.userId,
    })
    // Another coordinator's draft was inserted at the same moment.
    if (versionId === '') throw new DomainError('concept-draft-exists', 'conflict')
    if (latest) await copyContent(trx, actor.districtId, latest.id, versionId)
    else await insertSections(trx, freshSections(actor.districtId, versionId))
    await recordAudit(trx, {
      ...request,
      action: 'concept.version-create',
      subjectType: 'concept_version',
      subjectId: versionId,
    })
    return versionId
  })
  return readVersion(db, actor.districtId, id)
}

/** Runs a change of a version's content while it is a draft; an adopted version refuses it (409). */
async function changeDraft<T>(
  db: Kysely<DB>,
  versionId: string,
  change: (trx: Transaction<DB>, locked: { version: number }) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const locked = await lockVersion(trx, versionId)
    if (!locked) throw new NotFound()
    if (locked.status !== 'draft') throw frozen()
    const result = await change(trx, locked)
    await touchVersion(trx, versionId)
    return result
  })
}

export async function updateVersion(
  db: Kysely<DB>,
  actor: Actor,
  versionId: string,
  expectedVersion: number | undefined,
  input: z.output<typeof versionUpdateSchema>,
  request: RequestContext,
): Promise<ConceptVersionDetail> {
  await authorizeOnConceptVersion(db, actor, 'steering.manage', versionId)
  if (expectedVersion === undefined) throw new PreconditionRequired()
  await changeDraft(db, versionId, async (trx) => {
    if (!(await updateVersionTitleIfVersion(trx, versionId, expectedVersion, input.title)))
      throw new Conflict()
    await recordAudit(trx, {
      ...request,
      action: 'concept.version-update',
      subjectType: 'concept_version',
      subjectId: versionId,
    })
  })
  return readVersion(db, actor.districtId, versionId)
}

/** Adopts the draft: by a body of the district (and one of its decisions), or by a reference. */
export async function adoptVersion(
  db: Kysely<DB>,
  actor: Actor,
  versionId: string,
  expectedVersion: number | undefined,
  input: z.output<typeof adoptionInputSchema>,
  request: RequestContext,
): Promise<ConceptVersionDetail> {
  await authorizeOnConceptVersion(db, actor, 'steering.manage', versionId)
  if (expectedVersion === undefined) throw new PreconditionRequired()
  const time = await districtTime(db, actor.districtId, request.now)
  if (input.adoptedOn > time.today) throw ruleViolation('date-in-future', 'adoptedOn', 'invalid')
  if (input.bodyId && !(await bodyFacts(db, actor.districtId, input.bodyId)))
    throw ruleViolation('unknown-reference', 'bodyId')
  if (input.decisionId) {
    const decisionBody = await selectDecisionBody(db, actor.districtId, input.decisionId)
    if (!decisionBody) throw ruleViolation('unknown-reference', 'decisionId')
    if (decisionBody !== input.bodyId) throw ruleViolation('adoption-decision-of-other-body', 'decisionId')
  }
  await changeDraft(db, versionId, async (trx) => {
    const adopted = await adoptVersionIfVersion(trx, versionId, expectedVersion, {
      adopted_on: input.adoptedOn,
      adopted_body_id: input.bodyId,
      adopted_decision_id: input.decisionId,
      adopted_reference: input.reference,
      adopted_by: actor.userId,
    })
    if (!adopted) throw new Conflict()
    await recordAudit(trx, {
      ...request,
      action: 'concept.version-adopt',
      subjectType: 'concept_version',
      subjectId: versionId,
    })
  })
  return readVersion(db, actor.districtId, versionId)
}

export async function addSection(
  db: Kysely<DB>,
  actor: Actor,
  versionId: string,
  input: z.output<typeof sectionInputSchema>,
  request: RequestContext,
): Promise<ConceptVersionDetail> {
  await authorizeOnConceptVersion(db, actor, 'steering.manage', versionId)
  await changeDraft(db, versionId, async (trx) => {
    const sectionId = await insertSection(trx, {
      district_id: actor.districtId,
      version_id: versionId,
      title: input.title,
      body: input.body,
    })
    await recordAudit(trx, {
      ...request,
      action: 'concept.section-add',
      subjectType: 'concept_section',
      subjectId: sectionId,
    })
  })
  return readVersion(db, actor.districtId, versionId)
}

/** Writes a section of the draft; If-Match with the section's version, so no edit is lost. */
export async function updateSection(
  db: Kysely<DB>,
  actor: Actor,
  versionId: string,
  sectionId: string,
  expectedVersion: number | undefined,
  input: z.output<typeof sectionUpdateSchema>,
  request: RequestContext,
): Promise<ConceptVersionDetail> {
  await authorizeOnConceptVersion(db, actor, 'steering.manage', versionId)
  if (expectedVersion === undefined) throw new PreconditionRequired()
  await changeDraft(db, versionId, async (trx) => {
    const section = await selectSection(trx, versionId, sectionId)
    if (!section) throw new NotFound()
    // A domain section is titled by its domain; the others need a title of their own.
    const title = section.kind === 'domain' ? '' : input.title
    if (section.kind !== 'domain' && title === '')
      throw ruleViolation('section-title-required', 'title', 'invalid')
    if (!(await updateSectionIfVersion(trx, sectionId, expectedVersion, { title, body: input.body })))
      throw new Conflict()
    await recordAudit(trx, {
      ...request,
      action: 'concept.section-update',
      subjectType: 'concept_section',
      subjectId: sectionId,
    })
  })
  return readVersion(db, actor.districtId, versionId)
}

export async function removeSection(
  db: Kysely<DB>,
  actor: Actor,
  versionId: string,
  sectionId: string,
  request: RequestContext,
): Promise<ConceptVersionDetail> {
  await authorizeOnConceptVersion(db, actor, 'steering.manage', versionId)
  await changeDraft(db, versionId, async (trx) => {
    const section = await selectSection(trx, versionId, sectionId)
    if (!section) throw new NotFound()
    if (section.kind === 'domain') throw new DomainError('concept-domain-section-kept', 'rule-broken')
    await deleteSection(trx, sectionId)
    await recordAudit(trx, {
      ...request,
      action: 'concept.section-remove',
      subjectType: 'concept_section',
      subjectId: sectionId,
    })
  })
  return readVersion(db, actor.districtId, versionId)
}

/** The district's organisation ids, to check the actors an input names. */
async function districtOrganisationIds(db: Kysely<DB>, districtId: string) {
  return new Set((await districtOrganisations(db, districtId)).map((each) => each.id))
}

/** Replaces the grid of the draft: every cell given, `none` clearing one. */
export async function saveGrid(
  db: Kysely<DB>,
  actor: Actor,
  versionId: string,
  input: z.output<typeof gridInputSchema>,
  request: RequestContext,
): Promise<ConceptVersionDetail> {
  await authorizeOnConceptVersion(db, actor, 'steering.manage', versionId)
  const known = await districtOrganisationIds(db, actor.districtId)
  input.cells.forEach((cell, index) => {
    if (!known.has(cell.organisationId))
      throw ruleViolation('unknown-reference', `cells.${index}.organisationId`)
  })
  await changeDraft(db, versionId, async (trx) => {
    await replaceGridCells(
      trx,
      actor.districtId,
      versionId,
      input.cells
        .filter((cell) => cell.role !== 'none')
        .map((cell) => ({ domain: cell.domain, organisation_id: cell.organisationId, role: cell.role })),
    )
    await recordAudit(trx, {
      ...request,
      action: 'concept.grid-save',
      subjectType: 'concept_version',
      subjectId: versionId,
    })
  })
  return readVersion(db, actor.districtId, versionId)
}

async function interfaceValues(
  db: Kysely<DB>,
  districtId: string,
  input: z.output<typeof interfaceInputSchema>,
) {
  const known = await districtOrganisationIds(db, districtId)
  if (!known.has(input.organisationAId)) throw ruleViolation('unknown-reference', 'organisationAId')
  if (!known.has(input.organisationBId)) throw ruleViolation('unknown-reference', 'organisationBId')
  return {
    organisation_a_id: input.organisationAId,
    organisation_b_id: input.organisationBId,
    domain: input.domain,
    process: input.process,
    problem: input.problem,
    solution: input.solution,
    status: input.status,
  }
}

export async function addInterface(
  db: Kysely<DB>,
  actor: Actor,
  versionId: string,
  input: z.output<typeof interfaceInputSchema>,
  request: RequestContext,
): Promise<ConceptVersionDetail> {
  await authorizeOnConceptVersion(db, actor, 'steering.manage', versionId)
  const values = await interfaceValues(db, actor.districtId, input)
  await changeDraft(db, versionId, async (trx) => {
    const interfaceId = await insertInterface(trx, {
      ...values,
      district_id: actor.districtId,
      version_id: versionId,
    })
    await recordAudit(trx, {
      ...request,
      action: 'concept.interface-add',
      subjectType: 'concept_interface',
      subjectId: interfaceId,
    })
  })
  return readVersion(db, actor.districtId, versionId)
}

export async function changeInterface(
  db: Kysely<DB>,
  actor: Actor,
  versionId: string,
  interfaceId: string,
  input: z.output<typeof interfaceInputSchema>,
  request: RequestContext,
): Promise<ConceptVersionDetail> {
  await authorizeOnConceptVersion(db, actor, 'steering.manage', versionId)
  const values = await interfaceValues(db, actor.districtId, input)
  await changeDraft(db, versionId, async (trx) => {
    if (!(await updateInterface(trx, versionId, interfaceId, values))) throw new NotFound()
    await recordAudit(trx, {
      ...request,
      action: 'concept.interface-update',
      subjectType: 'concept_interface',
      subjectId: interfaceId,
    })
  })
  return readVersion(db, actor.districtId, versionId)
}

export async function removeInterface(
  db: Kysely<DB>,
  actor: Actor,
  versionId: string,
  interfaceId: string,
  request: RequestContext,
): Promise<ConceptVersionDetail> {
  await authorizeOnConceptVersion(db, actor, 'steering.manage', versionId)
  await changeDraft(db, versionId, async (trx) => {
    if (!(await deleteInterface(trx, versionId, interfaceId))) throw new NotFound()
    await recordAudit(trx, {
      ...request,
      action: 'concept.interface-remove',
      subjectType: 'concept_interface',
      subjectId: interfaceId,
    })
  })
  return readVersion(db, actor.districtId, versionId)
}

/**
 * Records that a version was presented to a body of the district, on a day that has come, with
 * the feedback given. A consultation is a record about the version, not part of its text, so an
 * adopted version takes one too (feedback on the concept in force).
 */
export async function addConsultation(
  db: Kysely<DB>,
  actor: Actor,
  versionId: string,
  input: z.output<typeof consultationInputSchema>,
  request: RequestContext,
): Promise<ConceptVersionDetail> {
  await authorizeOnConceptVersion(db, actor, 'steering.manage', versionId)
  const time = await districtTime(db, actor.districtId, request.now)
  if (input.heldOn > time.today) throw ruleViolation('date-in-future', 'heldOn', 'invalid')
  if (!(await bodyFacts(db, actor.districtId, input.bodyId)))
    throw ruleViolation('unknown-reference', 'bodyId')
  await db.transaction().execute(async (trx) => {
    const consultationId = await insertConsultation(trx, {
      district_id: actor.districtId,
      version_id: versionId,
      body_id: input.bodyId,
      held_on: input.heldOn,
      feedback: input.feedback,
      created_by: actor.userId,
    })
    await recordAudit(trx, {
      ...request,
      action: 'concept.consultation-add',
      subjectType: 'concept_consultation',
      subjectId: consultationId,
    })
  })
  return readVersion(db, actor.districtId, versionId)
}

/** A version with what its export shows besides: the district's name and the number it updates. */
export async function versionForExport(db: Kysely<DB>, actor: Actor, versionId: string) {
  await authorizeOnConceptVersion(db, actor, 'steering.read', versionId)
  const version = await readVersion(db, actor.districtId, versionId)
  const [districtName, basedOn] = await Promise.all([
    getDistrictName(db, actor.districtId),
    version.basedOnId ? selectVersion(db, version.basedOnId) : undefined,
  ])
  return { version, districtName, basedOnNumber: basedOn?.number ?? null }
}
