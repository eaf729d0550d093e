import { z } from 'zod'

/**
 * The committee report (issue 13, item 5): a district's templates (ordered text blocks with
 * placeholders and generated tables and charts) and the reports made from a frozen evaluation.
 */

export const templateKinds = ['mitteilungsvorlage', 'sachstandsbericht'] as const
export type TemplateKind = (typeof templateKinds)[number]

/** The tables and charts a template may place; each is computed from the frozen evaluation only. */
export const generatedBlockKinds = [
  'key-figures',
  'contacts-by-month',
  'contacts-by-municipality',
  'contacts-by-domain',
  'staffing',
  'contracts-ending',
  'steering',
  'goals',
] as const
export type GeneratedBlockKind = (typeof generatedBlockKinds)[number]

/** Every placeholder a text block may use, written `{{name}}`; anything else is refused. */
export const placeholderNames = [
  'zeitraum',
  'von',
  'bis',
  'vorperiode',
  'beratungskontakte',
  'beratungskontakte_vorperiode',
  'veraenderung',
  'personen',
  'kurzberatungen',
  'neue_faelle',
  'abgeschlossene_faelle',
  'aktive_faelle',
  'verweisungen',
  'schwelle',
  'gremium',
  'sitzungsdatum',
  'vorlage',
  'aktenzeichen',
] as const
export type PlaceholderName = (typeof placeholderNames)[number]

export const reportErrorCodes = {
  unknownPlaceholder: 'unknown-placeholder',
  evaluationInUse: 'evaluation-in-use',
  evaluationNotFound: 'evaluation-not-found',
  templateNotFound: 'template-not-found',
  reportNotReady: 'report-not-ready',
  templateNameTaken: 'template-name-taken',
} as const

/** The names between `{{` and `}}` in a text, in order of appearance, each once. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].map((match) => match[1] as string))]
}

const blockId = z.string().regex(/^[a-z0-9-]{1,40}$/)
const heading = z.string().trim().max(200)

/** A text with placeholders; the service refuses any placeholder not in `placeholderNames`, naming it. */
const textWithPlaceholders = z.string().max(20_000)

/** Every placeholder of the title, the headings and the texts that does not exist, with the field it is in. */
export function unknownPlaceholders(
  title: string,
  blocks: readonly { heading: string; text?: string }[],
): { field: string; placeholder: string }[] {
  const known = (name: string) => (placeholderNames as readonly string[]).includes(name)
  const found = placeholdersIn(title)
    .filter((name) => !known(name))
    .map((placeholder) => ({ field: 'title', placeholder }))
  blocks.forEach((block, index) => {
    for (const key of ['heading', 'text'] as const) {
      for (const name of placeholdersIn(block[key] ?? '')) {
        if (!known(name)) found.push({ field: `blocks.${index}.${key}`, placeholder: name })
      }
    }
  })
  return found
}

export const textBlockSchema = z.object({
  type: z.literal('text'),
  id: blockId,
  heading,
  text: textWithPlaceholders,
})
export const generatedBlockSchema = z.object({
  type: z.literal('generated'),
  id: blockId,
  heading,
  generated: z.enum(generatedBlockKinds),
})
export const reportBlockSchema = z
  .discriminatedUnion('type', [textBlockSchema, generatedBlockSchema])
  .meta({ id: 'ReportBlock' })
export type ReportBlock = z.infer<typeof reportBlockSchema>
export type TextBlock = z.infer<typeof textBlockSchema>

const blocksSchema = z
  .array(reportBlockSchema)
  .min(1)
  .max(40)
  .refine((blocks) => new Set(blocks.map((block) => block.id)).size === blocks.length, {
    message: 'duplicate-block-id',
  })

export const reportTemplateInputSchema = z.object({
  name: z.string().trim().min(1).max(120),
  kind: z.enum(templateKinds),
  title: z.string().trim().min(1).max(200).describe('The document title; placeholders allowed'),
  blocks: blocksSchema,
})
export type ReportTemplateInput = z.infer<typeof reportTemplateInputSchema>

export const reportTemplateSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(templateKinds),
    title: z.string(),
    blocks: z.array(reportBlockSchema),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ReportTemplate' })
export type ReportTemplate = z.infer<typeof reportTemplateSchema>

export const reportTemplateListSchema = z.array(reportTemplateSchema).meta({ id: 'ReportTemplateList' })

/** The header of a Vorlage as the council's document system numbers it. */
export const reportHeaderSchema = z
  .object({
    vorlageNumber: z.string().trim().max(60).default(''),
    committee: z.string().trim().min(1).max(200),
    sessionDate: z.iso.date(),
    aktenzeichen: z.string().trim().max(100).default(''),
  })
  .meta({ id: 'ReportHeader' })
export type ReportHeader = z.infer<typeof reportHeaderSchema>

/** The languages a committee report can be written in: its fixed texts, headings, formats. */
export const reportLanguages = ['de', 'en'] as const
export type ReportLanguage = (typeof reportLanguages)[number]

export const reportInputSchema = z.object({
  evaluationId: z.uuid(),
  templateId: z.uuid().optional().describe("Default: the district's Mitteilungsvorlage"),
  header: reportHeaderSchema,
  language: z
    .enum(reportLanguages)
    .default('de')
    .describe("The document's language (fixed texts, table headings, chart labels, number and date formats)"),
})
export type ReportInput = z.input<typeof reportInputSchema>

/** The coordinator's edit of the text blocks (by id); generated blocks stay as the template placed them. */
export const reportTextsInputSchema = z.object({
  title: z.string().trim().min(1).max(200),
  blocks: z.array(z.object({ id: blockId, heading, text: textWithPlaceholders })).max(40),
})
export type ReportTextsInput = z.infer<typeof reportTextsInputSchema>

export const generationSteps = ['queued', 'figures', 'charts', 'docx', 'pdf', 'stored'] as const
export type GenerationStep = (typeof generationSteps)[number]

export const reportStatuses = ['generating', 'ready', 'failed'] as const
export type ReportStatus = (typeof reportStatuses)[number]

export const reportSummarySchema = z
  .object({
    id: z.uuid(),
    title: z.string().describe('As stored, with its placeholders'),
    documentTitle: z.string().describe('The title as the document shows it, placeholders filled'),
    kind: z.enum(templateKinds),
    evaluationId: z.uuid(),
    evaluationName: z.string(),
    header: reportHeaderSchema,
    language: z.enum(reportLanguages),
    status: z.enum(reportStatuses),
    step: z.enum(generationSteps),
    createdAt: z.string(),
    generatedAt: z.string().nullable(),
  })
  .meta({ id: 'ReportSummary' })
export type ReportSummary = z.infer<typeof reportSummarySchema>

export const reportSchema = reportSummarySchema
  .extend({
    templateId: z.uuid(),
    templateName: z.string(),
    from: z.string(),
    to: z.string(),
    blocks: z.array(reportBlockSchema),
    textsChangedSinceFiles: z
      .boolean()
      .describe('The texts were edited after the files were made; generate again to include the edit'),
    version: z.number().int(),
  })
  .meta({ id: 'Report' })
export type Report = z.infer<typeof reportSchema>

export const reportListSchema = z.array(reportSummarySchema).meta({ id: 'ReportList' })
