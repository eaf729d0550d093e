import { createRequire } from 'node:module'
import type {
  ConsentFormLanguage,
  ConsentLegalBasis,
  ConsentPurpose,
  DataCategory,
} from '../../../../common/consent.ts'
import { rightToLeftLanguages } from '../../../../common/consent.ts'
import { DomainError, Invalid } from '../../../platform/errors.ts'
import { typstPdf } from '../../../platform/typst.ts'
import ar from './consent-form/locales/ar.json' with { type: 'json' }
import de from './consent-form/locales/de.json' with { type: 'json' }
import en from './consent-form/locales/en.json' with { type: 'json' }
import fa from './consent-form/locales/fa.json' with { type: 'json' }
import ru from './consent-form/locales/ru.json' with { type: 'json' }
import ti from './consent-form/locales/ti.json' with { type: 'json' }
import tr from './consent-form/locales/tr.json' with { type: 'json' }
import uk from './consent-form/locales/uk.json' with { type: 'json' }

/**
 * The printable consent form (Einwilligung und Schweigepflichtentbindung): German beside the
 * client's language, typeset by Typst with the fonts shipped in node_modules, so Arabic and
 * Dari/Farsi are joined and run right to left and Tigrinya shows in Ge'ez script on any server,
 * offline. The texts live in consent-form/locales; their version is printed on the form and
 * recorded on each consent, so a signed form can always be matched to its wording.
 */

/** The wording of one language; every locale file has exactly the German one's keys (a test checks). */
export type ConsentFormTexts = typeof de

export const consentFormTexts: Readonly<Record<'de' | ConsentFormLanguage, ConsentFormTexts>> = {
  de,
  ar,
  fa,
  uk,
  ru,
  tr,
  en,
  ti,
}

/** The version of the wording this code prints; a consent records it when it is taken. */
export const consentFormTextVersion: string = de.version

export type ConsentFormInput = {
  districtName: string
  person: {
    familyName: string
    givenNames: string
    /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; null when unknown. */
    birthDate: string | null
  }
  recipientOrganisationNames: readonly string[]
  purposes: readonly ConsentPurpose[]
  dataCategories: readonly DataCategory[]
  legalBases: readonly ConsentLegalBasis[]
  /** `YYYY-MM-DD`; null: from the signature. */
  validFrom: string | null
  /** `YYYY-MM-DD`; null: until revoked. */
  validUntil: string | null
  /** The text version recorded on the consent; must be one this code can print. */
  textVersion: string
}

const fullDate = /^(\d{4})-(\d{2})-(\d{2})$/
const partialDate = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/

/** German numeric date, also used in the client's column: `07.12.2026`, `05.1990`, `1990`. */
function displayDate(iso: string, pattern: RegExp, field: string): string {
  const match = pattern.exec(iso)
  if (!match) throw new Invalid(`${field} is not an ISO date`, [{ field, message: 'invalid-input' }])
  const [, year, month, day] = match
  return [day, month, year].filter((part) => part !== undefined).join('.')
}

// Explicit direction controls (embeddings, overrides, isolates) in a name could flip the text
// around it; they are dropped and each value becomes an isolate of its own (FSI … PDI), so the
// Unicode bidi algorithm sets it apart from the label or sentence next to it.
const bidiControls = /[\u202a-\u202e\u2066-\u2069]/g
const isolate = (value: string) => `\u2068${value.replace(bidiControls, '')}\u2069`

type Pair = { de: string; client: string }

function pair(pick: (texts: ConsentFormTexts) => string, client: ConsentFormTexts): Pair {
  return { de: pick(de), client: pick(client) }
}

const sectionOrder = [
  'consent',
  'purposeLimitation',
  'healthData',
  'legalBasis',
  'validity',
  'voluntariness',
  'revocation',
  'rights',
  'confirmation',
] as const satisfies readonly (keyof ConsentFormTexts['sections'])[]

