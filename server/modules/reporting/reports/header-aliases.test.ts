import { describe, expect, it } from 'vitest'
import { reportInputSchema } from '../../../../common/report.ts'
import { normaliseReportBody } from './header-aliases.ts'

describe('report header as callers send it', () => {
  const evaluationId = '00000000-0000-4000-8000-000000000001'
  const expected = {
    evaluationId,
    header: {
      vorlageNumber: 'V/1',
      committee: 'Sozialausschuss',
      sessionDate: '2026-05-20',
      aktenzeichen: '50.1',
    },
  }

  it('takes the header nested, flat, or with German names', () => {
    for (const body of [
      expected,
      {
        evaluationId,
        vorlageNumber: 'V/1',
        committee: 'Sozialausschuss',
        sessionDate: '2026-05-20',
        aktenzeichen: '50.1',
      },
      {
        evaluationId,
        header: { vorlage: 'V/1', ausschuss: 'Sozialausschuss', sitzungsdatum: '2026-05-20', az: '50.1' },
      },
      {
        evaluationId,
        vorlageNr: 'V/1',
        gremium: 'Sozialausschuss',
        meetingDate: '2026-05-20',
        fileReference: '50.1',
      },
    ]) {
      // Without a language the report is German.
      expect(reportInputSchema.parse(normaliseReportBody(body))).toEqual({ ...expected, language: 'de' })
    }
  })

  it('leaves what it cannot read for the schema to refuse', () => {
    expect(
      reportInputSchema.safeParse(normaliseReportBody({ evaluationId, header: 'Sozialausschuss' })).success,
    ).toBe(false)
    expect(reportInputSchema.safeParse(normaliseReportBody({ evaluationId })).success).toBe(false)
    expect(normaliseReportBody([1, 2])).toEqual([1, 2])
  })
})
