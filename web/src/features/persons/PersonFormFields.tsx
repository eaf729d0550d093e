import {
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core'
import { type FormErrors, useForm } from '@mantine/form'
import { type FormEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { addressSchema, legalSpheres, personWriteSchema, sexes } from '../../../../common/casework.ts'
import { findForbiddenNameCharacters } from '../../../../common/names.ts'
import { DayInput } from '../../components/DateFields.tsx'
import { maxItemsOf, maxLengthOf, useSchemaValidator, useValidationAfterSubmit } from '../../schema-form.ts'
import { useEnumOptions } from '../casework/bits.tsx'
import { countryOptions, describePartialDate, languageName, languageOptions } from '../casework/format.ts'
import { focusFirstInvalid, useCaseworkProblems } from '../casework/problems.tsx'
import { useMunicipalities } from '../casework/queries.ts'
import {
  birthDateIso,
  birthDateProblem,
  type PersonFormValues,
  personFormField,
  toPersonWrite,
} from './person-form-values.ts'

/**
 * The person form's state, checked with the API's `personWriteSchema` when saving and, after the
 * first try, on every change. `onSubmit` gets the values only when the schema accepts them;
 * otherwise the first field with a problem gets the focus.
 */
export function usePersonForm(initialValues: PersonFormValues) {
  const { t } = useTranslation()
  const ref = useRef<HTMLFormElement>(null)
  const [submitted, setSubmitted] = useState(false)
  const form = useForm<PersonFormValues>({
    initialValues,
    validate: useSchemaValidator(personWriteSchema, toPersonWrite, personFormField, {
      birthDate: (issue) =>
        issue.input === undefined ? t('casework.problems.birth-date-required') : undefined,
      'address.postcode': t('casework.problems.postcode'),
    }),
  })
  useValidationAfterSubmit(form, submitted)
  const onSubmit = (handler: (values: PersonFormValues) => void) => (event: FormEvent<HTMLFormElement>) => {
    setSubmitted(true)
    form.onSubmit(handler, () => focusFirstInvalid(ref.current))(event)
  }
  return { form, ref, onSubmit }
}

/**
 * The fields of a person's record, for registration and for editing. Names are checked against
 * DIN 91379 while typing; the birth date is typed the German way and shown as understood.
 */
export function PersonFormFields({
  values,
  onChange,
  formErrors,
  serverError,
  autoFocus,
}: {
  values: PersonFormValues
  onChange: (patch: Partial<PersonFormValues>) => void
  /** The form's own messages by field (`usePersonForm`), before the server's. */
  formErrors: FormErrors
  serverError: Error | null
  autoFocus?: boolean
}) {
  const { t, i18n } = useTranslation()
  const language = i18n.language
  const problems = useCaseworkProblems()
  const options = useEnumOptions()
  const municipalities = useMunicipalities()
  const error = (field: string) =>
    (formErrors[field] as string | undefined) ?? problems.field(serverError, field)
  const nameWarning = (value: string) => {
    const characters = findForbiddenNameCharacters(value)
    return characters.length > 0
      ? t('casework.person.forbiddenCharacters', { characters: characters.map((c) => `„${c}“`).join(' ') })
      : undefined
  }
  const nameField = (field: 'familyName' | 'givenNames' | 'birthName') => ({
    value: values[field],
    error: nameWarning(values[field]) ?? error(field),
    onChange: (event: React.ChangeEvent<HTMLInputElement>) =>
      onChange({ [field]: event.currentTarget.value }),
  })
  const birthIso = birthDateIso(values.birthDateText)
  // As soon as a whole date is typed, not only on saving: "31.02.1990" is no day at all.
  const typedBirthDateProblem = birthDateProblem(values.birthDateText)
  const understood = (iso: string) => {
    const { text, yearOnly } = describePartialDate(iso, language)
    return t(yearOnly ? 'casework.person.birthDateYearOnly' : 'casework.person.birthDateUnderstood', {
      date: text,
    })
  }
  const spellingWarning = values.otherSpellings.map(nameWarning).find(Boolean)

  return (
    <Stack gap="md">
      <Fieldset legend={t('casework.person.sectionName')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('casework.fields.familyName')}
            required
            autoComplete="off"
            data-autofocus={autoFocus || undefined}
            autoFocus={autoFocus}
            {...nameField('familyName')}
          />
          <TextInput
            label={t('casework.fields.givenNames')}
            required
            autoComplete="off"
            {...nameField('givenNames')}
          />
          <TextInput label={t('casework.fields.birthName')} autoComplete="off" {...nameField('birthName')} />
          <TextInput
            label={t('casework.fields.nameInOriginalScript')}
            description={t('casework.person.originalScriptHint')}
            dir="auto"
            autoComplete="off"
            value={values.nameInOriginalScript}
            error={error('nameInOriginalScript')}
            onChange={(event) => onChange({ nameInOriginalScript: event.currentTarget.value })}
          />
        </SimpleGrid>
        <TagsInput
          mt="sm"
          label={t('casework.fields.otherSpellings')}
          description={t('casework.person.otherSpellingsHint')}
          value={values.otherSpellings}
          onChange={(otherSpellings) => onChange({ otherSpellings })}
          error={spellingWarning ?? error('otherSpellings')}
          maxTags={maxItemsOf(personWriteSchema, 'otherSpellings')}
          clearable
        />
      </Fieldset>

      <Fieldset legend={t('casework.person.sectionBirth')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('casework.fields.birthDate')}
            description={birthIso ? understood(birthIso) : t('casework.person.birthDateHint')}
            placeholder={t('casework.person.birthDatePlaceholder')}
            required
            inputMode="numeric"
            autoComplete="off"
            value={values.birthDateText}
            error={error('birthDate') ?? (typedBirthDateProblem ? t(typedBirthDateProblem) : undefined)}
            onChange={(event) => onChange({ birthDateText: event.currentTarget.value })}
          />
          <Radio.Group
            label={t('casework.fields.sex')}
            required
            value={values.sex}
            onChange={(value) => onChange({ sex: value as PersonFormValues['sex'] })}
            error={error('sex')}
          >
            <Group gap="md" mt={8}>
              {sexes.map((sex) => (
                <Radio key={sex} value={sex} label={t(`casework.sexes.${sex}`)} />
              ))}
            </Group>
          </Radio.Group>
          <MultiSelect
            label={t('casework.fields.nationalities')}
            data={[
              { value: 'stateless', label: t('casework.nationalities.stateless') },
              { value: 'unclear', label: t('casework.nationalities.unclear') },
              ...countryOptions(language),
            ]}
            value={values.nationalities}
            onChange={(nationalities) => onChange({ nationalities })}
            error={error('nationalities')}
            searchable
            openOnFocus={false}
            maxValues={maxItemsOf(personWriteSchema, 'nationalities')}
            nothingFoundMessage={t('common.noResults')}
          />
          <DayInput
            label={t('casework.fields.arrivalDate')}
            value={values.arrivalDate}
            error={error('arrivalDate')}
            onChange={(arrivalDate) => onChange({ arrivalDate })}
          />
        </SimpleGrid>
      </Fieldset>

      <Fieldset legend={t('casework.fields.languages')}>
        <MultiSelect
          label={t('casework.person.languagesSpoken')}
          data={languageOptions(language)}
          value={values.languages.map((entry) => entry.code)}
          onChange={(codes) =>
            onChange({
              languages: codes.map(
                (code) =>
                  values.languages.find((entry) => entry.code === code) ?? { code, interpreterNeeded: false },
              ),
            })
          }
          error={error('languages')}
          searchable
          openOnFocus={false}
          maxValues={maxItemsOf(personWriteSchema, 'languages')}
          nothingFoundMessage={t('common.noResults')}
        />
        {values.languages.length > 0 && (
          <Stack gap={6} mt="sm">
            <Text size="sm" fw={500}>
              {t('casework.person.interpreterQuestion')}
            </Text>
            {values.languages.map((entry) => (
              <Checkbox
                key={entry.code}
                label={t('casework.person.interpreterFor', { language: languageName(entry.code, language) })}
                checked={entry.interpreterNeeded}
                onChange={(event) => {
                  const interpreterNeeded = event.currentTarget.checked
                  onChange({
                    languages: values.languages.map((item) =>
                      item.code === entry.code ? { ...item, interpreterNeeded } : item,
                    ),
                  })
                }}
              />
            ))}
          </Stack>
        )}
      </Fieldset>

      <Fieldset legend={t('casework.person.sectionResidence')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('casework.fields.municipality')}
            required
            data={municipalities.options}
            value={values.municipalityId}
            onChange={(municipalityId) => onChange({ municipalityId })}
            error={error('municipalityId')}
            searchable
            openOnFocus={false}
          />
          <Select
            label={t('casework.fields.legalSphere')}
            data={options(legalSpheres, 'legalSpheres')}
            value={values.legalSphere}
            onChange={(value) => value && onChange({ legalSphere: value as PersonFormValues['legalSphere'] })}
            error={error('legalSphere')}
            allowDeselect={false}
          />
          <TextInput
            label={t('casework.fields.street')}
            autoComplete="off"
            maxLength={maxLengthOf(addressSchema, 'street')}
            value={values.street}
            error={error('address.street')}
            onChange={(event) => onChange({ street: event.currentTarget.value })}
          />
          <Group grow gap="sm" align="flex-start">
            <TextInput
              label={t('casework.fields.postcode')}
              inputMode="numeric"
              maxLength={maxLengthOf(addressSchema, 'postcode')}
              autoComplete="off"
              value={values.postcode}
              error={error('address.postcode')}
              onChange={(event) => onChange({ postcode: event.currentTarget.value })}
            />
            <TextInput
              label={t('casework.fields.city')}
              autoComplete="off"
              maxLength={maxLengthOf(addressSchema, 'city')}
              value={values.city}
              error={error('address.city')}
              onChange={(event) => onChange({ city: event.currentTarget.value })}
            />
          </Group>
          <TextInput
            label={t('casework.fields.phone')}
            type="tel"
            autoComplete="off"
            value={values.phone}
            error={error('phone')}
            onChange={(event) => onChange({ phone: event.currentTarget.value })}
          />
          <TextInput
            label={t('casework.fields.email')}
            type="email"
            autoComplete="off"
            value={values.email}
            error={error('email')}
            onChange={(event) => onChange({ email: event.currentTarget.value })}
          />
        </SimpleGrid>
      </Fieldset>
    </Stack>
  )
}
