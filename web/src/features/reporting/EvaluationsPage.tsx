import { Anchor, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate } from '@tanstack/react-router'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Evaluation } from '../../../../common/reporting.ts'
import { apiSend } from '../../api.ts'
import { DayInput } from '../../components/DateFields.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { formatDate, formatDateTime } from '../../i18n.ts'
import { useCan } from '../../session.tsx'
import { CaseworkFormProblem, focusFirstInvalid, useFieldError } from '../casework/problems.tsx'
import { PeriodPresetControl } from './PeriodPresetControl.tsx'
import { evaluationKeys, evaluationsQuery } from './queries.ts'

type Values = { name: string; from: string; to: string }

/** A new frozen evaluation: a name and a period, computed and stored once on the server. */
function EvaluationForm() {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const formRef = useRef<HTMLFormElement>(null)
  const [values, setValues] = useState<Values>({ name: '', from: '', to: '' })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const create = useMutation({
    mutationFn: (body: Values) => apiSend<Evaluation>('POST', '/evaluations', body),
    onSuccess: (saved) => {
      queryClient.setQueryData(evaluationKeys.one(saved.id), saved)
      void queryClient.invalidateQueries({ queryKey: evaluationKeys.list })
      void navigate({ to: `/figures/evaluations/${saved.id}` })
    },
  })
  const fieldError = useFieldError<Values>(errors, create.error)
  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    const found: Record<string, string> = {}
    if (values.name.trim() === '') found.name = t('reporting.evaluations.nameRequired')
    if (values.from === '') found.from = t('reporting.evaluations.dayRequired')
    if (values.to === '') found.to = t('reporting.evaluations.dayRequired')
    else if (values.from !== '' && values.to < values.from) found.to = t('problems.period-end-before-start')
    setErrors(found)
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(formRef.current)
      return
    }
    create.mutate({ ...values, name: values.name.trim() })
  }
  return (
    <Card withBorder component="section" aria-labelledby="evaluation-new-heading">
      <Title order={3} size="h4" id="evaluation-new-heading" mb="xs">
        {t('reporting.evaluations.new')}
      </Title>
      <Text size="sm" mb="sm" maw={760}>
        {t('reporting.evaluations.newHint')}
      </Text>
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <CaseworkFormProblem error={create.error} shown={['name', 'from', 'to']} />
          <TextInput
            label={t('reporting.evaluations.name')}
            required
            maw={480}
            value={values.name}
            error={fieldError('name')}
            onChange={(event) => setValues({ ...values, name: event.currentTarget.value })}
          />
          <Group align="flex-start" wrap="wrap">
            <PeriodPresetControl period={values} onChange={(preset) => setValues({ ...values, ...preset })} />
            <DayInput
              required
              label={t('reporting.period.from')}
              value={values.from}
              error={fieldError('from')}
              onChange={(from) => setValues({ ...values, from })}
            />
            <DayInput
              required
              label={t('reporting.period.to')}
              value={values.to}
              error={fieldError('to')}
              onChange={(to) => setValues({ ...values, to })}
            />
          </Group>
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending}>
              {t('reporting.evaluations.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  )
}

/** The district's frozen evaluations, newest first; coordination and administration make new ones. */
export function EvaluationsPage() {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const evaluations = useQuery(evaluationsQuery)
  return (
    <Stack maw={1200} gap="lg">
      <Title order={2}>{t('reporting.evaluations.title')}</Title>
      <Text size="sm" maw={820}>
        {t('reporting.evaluations.intro')}
      </Text>
      {can('evaluation.manage') && <EvaluationForm />}
      <QueryState query={evaluations}>
        {(items) =>
          items.length === 0 ? (
            <Text c="dimmed">{t('reporting.evaluations.none')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('reporting.evaluations.name')}</Table.Th>
                    <Table.Th scope="col">{t('reporting.period.title')}</Table.Th>
                    <Table.Th scope="col">{t('reporting.evaluations.createdAt')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((evaluation) => (
                    <Table.Tr key={evaluation.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/figures/evaluations/${evaluation.id}`}>
                          {evaluation.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        {formatDate(evaluation.from, i18n.language)} –{' '}
                        {formatDate(evaluation.to, i18n.language)}
                      </Table.Td>
                      <Table.Td>{formatDateTime(evaluation.createdAt, i18n.language)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
    </Stack>
  )
}
