import { Button, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type Person,
  type ResidenceStatusKind,
  residenceStatusesNeedingParagraph,
  residenceStatusInputSchema,
  residenceStatusKinds,
  residenceStatusParagraphs,
} from '../../../../common/casework.ts'
import { apiSend } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { DayInput } from '../../components/DateFields.tsx'
import { Dialog } from '../../components/Dialog.tsx'
import { maxLengthOf, useSchemaValidator } from '../../schema-form.ts'
import { SaveButton, useEnumOptions } from '../casework/bits.tsx'
import { formatDay, todayIso } from '../casework/format.ts'
import { CaseworkFormProblem, focusFirstInvalid, useFieldError } from '../casework/problems.tsx'
import { caseworkKeys } from '../casework/queries.ts'

type ResidenceFormValues = {
  status: ResidenceStatusKind | null
  legalParagraph: string
  validFrom: string
  validUntil: string
}

const toInput = (values: ResidenceFormValues) => ({
  status: values.status ?? undefined,
  legalParagraph: values.legalParagraph,
  validFrom: values.validFrom || null,
  validUntil: values.validUntil || null,
})

const hintedKinds = residenceStatusesNeedingParagraph as readonly string[]

function ResidenceStatusForm({ person, onDone }: { person: Person; onDone: () => void }) {
  const { t } = useTranslation()
  const options = useEnumOptions()
  const queryClient = useQueryClient()
  const formRef = useRef<HTMLFormElement>(null)
  const form = useForm<ResidenceFormValues>({
    initialValues: { status: null, legalParagraph: '', validFrom: '', validUntil: '' },
    validate: useSchemaValidator(residenceStatusInputSchema, toInput),
  })
  const save = useMutation({
    mutationFn: (body: ReturnType<typeof toInput>) =>
      apiSend<Person>('POST', `/persons/${person.id}/residence-statuses`, body),
    onSuccess: (updated) => {
      queryClient.setQueryData(caseworkKeys.person(person.id), updated)
      // A new expiry date may have made a reminder.
      void queryClient.invalidateQueries({ queryKey: ['tasks'] })
      onDone()
    },
  })
  /** A kind with one legal basis fills it in, unless the user wrote their own. */
  const chooseKind = (value: string | null) => {
    const status = value as ResidenceStatusKind | null
    const previous = form.values.status ? (residenceStatusParagraphs[form.values.status] ?? '') : ''
    const paragraph = form.values.legalParagraph
    form.setFieldValue('status', status)
    if (paragraph === '' || paragraph === previous) {
      form.setFieldValue('legalParagraph', status ? (residenceStatusParagraphs[status] ?? '') : '')
    }
  }
  const error = useFieldError<ResidenceFormValues>(form.errors, save.error)
  const fields = ['status', 'legalParagraph', 'validFrom', 'validUntil']
  const kind = form.values.status
  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={form.onSubmit(
        (values) => save.mutate(toInput(values)),
        () => focusFirstInvalid(formRef.current),
      )}
    >
      <Stack gap="sm">
        <CaseworkFormProblem error={save.error} shown={fields} />
        <Select
          label={t('casework.residence.status')}
          required
          data-autofocus
          data={options(residenceStatusKinds, 'residenceStatuses')}
          value={kind}
          onChange={chooseKind}
          error={error('status')}
          searchable
          openOnFocus={false}
        />
        <TextInput
          label={t('casework.residence.paragraph')}
          description={
            kind && hintedKinds.includes(kind)
              ? t(`casework.residence.paragraphHints.${kind}`)
              : t('casework.residence.paragraphHint')
          }
          required={kind !== null && hintedKinds.includes(kind)}
          maxLength={maxLengthOf(residenceStatusInputSchema, 'legalParagraph')}
          {...form.getInputProps('legalParagraph')}
          error={error('legalParagraph')}
        />
        <SimpleGrid cols={2} spacing="sm">
          <DayInput
            label={t('casework.residence.validFrom')}
            {...form.getInputProps('validFrom')}
            error={error('validFrom')}
          />
          <DayInput
            label={t('casework.residence.validUntil')}
            description={t('casework.residence.validUntilHint')}
            {...form.getInputProps('validUntil')}
            error={error('validUntil')}
          />
        </SimpleGrid>
        <SaveButton saving={save.isPending} />
      </Stack>
    </form>
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
