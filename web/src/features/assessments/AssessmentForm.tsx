import { Button, Grid, Group, Paper, Radio, Stack, Text, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type Assessment,
  assessmentEntrySchema,
  assessmentInputSchema,
  type Case,
  type LifeDomain,
  lifeDomains,
} from '../../../../common/casework.ts'
import { apiSend } from '../../api.ts'
import { DayInput } from '../../components/DateFields.tsx'
import { maxLengthOf, useSchemaValidator } from '../../schema-form.ts'
import { todayIso } from '../casework/format.ts'
import { CaseworkFormProblem, focusFirstInvalid, useFieldError } from '../casework/problems.tsx'
import { assessmentsQuery, caseworkKeys } from '../casework/queries.ts'

type Row = { needLevel: string; resources: string; note: string }
type Values = { assessedOn: string; rows: Record<LifeDomain, Row> }
const needLevels = ['0', '1', '2', '3'] as const
const textLimit = {
  resources: maxLengthOf(assessmentEntrySchema, 'resources'),
  note: maxLengthOf(assessmentEntrySchema, 'note'),
}

/** The assessed domains, in the API's shape: a domain "not assessed" is left out. */
const entriesOf = (rows: Values['rows']) =>
  lifeDomains
    .filter((domain) => rows[domain].needLevel !== '')
    .map((domain) => ({
      domain,
      needLevel: Number(rows[domain].needLevel),
      resources: rows[domain].resources,
      note: rows[domain].note,
    }))

const assessmentInput = (values: Values) => ({
  assessedOn: values.assessedOn || undefined,
  entries: entriesOf(values.rows),
})

/** The form's field for an issue at an entry (`entries.1.note` is the note of the second assessed domain). */
const fieldOf = (path: string, values: Values) => {
  const [list, index, field] = path.split('.')
  const domain =
    list === 'entries' && index !== undefined ? entriesOf(values.rows)[Number(index)]?.domain : undefined
  return domain && field ? `rows.${domain}.${field}` : path
}

/** Starts from the latest assessment, so that a re-assessment changes only what changed. */
function initialRows(latest: Assessment | undefined): Record<LifeDomain, Row> {
  return Object.fromEntries(
    lifeDomains.map((domain) => {
      const entry = latest?.entries.find((e) => e.domain === domain)
      return [
        domain,
        entry
          ? { needLevel: String(entry.needLevel), resources: entry.resources, note: entry.note }
          : { needLevel: '', resources: '', note: '' },
      ]
    }),
  ) as Record<LifeDomain, Row>
}

/** A new assessment: per life domain the need level (or "not assessed"), resources and a note. */
export function AssessmentForm({
  item,
  latest,
  onSaved,
}: {
  item: Case
  latest: Assessment | undefined
  onSaved: () => void
}) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const formRef = useRef<HTMLFormElement>(null)
  const form = useForm<Values>({
    initialValues: { assessedOn: todayIso(), rows: initialRows(latest) },
    validate: useSchemaValidator(assessmentInputSchema, assessmentInput, fieldOf),
  })
  const { rows } = form.values
  const save = useMutation({
    mutationFn: (body: ReturnType<typeof assessmentInput>) =>
      apiSend<Assessment[]>('POST', `/cases/${item.id}/assessments`, body),
    onSuccess: (assessments) => {
      queryClient.setQueryData(assessmentsQuery(item.id).queryKey, assessments)
      void queryClient.invalidateQueries({ queryKey: caseworkKeys.caseRecord(item.id, 'timeline') })
      void queryClient.invalidateQueries({ queryKey: caseworkKeys.cases })
      onSaved()
    },
    onError: () => focusFirstInvalid(formRef.current),
  })
  const update = (domain: LifeDomain, patch: Partial<Row>) => {
    form.setFieldValue(`rows.${domain}`, { ...rows[domain], ...patch })
  }
  const submit = form.onSubmit(
    (values) => save.mutate(assessmentInput(values)),
    () => focusFirstInvalid(formRef.current),
  )
  const fieldError = useFieldError(form.errors, save.error)
  const entryError = (domain: LifeDomain, field: keyof Row) =>
    form.errors[`rows.${domain}.${field}`] as string | undefined
  const entriesError = fieldError('entries')
  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('casework.assessment.formIntro')}</Text>
        <CaseworkFormProblem error={save.error} shown={['assessedOn', 'entries']} />
        <DayInput
          label={t('casework.assessment.assessedOn')}
          required
          max={todayIso()}
          value={form.values.assessedOn}
          onChange={(assessedOn) => form.setFieldValue('assessedOn', assessedOn)}
          error={fieldError('assessedOn')}
          w={240}
        />
        {lifeDomains.map((domain) => (
          <Paper key={domain} withBorder p="sm">
            <Grid gap="sm" align="flex-start">
              <Grid.Col span={{ base: 12, lg: 6 }}>
                <Radio.Group
                  label={t(`casework.domains.${domain}`)}
                  value={rows[domain].needLevel}
                  onChange={(needLevel) => update(domain, { needLevel })}
                  error={entryError(domain, 'needLevel')}
                >
                  <Group gap="sm" mt={6}>
                    <Radio value="" label={t('casework.needLevels.none')} />
                    {needLevels.map((level) => (
                      <Radio key={level} value={level} label={t(`casework.needLevels.${level}`)} />
                    ))}
                  </Group>
                </Radio.Group>
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
                <Textarea
                  label={t('casework.assessment.resources')}
                  aria-label={`${t('casework.assessment.resources')}: ${t(`casework.domains.${domain}`)}`}
                  autosize
                  minRows={1}
                  maxLength={textLimit.resources}
                  value={rows[domain].resources}
                  onChange={(event) => update(domain, { resources: event.currentTarget.value })}
                  error={entryError(domain, 'resources')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
                <Textarea
                  label={t('casework.assessment.note')}
                  aria-label={`${t('casework.assessment.note')}: ${t(`casework.domains.${domain}`)}`}
                  autosize
                  minRows={1}
                  maxLength={textLimit.note}
                  value={rows[domain].note}
                  onChange={(event) => update(domain, { note: event.currentTarget.value })}
                  error={entryError(domain, 'note')}
                />
              </Grid.Col>
            </Grid>
          </Paper>
        ))}
        {entriesError && (
          <Text c="red.9" size="sm" role="alert">
            {entriesError}
          </Text>
        )}
        <Group justify="flex-end" gap="sm">
          <Button type="submit" loading={save.isPending}>
            {t('casework.assessment.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
