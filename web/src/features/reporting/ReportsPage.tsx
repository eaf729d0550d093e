import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate } from '@tanstack/react-router'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type Report,
  type ReportLanguage,
  type ReportStatus,
  reportLanguages,
} from '../../../../common/report.ts'
import { apiSend } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { DayInput } from '../../components/DateFields.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { formatDate, formatDateTime } from '../../i18n.ts'
import { useCan } from '../../session.tsx'
import { CaseworkFormProblem, focusFirstInvalid, useFieldError } from '../casework/problems.tsx'
import { evaluationsQuery } from './queries.ts'
import { reportKeys, reportsQuery, reportTemplatesQuery } from './reportQueries.ts'

type Values = {
  evaluationId: string
  templateId: string
  vorlageNumber: string
  committee: string
  sessionDate: string
  aktenzeichen: string
  language: ReportLanguage
}
const empty: Values = {
  evaluationId: '',
  templateId: '',
  vorlageNumber: '',
  committee: '',
  sessionDate: '',
  aktenzeichen: '',
  language: 'de',
}

export const statusColor: Record<ReportStatus, string> = {
  generating: statusColors.neutral,
  ready: statusColors.positive,
  failed: statusColors.negative,
}

/** A new committee report: a frozen evaluation, a template and the Vorlage's header. */
function ReportForm() {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const formRef = useRef<HTMLFormElement>(null)
  const evaluations = useQuery(evaluationsQuery)
  const templates = useQuery(reportTemplatesQuery)
  const [values, setValues] = useState<Values>(empty)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const create = useMutation({
    mutationFn: (body: object) => apiSend<Report>('POST', '/reports', body),
    onSuccess: (saved) => {
      queryClient.setQueryData(reportKeys.one(saved.id), saved)
      void queryClient.invalidateQueries({ queryKey: reportKeys.list })
      void navigate({ to: `/figures/reports/${saved.id}` })
    },
  })
  const fieldError = useFieldError<Values & { header: never }>(errors, create.error)
  const set = (field: keyof Values) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setValues({ ...values, [field]: event.currentTarget.value })
  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    const found: Record<string, string> = {}
    if (values.evaluationId === '') found.evaluationId = t('reports.create.evaluationRequired')
    if (values.committee.trim() === '') found.committee = t('reports.create.committeeRequired')
    if (values.sessionDate === '') found.sessionDate = t('reports.create.sessionDateRequired')
    setErrors(found)
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(formRef.current)
      return
    }
    create.mutate({
      evaluationId: values.evaluationId,
      ...(values.templateId ? { templateId: values.templateId } : {}),
      header: {
        vorlageNumber: values.vorlageNumber.trim(),
        committee: values.committee.trim(),
        sessionDate: values.sessionDate,
        aktenzeichen: values.aktenzeichen.trim(),
      },
      language: values.language,
    })
  }
  return (
    <Card withBorder component="section" aria-labelledby="report-new-heading">
      <Title order={3} size="h4" id="report-new-heading" mb="xs">
        {t('reports.create.title')}
      </Title>
      <Text size="sm" mb="sm" maw={760}>
        {t('reports.create.hint')}
      </Text>
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <CaseworkFormProblem
            error={create.error}
            shown={['evaluationId', 'templateId', 'header', 'language']}
          />
          <Group align="flex-start" wrap="wrap">
            <NativeSelect
              label={t('reports.create.evaluation')}
              required
              miw={280}
              value={values.evaluationId}
              error={fieldError('evaluationId')}
              onChange={set('evaluationId')}
              data={[
                { value: '', label: t('reports.create.choose') },
                ...(evaluations.data ?? []).map((evaluation) => ({
                  value: evaluation.id,
                  label: evaluation.name,
                })),
              ]}
            />
            <NativeSelect
              label={t('reports.create.template')}
              miw={240}
              value={values.templateId}
              error={fieldError('templateId')}
              onChange={set('templateId')}
              data={[
                { value: '', label: t('reports.create.defaultTemplate') },
                ...(templates.data ?? []).map((template) => ({ value: template.id, label: template.name })),
              ]}
            />
            <NativeSelect
              label={t('reports.create.language')}
              miw={180}
              value={values.language}
              error={fieldError('language')}
              onChange={set('language')}
              data={reportLanguages.map((language) => ({
                value: language,
                label: t(`reports.create.languages.${language}`),
              }))}
            />
          </Group>
          <Group align="flex-start" wrap="wrap">
            <TextInput
              label={t('reports.header.vorlageNumber')}
              value={values.vorlageNumber}
              onChange={set('vorlageNumber')}
            />
            <TextInput
              label={t('reports.header.committee')}
              required
              miw={320}
              value={values.committee}
              error={errors.committee ?? fieldError('header')}
              onChange={set('committee')}
            />
            <DayInput
              label={t('reports.header.sessionDate')}
              required
              value={values.sessionDate}
              error={errors.sessionDate}
              onChange={(sessionDate) => setValues({ ...values, sessionDate })}
            />
            <TextInput
              label={t('reports.header.aktenzeichen')}
              value={values.aktenzeichen}
              onChange={set('aktenzeichen')}
            />
          </Group>
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending}>
              {t('reports.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  )
}

/** The district's committee reports; coordination makes new ones, report readers download them. */
export function ReportsPage() {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const reports = useQuery(reportsQuery)
  return (
    <Stack maw={1200} gap="lg">
      <Group justify="space-between">
        <Title order={2}>{t('reports.title')}</Title>
        <Anchor component={Link} to="/figures/report-templates">
          {t('reports.templates.link')}
        </Anchor>
      </Group>
      <Text size="sm" maw={820}>
        {t('reports.intro')}
      </Text>
      {can('report.manage') && <ReportForm />}
      <QueryState query={reports}>
        {(items) =>
          items.length === 0 ? (
            <Text c="dimmed">{t('reports.none')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={720}>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('reports.list.title')}</Table.Th>
                    <Table.Th scope="col">{t('reports.header.vorlageNumber')}</Table.Th>
                    <Table.Th scope="col">{t('reports.header.committee')}</Table.Th>
                    <Table.Th scope="col">{t('reports.header.sessionDate')}</Table.Th>
                    <Table.Th scope="col">{t('reports.list.evaluation')}</Table.Th>
                    <Table.Th scope="col">{t('reports.list.status')}</Table.Th>
                    <Table.Th scope="col">{t('reports.list.createdAt')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((report) => (
                    <Table.Tr key={report.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/figures/reports/${report.id}`}>
                          {report.documentTitle}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{report.header.vorlageNumber || '–'}</Table.Td>
                      <Table.Td>{report.header.committee}</Table.Td>
                      <Table.Td>{formatDate(report.header.sessionDate, i18n.language)}</Table.Td>
                      <Table.Td>{report.evaluationName}</Table.Td>
                      <Table.Td>
                        <Badge color={statusColor[report.status]} variant="filled" miw="max-content">
                          {t(`reports.status.${report.status}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{formatDateTime(report.createdAt, i18n.language)}</Table.Td>
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
