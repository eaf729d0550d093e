import { z } from 'zod'
import { multiLineText, singleLineText } from './text.ts'

const line = (max = 300) => singleLineText().trim().min(1).max(max)
const lines = (max = 60) => z.array(line()).max(max)

/** One processing activity of the record (Art. 30 (1) GDPR). */
export const processingActivitySchema = z
  .object({
    name: line(200),
    purposes: multiLineText().trim().min(1).max(4000),
    legalBasis: multiLineText().trim().min(1).max(2000),
    personCategories: lines(),
    dataCategories: lines(),
    recipients: lines(),
    thirdCountryTransfers: multiLineText().trim().max(2000),
    deletionPeriods: multiLineText().trim().max(2000),
  })
  .strict()

/** The record of processing activities, as the data protection officer keeps it. */
export const processingRecordContentSchema = z
  .object({
    controller: z
      .object({
        name: line(200),
        address: multiLineText().trim().max(1000),
        representative: singleLineText().trim().max(200),
        dataProtectionOfficer: multiLineText().trim().max(1000),
      })
      .strict(),
    activities: z.array(processingActivitySchema).min(1).max(50),
    technicalMeasures: lines(80),
  })
  .strict()
  .meta({ id: 'ProcessingRecordContent' })
export type ProcessingRecordContent = z.infer<typeof processingRecordContentSchema>

/** A deletion period as the retention rules (or their documented defaults) state it. */
export const deletionPeriodSchema = z.object({ record: z.string(), start: z.string(), period: z.string() })
export type DeletionPeriod = z.infer<typeof deletionPeriodSchema>

export const processingRecordVersionSchema = z
  .object({
    number: z.number().int(),
    savedBy: z.string().nullable(),
    savedAt: z.string(),
    note: z.string(),
    content: processingRecordContentSchema,
    deletionPeriods: z.array(deletionPeriodSchema),
  })
  .meta({ id: 'ProcessingRecordVersion' })
export type ProcessingRecordVersion = z.infer<typeof processingRecordVersionSchema>

export const processingRecordVersionSummarySchema = z
  .object({ number: z.number().int(), savedBy: z.string().nullable(), savedAt: z.string(), note: z.string() })
  .meta({ id: 'ProcessingRecordVersionSummary' })

/** A new version: the whole content, based on the version the editor saw (a stale base is refused). */
export const processingRecordSaveSchema = z
  .object({
    basedOn: z.number().int().min(1),
    note: multiLineText().trim().max(2000).default(''),
    content: processingRecordContentSchema,
  })
  .strict()
  .meta({ id: 'ProcessingRecordSave' })
export type ProcessingRecordSave = z.input<typeof processingRecordSaveSchema>
