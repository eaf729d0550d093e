import { Anchor, Button, Group, List, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useDebouncedValue } from '@mantine/hooks'
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { householdLinkSchema, householdRelations, type Person } from '../../../../common/casework.ts'
import { findForbiddenNameCharacters } from '../../../../common/names.ts'
import { apiSend } from '../../api.ts'
import { Dialog } from '../../components/Dialog.tsx'
import { useSchemaValidator } from '../../schema-form.ts'
import { useEnumOptions } from '../casework/bits.tsx'
import { formatBirthDate, personName } from '../casework/format.ts'
import { CaseworkFormProblem, focusFirstInvalid, useFieldError } from '../casework/problems.tsx'
import { caseQuery, caseworkKeys, matchQuery } from '../casework/queries.ts'

type Relation = (typeof householdRelations)[number]
type Choice = { value: string; label: string }

/** Persons to link: those in this person's cases, plus visible name matches for what is typed. */
function useChoices(person: Person, familyName: string, givenNames: string) {
  const { t, i18n } = useTranslation()
  const cases = useQueries({
    queries: person.caseIds.map((caseId) => ({ ...caseQuery(caseId), retry: false })),
  })
  const input = { familyName: familyName.trim(), givenNames: givenNames.trim(), birthDate: null }
  const [debounced] = useDebouncedValue(input, 300)
  const searchable =
    debounced.familyName !== '' &&
    debounced.givenNames !== '' &&
    findForbiddenNameCharacters(`${debounced.familyName} ${debounced.givenNames}`).length === 0
  const match = useQuery({ ...matchQuery(debounced), enabled: searchable })
  const linked = new Set([person.id, ...person.household.map((member) => member.personId)])
  const label = (p: { familyName: string; givenNames: string; birthDate: string }) =>
    `${personName(p)} (${formatBirthDate(p.birthDate, i18n.language)})`
  const fromCases: Choice[] = cases
    .flatMap((query) => query.data?.persons ?? [])
    .filter((p, index, all) => !linked.has(p.id) && all.findIndex((other) => other.id === p.id) === index)
    .map((p) => ({ value: p.id, label: label(p) }))
  const fromSearch: Choice[] = (searchable ? (match.data?.candidates ?? []) : [])
    .flatMap((candidate) => (candidate.visible && candidate.person ? [candidate.person] : []))
    .filter((p) => !linked.has(p.id) && !fromCases.some((choice) => choice.value === p.id))
    .map((p) => ({ value: p.id, label: label(p) }))
  return {
    data: [
      ...(fromCases.length ? [{ group: t('casework.household.fromCases'), items: fromCases }] : []),
      ...(fromSearch.length ? [{ group: t('casework.household.fromSearch'), items: fromSearch }] : []),
    ],
    searching: match.isFetching,
    searched: searchable && match.isSuccess,
  }
}

type LinkValues = {
  familyName: string
  givenNames: string
  relatedPersonId: string | null
  relation: Relation | null
}
const linkInput = (values: LinkValues) => ({
  relatedPersonId: values.relatedPersonId ?? undefined,
  relation: values.relation ?? undefined,
})

function LinkMemberForm({ person, onDone }: { person: Person; onDone: () => void }) {
  const { t } = useTranslation()
  const options = useEnumOptions()
  const queryClient = useQueryClient()
  const formRef = useRef<HTMLFormElement>(null)
  // The names only search for persons to choose; the API gets the chosen person and the relation.
  const form = useForm<LinkValues>({
    initialValues: { familyName: '', givenNames: '', relatedPersonId: null, relation: null },
    validate: useSchemaValidator(householdLinkSchema, linkInput),
  })
  const { familyName, givenNames } = form.values
  const choices = useChoices(person, familyName, givenNames)
  const save = useMutation({
    mutationFn: (body: ReturnType<typeof linkInput>) =>
      apiSend<Person>('POST', `/persons/${person.id}/household`, body),
    onSuccess: (updated, body) => {
      queryClient.setQueryData(caseworkKeys.person(person.id), updated)
      if (body.relatedPersonId)
        void queryClient.invalidateQueries({ queryKey: caseworkKeys.person(body.relatedPersonId) })
      onDone()
    },
  })
  const submit = form.onSubmit(
    (values) => save.mutate(linkInput(values)),
    () => focusFirstInvalid(formRef.current),
  )
  const fieldError = useFieldError<LinkValues>(form.errors, save.error)
  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('casework.household.searchHint')}</Text>
        <SimpleGrid cols={2} spacing="sm">
          <TextInput
            label={t('casework.fields.familyName')}
            {...form.getInputProps('familyName')}
            data-autofocus
          />
          <TextInput label={t('casework.fields.givenNames')} {...form.getInputProps('givenNames')} />
        </SimpleGrid>
        <CaseworkFormProblem error={save.error} shown={['relatedPersonId', 'relation']} />
        <Select
          label={t('casework.household.member')}
          required
          data={choices.data}
          {...form.getInputProps('relatedPersonId')}
          error={fieldError('relatedPersonId')}
          placeholder={
            choices.data.length ? t('casework.household.choose') : t('casework.household.noChoices')
          }
          searchable
          openOnFocus={false}
          nothingFoundMessage={t('common.noResults')}
        />
        <Text size="xs" c="dimmed" aria-live="polite">
          {choices.searching ? t('casework.match.checking') : ''}
        </Text>
        <Select
          label={t('casework.household.relation')}
          description={t('casework.household.relationHint')}
          required
          data={options(householdRelations, 'householdRelations')}
          {...form.getInputProps('relation')}
          error={fieldError('relation')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('casework.household.link')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

export function Household({ person }: { person: Person }) {
  const { t, i18n } = useTranslation()
  const [linking, setLinking] = useState(false)
  return (
    <section aria-labelledby="household-heading">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4" id="household-heading">
          {t('casework.household.title')}
        </Title>
        {person.abilities['person.update'] && (
          <Button variant="default" onClick={() => setLinking(true)}>
            {t('casework.household.add')}
          </Button>
        )}
      </Group>
      {person.household.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('casework.household.none')}
        </Text>
      ) : (
        <List spacing={4}>
          {person.household.map((member) => (
            <List.Item key={member.personId}>
              <Anchor component={Link} to={`/persons/${member.personId}`}>
                {personName(member)}
              </Anchor>{' '}
              – {t(`casework.householdRelations.${member.relation}`)},{' '}
              {t('casework.list.born', { date: formatBirthDate(member.birthDate, i18n.language) })}
            </List.Item>
          ))}
        </List>
      )}
      <Dialog opened={linking} onClose={() => setLinking(false)} title={t('casework.household.add')}>
        <LinkMemberForm person={person} onDone={() => setLinking(false)} />
      </Dialog>
    </section>
  )
}
