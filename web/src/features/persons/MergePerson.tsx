import { Alert, Button, Group, Paper, Radio, Select, Stack, Text, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { mergeReasons, mergeRequestSchema, type Person } from '../../../../common/casework.ts'
import { apiSend } from '../../api.ts'
import { Dialog } from '../../components/Dialog.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { useSchemaValidator } from '../../schema-form.ts'
import { useEnumOptions } from '../casework/bits.tsx'
import { formatBirthDate, personName } from '../casework/format.ts'
import { CaseworkFormProblem, focusFirstInvalid, useFieldError } from '../casework/problems.tsx'
import { caseworkKeys, matchQuery } from '../casework/queries.ts'
import { MatchReasons, MatchScore } from './DuplicateCandidates.tsx'

type MergeReason = (typeof mergeReasons)[number]
type MergeValues = { duplicatePersonId: string | null; reason: MergeReason | null }
const mergeInput = (values: MergeValues) => ({
  duplicatePersonId: values.duplicatePersonId ?? undefined,
  reason: values.reason ?? undefined,
})

function MergeForm({ person, onDone }: { person: Person; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation()
  const options = useEnumOptions()
  const queryClient = useQueryClient()
  // Without the birth date: duplicates often differ exactly there (a placeholder, day and month swapped).
  const match = useQuery(
    matchQuery({ familyName: person.familyName, givenNames: person.givenNames, birthDate: null }),
  )
  const formRef = useRef<HTMLFormElement>(null)
  const form = useForm<MergeValues>({
    initialValues: { duplicatePersonId: null, reason: null },
    validate: useSchemaValidator(mergeRequestSchema, mergeInput),
  })
  const { duplicatePersonId: duplicateId, reason } = form.values
  const [confirming, setConfirming] = useState(false)
  const merge = useMutation({
    mutationFn: (body: ReturnType<typeof mergeInput>) =>
      apiSend<Person>('POST', `/persons/${person.id}/merge`, body),
    onSuccess: (updated) => {
      queryClient.setQueryData(caseworkKeys.person(person.id), updated)
      void queryClient.invalidateQueries({ queryKey: caseworkKeys.cases })
      onDone(t('casework.merge.done'))
    },
    onSettled: () => setConfirming(false),
  })
  // The first press asks for confirmation; only the second merges.
  const submit = form.onSubmit(
    (values) => {
      if (confirming) merge.mutate(mergeInput(values))
      else setConfirming(true)
    },
    () => focusFirstInvalid(formRef.current),
  )
  const fieldError = useFieldError<MergeValues>(form.errors, merge.error)
  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('casework.merge.intro', { name: personName(person) })}</Text>
        <CaseworkFormProblem error={merge.error} shown={['duplicatePersonId', 'reason']} />
        <QueryState query={match}>
          {(result) => {
            const others = result.candidates.filter((candidate) => candidate.personId !== person.id)
            const visible = others.filter((candidate) => candidate.visible && candidate.person)
            const hidden = others.length - visible.length
            return (
              <>
                {visible.length === 0 ? (
                  <Text size="sm">{t('casework.merge.noCandidates')}</Text>
                ) : (
                  <Radio.Group
                    label={t('casework.merge.candidate')}
                    required
                    value={duplicateId}
                    onChange={(value) => {
                      form.setFieldValue('duplicatePersonId', value)
                      setConfirming(false)
                    }}
                    error={fieldError('duplicatePersonId')}
                  >
                    <Stack gap="xs" mt="xs">
                      {visible.map((candidate) => (
                        <Paper withBorder p="xs" key={candidate.personId}>
                          <Radio
                            value={candidate.personId}
                            label={
                              candidate.person &&
                              `${personName(candidate.person)}, ${t('casework.list.born', {
                                date: formatBirthDate(candidate.person.birthDate, i18n.language),
                              })}`
                            }
                            description={<MatchReasons reasons={candidate.reasons} />}
                          />
                          <Group mt={4} ml={32}>
                            <MatchScore score={candidate.score} />
                          </Group>
                        </Paper>
                      ))}
                    </Stack>
                  </Radio.Group>
                )}
                {hidden > 0 && (
                  <Text size="sm" c="dimmed">
                    {t('casework.merge.hiddenCandidates', { count: hidden })}
                  </Text>
                )}
              </>
            )
          }}
        </QueryState>
        <Select
          label={t('casework.merge.reason')}
          required
          data={options(mergeReasons, 'mergeReasons')}
          value={reason}
          onChange={(value) => {
            form.setFieldValue('reason', value as MergeReason | null)
            setConfirming(false)
          }}
          error={fieldError('reason')}
        />
        {confirming && (
          <Alert color="orange" role="alert" title={t('casework.merge.confirmTitle')}>
            {t('casework.merge.confirmText')}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" color={confirming ? 'red.8' : undefined} loading={merge.isPending}>
            {confirming ? t('casework.merge.confirm') : t('casework.merge.next')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** Merging a duplicate record into this one; only for those the server allows (`person.merge`). */
export function MergePerson({ person }: { person: Person }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [notice, setNotice] = useState('')
  if (!person.abilities['person.merge']) return null
  return (
    <section aria-labelledby="merge-heading">
      <Title order={3} size="h4" id="merge-heading" mb="xs">
        {t('casework.merge.title')}
      </Title>
      <Text size="sm" mb="xs">
        {t('casework.merge.hint')}
      </Text>
      <Button variant="default" onClick={() => setOpen(true)}>
        {t('casework.merge.open')}
      </Button>
      <Text size="sm" role="status" mt="xs">
        {notice}
      </Text>
      <Dialog opened={open} onClose={() => setOpen(false)} title={t('casework.merge.title')}>
        <MergeForm
          person={person}
          onDone={(message) => {
            setNotice(message)
            setOpen(false)
          }}
        />
      </Dialog>
    </section>
  )
}
