import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Consent } from '../../../../common/consent.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'
import {
  auditOf,
  expectProblemCode,
  firstMunicipality,
  organisationId,
  personWithCase,
  recordConsent,
} from '../network.test-helpers.ts'
import { consentFormTexts } from './consent-form.ts'

async function textOf(pdf: Buffer): Promise<string> {
  const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise
  const parts: string[] = []
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent()
    parts.push(...content.items.filter((item): item is TextItem => 'str' in item).map((item) => item.str))
  }
  return parts.join(' ')
}

/** Every word of the phrase is on the form (line breaks and right-to-left runs split phrases apart; the renderer's own test checks the order). */
function expectWords(text: string, phrase: string, label = phrase) {
  const words = new Set(text.split(/\s+/))
  for (const word of phrase.split(/\s+/).filter((each) => each.length > 1))
    expect(words.has(word) || text.includes(word), `${label}: ${word}`).toBe(true)
}

describe.each(databaseKinds)('printing a consent form on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let caseManager: TestSession
  let consent: Consent

  beforeAll(async () => {
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    const municipality = await firstMunicipality(ctx.database, caseManager.districtId)
    const { person } = await personWithCase(caseManager, municipality, {
      familyName: 'Rahimi',
      givenNames: 'Zahra',
    })
    const jobcenter = await organisationId(ctx.database, caseManager.districtId, 'Jobcenter Rhein-Sieg')
    consent = await recordConsent(caseManager, person.id, [jobcenter], { formLanguage: 'fa' })
  })

  const print = (query: string, session = caseManager) =>
    session.request({ method: 'GET', url: `/api/consents/${consent.id}/form.pdf${query}` })

  it('prints the form in the language asked for, with the person, the recipient and the district, and audits it', async () => {
    const response = await print('?language=ar')
    expect(response.statusCode, response.body).toBe(200)
    expect(response.headers['content-type']).toBe('application/pdf')
    expect(String(response.headers['content-disposition'])).not.toContain('Rahimi')
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
    const text = await textOf(response.rawPayload)
    expect(text).toContain('Rahimi')
    expect(text).toContain('Jobcenter Rhein-Sieg')
    expect(text).toContain('Rhein-Sieg-Kreis')
    expectWords(text, consentFormTexts.de.title)
    expectWords(text, consentFormTexts.ar.labels.familyName)
    const audit = await auditOf(ctx.database, consent.id)
    expect(audit.map((entry) => [entry.action, entry.purpose])).toContainEqual([
      'consent.form-print',
      'language:ar',
    ])
  })

  it("prints in the consent's recorded language when none is asked for", async () => {
    const response = await print('')
    expect(response.statusCode, response.body).toBe(200)
    expectWords(await textOf(response.rawPayload), consentFormTexts.fa.labels.familyName)
  })

  it('prints every offered language', async () => {
    for (const language of ['uk', 'ti', 'tr', 'ru', 'en'] as const) {
      const response = await print(`?language=${language}`)
      expect(response.statusCode, `${language}: ${response.body}`).toBe(200)
      expectWords(await textOf(response.rawPayload), consentFormTexts[language].labels.familyName, language)
    }
  })

  it('refuses a language it does not offer, and hides the form from another district and from roles that may not read the person', async () => {
    expectProblemCode(await print('?language=xx'), 400)
    const otherDistrict = await loginAs(ctx.app, 'admin.lindenau')
    expectProblemCode(await print('?language=ar', otherDistrict), 404)
    const reportReader = await loginAs(ctx.app, 'bericht')
    const refused = await print('?language=ar', reportReader)
    expect([403, 404]).toContain(refused.statusCode)
  })
})
