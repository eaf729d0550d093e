import { describe, expect, it } from 'vitest'
import { personWriteSchema } from '../../../../common/casework.ts'
import {
  emptyPersonForm,
  type PersonFormValues,
  personFormField,
  toPersonWrite,
} from './person-form-values.ts'

const municipalityId = '0b7d3c62-4f0e-4a59-9a0b-2f6f6b1b7c11'
const filled = (patch: Partial<PersonFormValues> = {}): PersonFormValues => ({
  ...emptyPersonForm(municipalityId),
  familyName: 'Kovalenko',
  givenNames: 'Olena',
  birthDateText: '05.1979',
  sex: 'female',
  ...patch,
})

/** The problems the API's schema finds in the form, by the form's field: what the form shows. */
const problems = (values: PersonFormValues) => {
  const result = personWriteSchema.safeParse(toPersonWrite(values), { reportInput: true })
  return (result.error?.issues ?? []).map((issue) => ({
    field: personFormField(issue.path.map(String).join('.')),
    message: issue.message,
    empty: issue.input === undefined,
  }))
}

describe('the person form checked with the API schema', () => {
  it('sends a complete form as the API takes it, the birth date typed the German way as ISO', () => {
    const result = personWriteSchema.safeParse(toPersonWrite(filled({ postcode: ' 53721 ', birthName: ' ' })))
    expect(result.success).toBe(true)
    expect(result.data).toMatchObject({
      birthDate: '1979-05',
      birthName: null,
      address: { street: '', postcode: '53721', city: '' },
    })
  })

  it('names every missing required field at the field that shows it', () => {
    const found = problems(emptyPersonForm())
    expect(new Set(found.map((problem) => problem.field))).toEqual(
      new Set(['familyName', 'givenNames', 'birthDate', 'sex', 'municipalityId']),
    )
    expect(found.find((problem) => problem.field === 'familyName')?.message).toBe('name-empty')
    // An empty birth date is missing (the form asks for it), not malformed.
    expect(found.find((problem) => problem.field === 'birthDate')?.empty).toBe(true)
  })

  it('calls a day that does not exist impossible, not malformed', () => {
    for (const birthDateText of ['31.02.1990', '01.16.2000']) {
      expect(problems(filled({ birthDateText }))).toEqual([
        { field: 'birthDate', message: 'date-impossible', empty: false },
      ])
    }
    expect(problems(filled({ birthDateText: 'Mai 79' }))[0]).toMatchObject({
      field: 'birthDate',
      message: 'date-malformed',
    })
    expect(problems(filled({ birthDateText: '14.03.1899' }))[0]?.message).toBe('date-too-early')
  })

  it('shows problems inside lists and the address at their field', () => {
    const found = problems(
      filled({
        otherSpellings: ['Ковaленко'],
        languages: [{ code: 'Ukrainian', interpreterNeeded: false }],
        postcode: '5372',
      }),
    )
    expect(found.map((problem) => problem.field).sort()).toEqual([
      'address.postcode',
      'languages',
      'otherSpellings',
    ])
  })
})