/** The data the Typst template lays out; every string in it is printed literally. */
export function consentFormData(input: ConsentFormInput, language: ConsentFormLanguage) {
  if (input.textVersion !== consentFormTextVersion) {
    throw new DomainError(
      'consent-form-text-version-unavailable',
      'gone',
      `text version ${input.textVersion} cannot be printed; this server has ${consentFormTextVersion}`,
    )
  }
  const lists = {
    recipientOrganisationNames: input.recipientOrganisationNames,
    purposes: input.purposes,
    dataCategories: input.dataCategories,
    legalBases: input.legalBases,
  }
  for (const [field, list] of Object.entries(lists)) {
    if (list.length === 0) throw new Invalid(`${field} is empty`, [{ field, message: 'invalid-input' }])
  }
  const client = consentFormTexts[language]
  const from = input.validFrom === null ? null : displayDate(input.validFrom, fullDate, 'validFrom')
  const until = input.validUntil === null ? null : displayDate(input.validUntil, fullDate, 'validUntil')
  const validity = (texts: ConsentFormTexts) =>
    [
      from === null ? texts.validity.fromSigning : texts.validity.fromDate.replace('{date}', isolate(from)),
      until === null
        ? texts.validity.untilRevocation
        : texts.validity.untilDate.replace('{date}', isolate(until)),
    ].join(texts.listSeparator)

  return {
    lang: language,
    rtl: rightToLeftLanguages.includes(language),
    district: isolate(input.districtName),
    version: consentFormTextVersion,
    title: pair((t) => t.title, client),
    languageName: pair((t) => t.languageName, client),
    controllerName: pair((t) => t.controllerName, client),
    controller: {
      de: `${de.controllerName}${de.listSeparator}${isolate(input.districtName)}`,
      client: `${client.controllerName}${client.listSeparator}${isolate(input.districtName)}`,
    },
    labels: Object.fromEntries(
      (Object.keys(de.labels) as (keyof ConsentFormTexts['labels'])[]).map((key) => [
        key,
        pair((t) => t.labels[key], client),
      ]),
    ),
    person: {
      familyName: isolate(input.person.familyName),
      givenNames: isolate(input.person.givenNames),
      birthDate:
        input.person.birthDate === null
          ? '–'
          : displayDate(input.person.birthDate, partialDate, 'person.birthDate'),
    },
    recipients: input.recipientOrganisationNames.map(isolate),
    purposes: input.purposes.map((purpose) => pair((t) => t.purposes[purpose], client)),
    dataCategories: input.dataCategories.map((category) => pair((t) => t.dataCategories[category], client)),
    legalBases: input.legalBases.map((basis) => pair((t) => t.legalBases[basis], client)),
    validity: { de: validity(de), client: validity(client) },
    sections: sectionOrder.map((key) => ({
      heading: pair((t) => t.sections[key].heading, client),
      text: pair((t) => t.sections[key].text, client),
    })),
    signatures: {
      heading: pair((t) => t.signatures.heading, client),
      placeDate: pair((t) => t.signatures.placeDate, client),
      client: pair((t) => t.signatures.client, client),
      interpreter: pair((t) => t.signatures.interpreter, client),
      caseManager: pair((t) => t.signatures.caseManager, client),
    },
    footer: {
      textVersion: pair((t) => t.footer.textVersion, client),
      page: pair((t) => t.footer.page, client),
    },
  }
}

const require = createRequire(import.meta.url)

/**
 * The font files embedded in every form, from npm packages (SIL Open Font License). Arabic and
 * Dari/Farsi use Vazirmatn rather than Noto Naskh/Sans Arabic: the Noto Arabic fonts draw a
 * letter as a skeleton plus separate dot glyphs, which leaves the PDF's text layer garbled
 * (letters lost or doubled when copied, searched or read aloud); Vazirmatn keeps one glyph per
 * letter, so the text reads back in logical order.
 */
export const consentFormFontFiles = [
  '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  '@expo-google-fonts/vazirmatn/400Regular/Vazirmatn_400Regular.ttf',
  '@expo-google-fonts/vazirmatn/700Bold/Vazirmatn_700Bold.ttf',
  '@expo-google-fonts/noto-sans-ethiopic/400Regular/NotoSansEthiopic_400Regular.ttf',
  '@expo-google-fonts/noto-sans-ethiopic/700Bold/NotoSansEthiopic_700Bold.ttf',
].map((file) => require.resolve(file))

const typesetConsentForm = typstPdf({
  name: 'consent form',
  template: new URL('./consent-form/consent-form.typ', import.meta.url),
  fontFiles: consentFormFontFiles,
})

/**
 * The consent form as a PDF (A4, German beside `language`). Pure: the same input gives the same
 * bytes. Compiling runs on the calling thread for about 0.1 s (the first form about 0.3 s more,
 * while the fonts are read and parsed).
 */
export async function renderConsentFormPdf(
  input: ConsentFormInput,
  language: ConsentFormLanguage,
): Promise<Uint8Array> {
  // Awaited, so an input it cannot print rejects the promise rather than throwing at the call.
  return await typesetConsentForm(consentFormData(input, language))
}
