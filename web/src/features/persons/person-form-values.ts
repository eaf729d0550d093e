import type { legalSpheres, Person, PersonWrite } from '../../../../common/casework.ts'
import {
  formatPartialDateDe,
  parsePartialDate,
  partialDateDeToIso,
  partialDateIssue,
} from '../../../../common/partial-date.ts'

type LegalSphere = (typeof legalSpheres)[number]

/** What the person form edits: the record as typed, e.g. the birth date in German notation. */
export type PersonFormValues = {
  familyName: string
  givenNames: string
  birthName: string
  otherSpellings: string[]
  nameInOriginalScript: string
  birthDateText: string
  sex: PersonWrite['sex'] | null
  nationalities: string[]
  languages: { code: string; interpreterNeeded: boolean }[]
  municipalityId: string | null
  street: string
  postcode: string
  city: string
  phone: string
  email: string
  arrivalDate: string
  legalSphere: LegalSphere
}

export const emptyPersonForm = (municipalityId: string | null = null): PersonFormValues => ({
  familyName: '',
  givenNames: '',
  birthName: '',
  otherSpellings: [],
  nameInOriginalScript: '',
  birthDateText: '',
  sex: null,
  nationalities: [],
  languages: [],
  municipalityId,
  street: '',
  postcode: '',
  city: '',
  phone: '',
  email: '',
  arrivalDate: '',
  legalSphere: 'none',
})

export function personFormFrom(person: Person): PersonFormValues {
  return {
    familyName: person.familyName,
    givenNames: person.givenNames,
    birthName: person.birthName ?? '',
    otherSpellings: person.otherSpellings,
    nameInOriginalScript: person.nameInOriginalScript ?? '',
    birthDateText: formatPartialDateDe(person.birthDate),
    sex: person.sex,
    nationalities: person.nationalities,
    languages: person.languages,
    municipalityId: person.municipalityId,
    street: person.address.street,
    postcode: person.address.postcode,
    city: person.address.city,
    phone: person.phone ?? '',
    email: person.email ?? '',
    arrivalDate: person.arrivalDate ?? '',
    legalSphere: person.legalSphere,
  }
}

const isoShape = /^\d{4}(-\d{2}(-\d{2})?)?$/

/** The birth date as typed, in ISO shape (German notation or ISO itself, as autofill may put it). */
const birthDateShape = (text: string): string | null => {
  const trimmed = text.trim()
  if (!trimmed) return null
  return partialDateDeToIso(trimmed) ?? (isoShape.test(trimmed) ? trimmed : null)
}

/**
 * The birth date as ISO (`1988`, `1988-03`, `1988-03-14`): typed the German way, or already ISO
 * (as a browser's autofill might put it). Null when it cannot be read or no such day exists.
 */
export function birthDateIso(text: string): string | null {
  const iso = birthDateShape(text)
  return iso && parsePartialDate(iso) ? iso : null
}

/**
 * What is wrong with a birth date that is typed completely: the server's own check
 * (`partialDateSchema`: no such day, before 1900, in the future), as a translation key. Null while
 * it is still being typed or when it is right, so that the field does not complain mid-word.
 */
export function birthDateProblem(text: string): string | null {
  const iso = birthDateShape(text)
  const issue = iso ? partialDateIssue(iso) : null
  return issue ? `problems.${issue}` : null
}

/** The API body as the form has it: a choice not made yet is missing, for the schema to ask for. */
export type PersonWriteDraft = Omit<PersonWrite, 'birthDate' | 'sex' | 'municipalityId'> & {
  birthDate?: string
  sex?: PersonWrite['sex']
  municipalityId?: string
}

/**
 * The API body from the form, checked with the API's own schema (`personWriteSchema`) before it
 * is sent. A birth date that cannot be read goes as typed, so that the schema names the problem.
 */
export function toPersonWrite(values: PersonFormValues): PersonWriteDraft {
  const birthDate = values.birthDateText.trim()
  return {
    familyName: values.familyName,
    givenNames: values.givenNames,
    birthName: values.birthName.trim() || null,
    otherSpellings: values.otherSpellings.map((name) => name.trim()).filter(Boolean),
    nameInOriginalScript: values.nameInOriginalScript.trim() || null,
    birthDate: birthDate === '' ? undefined : (birthDateShape(birthDate) ?? birthDate),
    sex: values.sex ?? undefined,
    nationalities: values.nationalities,
    languages: values.languages,
    municipalityId: values.municipalityId ?? undefined,
    address: { street: values.street.trim(), postcode: values.postcode.trim(), city: values.city.trim() },
    phone: values.phone.trim() || null,
    email: values.email.trim() || null,
    arrivalDate: values.arrivalDate || null,
    legalSphere: values.legalSphere,
  }
}

/** The form's field for a problem the schema names deeper (`languages.0.code` is at `languages`). */
export const personFormField = (path: string): string =>
  path.startsWith('address.') ? path : (path.split('.')[0] ?? path)

/** The fields the person form shows, for errors the server names elsewhere. */
export const personFormFields = [
  'familyName',
  'givenNames',
  'birthName',
  'otherSpellings',
  'nameInOriginalScript',
  'birthDate',
  'sex',
  'nationalities',
  'languages',
  'municipalityId',
  'address',
  'phone',
  'email',
  'arrivalDate',
  'legalSphere',
] as const
