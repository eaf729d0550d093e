import { Anchor, Button, Group, List, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { householdRelations, type Person } from '../../../../common/casework.ts'
import { findForbiddenNameCharacters } from '../../../../common/names.ts'
import { apiSend } from '../../api.ts'
import { Dialog } from '../../components/Dialog.tsx'
import { useEnumOptions } from '../casework/bits.tsx'
import { formatBirthDate, personName } from '../casework/format.ts'
import { CaseworkFormProblem, useCaseworkProblems } from '../casework/problems.tsx'
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

function LinkMemberForm({ person, onDone }: { person: Person; onDone: () => void }) {
  const { t } = useTranslation()
  const problems = useCaseworkProblems()
  const options = useEnumOptions()
  const queryClient = useQueryClient()
  const [familyName, setFamilyName] = useState('')
  const [givenNames, setGivenNames] = useState('')
  const [relatedPersonId, setRelatedPersonId] = useState<string | null>(null)
  const [relation, setRelation] = useState<Relation | null>(null)
  const choices = useChoices(person, familyName, givenNames)
  const save = useMutation({
    mutationFn: () =>
      apiSend<Person>('POST', `/persons/${person.id}/household`, { relatedPersonId, relation }),
    onSuccess: (updated) => {
      queryClient.setQueryData(caseworkKeys.person(person.id), updated)
      if (relatedPersonId)
        void queryClient.invalidateQueries({ queryKey: caseworkKeys.person(relatedPersonId) })
      onDone()
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate()
  }
  return (
    <Stack component="form" onSubmit={submit} gap="sm">
      <Text size="sm">{t('casework.household.searchHint')}</Text>
      <SimpleGrid cols={2} spacing="sm">
        <TextInput
          label={t('casework.fields.familyName')}
          value={familyName}
          onChange={(event) => setFamilyName(event.currentTarget.value)}
          data-autofocus
        />
        <TextInput
          label={t('casework.fields.givenNames')}
          value={givenNames}
          onChange={(event) => setGivenNames(event.currentTarget.value)}
        />
      </SimpleGrid>
      <CaseworkFormProblem error={save.error} shown={['relatedPersonId', 'relation']} />
      <Select
        label={t('casework.household.member')}
        required
        data={choices.data}
        value={relatedPersonId}
        onChange={setRelatedPersonId}
        placeholder={choices.data.length ? t('casework.household.choose') : t('casework.household.noChoices')}
        error={problems.field(save.error, 'relatedPersonId')}
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
        value={relation}
        onChange={(value) => setRelation(value as Relation | null)}
        error={problems.field(save.error, 'relation')}
      />
      <Group justify="flex-end">
        <Button type="submit" loading={save.isPending} disabled={!relatedPersonId || !relation}>
          {t('casework.household.link')}
        </Button>
      </Group>
    </Stack>
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
