import type { legalSpheres, Person, PersonWrite } from '../../../../common/casework.ts'
import { findForbiddenNameCharacters } from '../../../../common/names.ts'
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

/** Client-side checks that spare a round trip; each names its field. Values are translation keys. */
export function checkPersonForm(values: PersonFormValues): Record<string, string> {
  const errors: Record<string, string> = {}
  if (!values.familyName.trim()) errors.familyName = 'casework.problems.name-empty'
  if (!values.givenNames.trim()) errors.givenNames = 'casework.problems.name-empty'
  for (const field of ['familyName', 'givenNames', 'birthName'] as const) {
    if (findForbiddenNameCharacters(values[field]).length > 0) {
      errors[field] = 'casework.problems.name-characters-not-allowed'
    }
  }
  if (values.otherSpellings.some((name) => findForbiddenNameCharacters(name).length > 0)) {
    errors.otherSpellings = 'casework.problems.name-characters-not-allowed'
  }
  if (!values.birthDateText.trim()) errors.birthDate = 'casework.problems.birth-date-required'
  else {
    const problem = birthDateProblem(values.birthDateText)
    if (problem) errors.birthDate = problem
    else if (!birthDateIso(values.birthDateText)) errors.birthDate = 'casework.problems.birth-date-unreadable'
  }
  if (!values.sex) errors.sex = 'casework.problems.required'
  if (!values.municipalityId) errors.municipalityId = 'casework.problems.required'
  if (values.postcode.trim() && !/^\d{5}$/.test(values.postcode.trim())) {
    errors['address.postcode'] = 'casework.problems.postcode'
  }
  return errors
}

/** The API body; call only when `checkPersonForm` found nothing. */
export function toPersonWrite(values: PersonFormValues): PersonWrite {
  return {
    familyName: values.familyName,
    givenNames: values.givenNames,
    birthName: values.birthName.trim() || null,
    otherSpellings: values.otherSpellings.map((name) => name.trim()).filter(Boolean),
    nameInOriginalScript: values.nameInOriginalScript.trim() || null,
    birthDate: birthDateIso(values.birthDateText) ?? '',
    sex: values.sex ?? 'unknown',
    nationalities: values.nationalities,
    languages: values.languages,
    municipalityId: values.municipalityId ?? '',
    address: { street: values.street.trim(), postcode: values.postcode.trim(), city: values.city.trim() },
    arrivalDate: values.arrivalDate || null,
    legalSphere: values.legalSphere,
  }
}

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
  'arrivalDate',
  'legalSphere',
] as const
