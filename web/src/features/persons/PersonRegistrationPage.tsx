import { Button, Group, Stack, Text, Title } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { MatchCandidateView, Person } from '../../../../common/casework.ts'
import { findForbiddenNameCharacters } from '../../../../common/names.ts'
import { apiSend } from '../../api.ts'
import { Dialog } from '../../components/Dialog.tsx'
import { CaseworkFormProblem, focusFirstInvalid } from '../casework/problems.tsx'
import { caseworkKeys, matchQuery } from '../casework/queries.ts'
import { DuplicateCandidates } from './DuplicateCandidates.tsx'
import { PersonFormFields, usePersonForm } from './PersonFormFields.tsx'
import {
  birthDateIso,
  emptyPersonForm,
  type PersonFormValues,
  personFormFields,
  toPersonWrite,
} from './person-form-values.ts'

const matchInput = (values: PersonFormValues) => ({
  familyName: values.familyName.trim(),
  givenNames: values.givenNames.trim(),
  birthDate: birthDateIso(values.birthDateText),
})
type MatchInput = ReturnType<typeof matchInput>

/** Names the matcher can take: both filled and free of characters the server would refuse. */
const matchable = (input: MatchInput) =>
  input.familyName !== '' &&
  input.givenNames !== '' &&
  findForbiddenNameCharacters(input.familyName).length === 0 &&
  findForbiddenNameCharacters(input.givenNames).length === 0

/**
 * Registering a Klient:in. While the names are typed, likely existing records show above the
 * save button; registering anyway stays possible after an explicit confirmation.
 */
export function PersonRegistrationPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const { form, ref: formRef, onSubmit } = usePersonForm(emptyPersonForm())
  const values = form.values
  const [confirming, setConfirming] = useState<MatchCandidateView[] | null>(null)
  const [debounced] = useDebouncedValue(matchInput(values), 300)
  const match = useQuery({ ...matchQuery(debounced), enabled: matchable(debounced) })

  const create = useMutation({
    mutationFn: (submitted: PersonFormValues) =>
      apiSend<Person>('POST', '/persons', toPersonWrite(submitted)),
    onSuccess: async (person) => {
      queryClient.setQueryData(caseworkKeys.person(person.id), person)
      await navigate({ to: '/persons/$personId', params: { personId: person.id } })
    },
    onError: () => focusFirstInvalid(formRef.current),
  })

  const submit = async (submitted: PersonFormValues) => {
    // The debounced check may lag behind the last keystroke: ask again with exactly what is saved.
    const input = matchInput(submitted)
    const result = await queryClient.fetchQuery(matchQuery(input)).catch(() => ({ candidates: [] }))
    if (result.candidates.length > 0) setConfirming(result.candidates)
    else create.mutate(submitted)
  }

  const candidates = matchable(debounced) ? match.data?.candidates : undefined
  return (
    <Stack gap="md" maw={960}>
      <Title order={2}>{t('casework.registration.title')}</Title>
      <Text maw={720}>{t('casework.registration.intro')}</Text>
      <form ref={formRef} onSubmit={onSubmit((submitted) => void submit(submitted))} noValidate>
        <Stack gap="md">
          <CaseworkFormProblem error={create.error} shown={personFormFields} />
          <PersonFormFields
            values={values}
            onChange={(patch) => form.setValues(patch)}
            formErrors={form.errors}
            serverError={create.error}
            autoFocus
          />
          <DuplicateCandidates candidates={candidates} loading={match.isFetching} />
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending}>
              {t('casework.registration.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      <Dialog
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={t('casework.registration.confirmTitle')}
      >
        <Stack gap="md">
          <Text>{t('casework.registration.confirmText', { count: confirming?.length ?? 0 })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(null)} data-autofocus>
              {t('casework.registration.confirmBack')}
            </Button>
            <Button
              color={'red.8'}
              onClick={() => {
                setConfirming(null)
                create.mutate(form.getValues())
              }}
            >
              {t('casework.registration.confirmAnyway')}
            </Button>
          </Group>
        </Stack>
      </Dialog>
    </Stack>
  )
}
