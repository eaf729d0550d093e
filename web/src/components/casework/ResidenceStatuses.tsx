import { Button, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type Person, residenceStatusKinds } from '../../../../common/casework.ts'
import { apiSend } from '../../api.ts'
import { formatDay, todayIso } from '../../casework-format.ts'
import { CaseworkFormProblem, useCaseworkProblems } from '../../casework-problems.tsx'
import { caseworkKeys } from '../../casework-queries.ts'
import { statusColors } from '../../colors.ts'
import { Dialog } from '../Dialog.tsx'
import { useEnumOptions } from './bits.tsx'

type Kind = (typeof residenceStatusKinds)[number]

function ResidenceStatusForm({ person, onDone }: { person: Person; onDone: () => void }) {
  const { t } = useTranslation()
  const problems = useCaseworkProblems()
  const options = useEnumOptions()
  const queryClient = useQueryClient()
  const [form, setForm] = useState({
    status: null as Kind | null,
    legalParagraph: '',
    validFrom: '',
    validUntil: '',
  })
  const save = useMutation({
    mutationFn: () =>
      apiSend<Person>('POST', `/persons/${person.id}/residence-statuses`, {
        status: form.status,
        legalParagraph: form.legalParagraph,
        validFrom: form.validFrom || null,
        validUntil: form.validUntil || null,
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(caseworkKeys.person(person.id), updated)
      // A new expiry date may have made a reminder.
      void queryClient.invalidateQueries({ queryKey: ['tasks'] })
      onDone()
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate()
  }
  const fields = ['status', 'legalParagraph', 'validFrom', 'validUntil']
  return (
    <Stack component="form" onSubmit={submit} gap="sm">
      <CaseworkFormProblem error={save.error} shown={fields} />
      <Select
        label={t('casework.residence.status')}
        required
        data-autofocus
        data={options(residenceStatusKinds, 'residenceStatuses')}
        value={form.status}
        onChange={(status) => setForm({ ...form, status: status as Kind | null })}
        error={problems.field(save.error, 'status')}
        searchable
        openOnFocus={false}
      />
      <TextInput
        label={t('casework.residence.paragraph')}
        description={t('casework.residence.paragraphHint')}
        value={form.legalParagraph}
        onChange={(event) => setForm({ ...form, legalParagraph: event.currentTarget.value })}
        error={problems.field(save.error, 'legalParagraph')}
      />
      <SimpleGrid cols={2} spacing="sm">
        <TextInput
          label={t('casework.residence.validFrom')}
          type="date"
          value={form.validFrom}
          onChange={(event) => setForm({ ...form, validFrom: event.currentTarget.value })}
          error={problems.field(save.error, 'validFrom')}
        />
        <TextInput
          label={t('casework.residence.validUntil')}
          description={t('casework.residence.validUntilHint')}
          type="date"
          value={form.validUntil}
          onChange={(event) => setForm({ ...form, validUntil: event.currentTarget.value })}
          error={problems.field(save.error, 'validUntil')}
        />
      </SimpleGrid>
      <Group justify="flex-end">
        <Button type="submit" loading={save.isPending}>
          {t('casework.common.save')}
        </Button>
      </Group>
    </Stack>
  )
}

/** The residence status history, newest first, with a marker on titles that have run out. */
export function ResidenceStatuses({ person }: { person: Person }) {
  const { t, i18n } = useTranslation()
  const [adding, setAdding] = useState(false)
  const today = todayIso()
  const statuses = [...person.residenceStatuses].sort((a, b) => (a.recordedAt < b.recordedAt ? 1 : -1))
  return (
    <section aria-labelledby="residence-heading">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4" id="residence-heading">
          {t('casework.residence.title')}
        </Title>
        {person.abilities['person.update'] && (
          <Button variant="default" onClick={() => setAdding(true)}>
            {t('casework.residence.add')}
          </Button>
        )}
      </Group>
      {statuses.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('casework.residence.none')}
        </Text>
      ) : (
        <Table withTableBorder striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('casework.residence.status')}</Table.Th>
              <Table.Th scope="col">{t('casework.residence.paragraph')}</Table.Th>
              <Table.Th scope="col">{t('casework.residence.validFrom')}</Table.Th>
              <Table.Th scope="col">{t('casework.residence.validUntil')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {statuses.map((status) => {
              const expired = status.validUntil !== null && status.validUntil < today
              return (
                <Table.Tr key={status.id}>
                  <Table.Td>{t(`casework.residenceStatuses.${status.status}`)}</Table.Td>
                  <Table.Td>{status.legalParagraph || '–'}</Table.Td>
                  <Table.Td>{formatDay(status.validFrom, i18n.language)}</Table.Td>
                  <Table.Td>
                    {formatDay(status.validUntil, i18n.language)}
                    {expired && (
                      <Text span size="sm" fw={700} c={statusColors.negative}>
                        {' '}
                        ({t('casework.residence.expired')})
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
      )}
      <Dialog opened={adding} onClose={() => setAdding(false)} title={t('casework.residence.add')}>
        <ResidenceStatusForm person={person} onDone={() => setAdding(false)} />
      </Dialog>
    </section>
  )
}
