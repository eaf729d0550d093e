import { Button, Grid, Group, Paper, Radio, Stack, Text, Textarea } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type Assessment, type Case, type LifeDomain, lifeDomains } from '../../../../common/casework.ts'
import { apiSend } from '../../api.ts'
import { DayInput } from '../../components/DateFields.tsx'
import { todayIso } from '../casework/format.ts'
import { CaseworkFormProblem, useCaseworkProblems } from '../casework/problems.tsx'
import { assessmentsQuery, caseworkKeys } from '../casework/queries.ts'

type Row = { needLevel: string; resources: string; note: string }
const needLevels = ['0', '1', '2', '3'] as const

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
  const problems = useCaseworkProblems()
  const queryClient = useQueryClient()
  const [assessedOn, setAssessedOn] = useState(todayIso())
  const [rows, setRows] = useState(() => initialRows(latest))
  const entries = lifeDomains
    .filter((domain) => rows[domain].needLevel !== '')
    .map((domain) => ({
      domain,
      needLevel: Number(rows[domain].needLevel),
      resources: rows[domain].resources,
      note: rows[domain].note,
    }))
  const save = useMutation({
    mutationFn: () => apiSend<Assessment[]>('POST', `/cases/${item.id}/assessments`, { assessedOn, entries }),
    onSuccess: (assessments) => {
      queryClient.setQueryData(assessmentsQuery(item.id).queryKey, assessments)
      void queryClient.invalidateQueries({ queryKey: caseworkKeys.caseRecord(item.id, 'timeline') })
      void queryClient.invalidateQueries({ queryKey: caseworkKeys.cases })
      onSaved()
    },
  })
  const update = (domain: LifeDomain, patch: Partial<Row>) => {
    setRows({ ...rows, [domain]: { ...rows[domain], ...patch } })
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate()
  }
  return (
    <Stack component="form" onSubmit={submit} gap="sm">
      <Text size="sm">{t('casework.assessment.formIntro')}</Text>
      <CaseworkFormProblem error={save.error} shown={['assessedOn', 'entries']} />
      <DayInput
        label={t('casework.assessment.assessedOn')}
        required
        max={todayIso()}
        value={assessedOn}
        onChange={setAssessedOn}
        error={problems.field(save.error, 'assessedOn')}
        w={200}
      />
      {lifeDomains.map((domain) => (
        <Paper key={domain} withBorder p="sm">
          <Grid gap="sm" align="flex-start">
            <Grid.Col span={{ base: 12, lg: 6 }}>
              <Radio.Group
                label={t(`casework.domains.${domain}`)}
                value={rows[domain].needLevel}
                onChange={(needLevel) => update(domain, { needLevel })}
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
                maxLength={2000}
                value={rows[domain].resources}
                onChange={(event) => update(domain, { resources: event.currentTarget.value })}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
              <Textarea
                label={t('casework.assessment.note')}
                aria-label={`${t('casework.assessment.note')}: ${t(`casework.domains.${domain}`)}`}
                autosize
                minRows={1}
                maxLength={2000}
                value={rows[domain].note}
                onChange={(event) => update(domain, { note: event.currentTarget.value })}
              />
            </Grid.Col>
          </Grid>
        </Paper>
      ))}
      {problems.field(save.error, 'entries') && (
        <Text c="red.9" size="sm" role="alert">
          {problems.field(save.error, 'entries')}
        </Text>
      )}
      <Group justify="flex-end" gap="sm">
        <Button type="submit" loading={save.isPending} disabled={entries.length === 0}>
          {t('casework.assessment.save')}
        </Button>
      </Group>
    </Stack>
  )
}
