import { Button, DataList, Group, Stack, Text, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Person } from '../../../../common/casework.ts'
import { apiSend } from '../../api.ts'
import { Dialog } from '../../components/Dialog.tsx'
import { SaveButton } from '../casework/bits.tsx'
import { countryName, formatBirthDate, formatDay, languageName } from '../casework/format.ts'
import { CaseworkFormProblem, focusFirstInvalid } from '../casework/problems.tsx'
import { caseworkKeys, useMunicipalities } from '../casework/queries.ts'
import { PersonFormFields, usePersonForm } from './PersonFormFields.tsx'
import {
  type PersonFormValues,
  personFormFields,
  personFormFrom,
  toPersonWrite,
} from './person-form-values.ts'

/** Changes sent with the version the user saw: if someone else changed the person meanwhile, 409. */
function EditPersonForm({ person, onDone }: { person: Person; onDone: () => void }) {
  const queryClient = useQueryClient()
  const { form, ref, onSubmit } = usePersonForm(personFormFrom(person))
  const save = useMutation({
    mutationFn: (values: PersonFormValues) =>
      apiSend<Person>('PUT', `/persons/${person.id}`, toPersonWrite(values), {
        'if-match': `"${person.version}"`,
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(caseworkKeys.person(person.id), updated)
      void queryClient.invalidateQueries({ queryKey: caseworkKeys.cases })
      onDone()
    },
    onError: () => focusFirstInvalid(ref.current),
  })
  return (
    <form ref={ref} onSubmit={onSubmit((values) => save.mutate(values))} noValidate>
      <Stack gap="md">
        <CaseworkFormProblem error={save.error} shown={personFormFields} />
        <PersonFormFields
          values={form.values}
          onChange={(patch) => form.setValues(patch)}
          formErrors={form.errors}
          serverError={save.error}
        />
        <SaveButton saving={save.isPending} />
      </Stack>
    </form>
  )
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children || '–'}</DataList.ItemValue>
    </DataList.Item>
  )
}

/** A person's record, formatted; editing opens the same form as the registration. */
export function PersonRecord({ person }: { person: Person }) {
  const { t, i18n } = useTranslation()
  const language = i18n.language
  const municipalities = useMunicipalities()
  const [editing, setEditing] = useState(false)
  const nationality = (code: string) =>
    code === 'stateless' || code === 'unclear'
      ? t(`casework.nationalities.${code}`)
      : countryName(code, language)
  const address = [
    person.address.street,
    [person.address.postcode, person.address.city].filter(Boolean).join(' '),
  ]
    .filter(Boolean)
    .join(', ')
  return (
    <section aria-labelledby="record-heading">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4" id="record-heading">
          {t('casework.person.record')}
        </Title>
        {person.abilities['person.update'] && (
          <Button variant="default" onClick={() => setEditing(true)}>
            {t('casework.person.edit')}
          </Button>
        )}
      </Group>
      <DataList withDivider labelWidth={220}>
        <Item label={t('casework.fields.familyName')}>{person.familyName}</Item>
        <Item label={t('casework.fields.givenNames')}>{person.givenNames}</Item>
        <Item label={t('casework.fields.birthName')}>{person.birthName}</Item>
        <Item label={t('casework.fields.otherSpellings')}>{person.otherSpellings.join(', ')}</Item>
        <Item label={t('casework.fields.nameInOriginalScript')}>
          {person.nameInOriginalScript && <span dir="auto">{person.nameInOriginalScript}</span>}
        </Item>
        <Item label={t('casework.fields.birthDate')}>
          {formatBirthDate(person.birthDate, language)}
          {person.birthDateIsPlaceholder && (
            <Text span size="sm" c="dimmed">
              {' '}
              ({t('casework.person.placeholderDate')})
            </Text>
          )}
        </Item>
        <Item label={t('casework.fields.sex')}>{t(`casework.sexes.${person.sex}`)}</Item>
        <Item label={t('casework.fields.nationalities')}>
          {person.nationalities.map(nationality).join(', ')}
        </Item>
        <Item label={t('casework.fields.languages')}>
          {person.languages
            .map(
              (entry) =>
                languageName(entry.code, language) +
                (entry.interpreterNeeded ? ` (${t('casework.person.interpreterNeeded')})` : ''),
            )
            .join(', ')}
        </Item>
        <Item label={t('casework.fields.municipality')}>{municipalities.nameOf(person.municipalityId)}</Item>
        <Item label={t('casework.fields.address')}>{address}</Item>
        <Item label={t('casework.fields.phone')}>{person.phone}</Item>
        <Item label={t('casework.fields.email')}>{person.email}</Item>
        <Item label={t('casework.fields.arrivalDate')}>
          {person.arrivalDate ? formatDay(person.arrivalDate, language) : ''}
        </Item>
        <Item label={t('casework.fields.legalSphere')}>
          {t(`casework.legalSpheres.${person.legalSphere}`)}
        </Item>
      </DataList>
      <Dialog opened={editing} onClose={() => setEditing(false)} title={t('casework.person.editTitle')}>
        <EditPersonForm person={person} onDone={() => setEditing(false)} />
      </Dialog>
    </section>
  )
}
