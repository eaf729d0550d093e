import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Progress,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  generationSteps,
  type Report,
  type TextBlock,
  unknownPlaceholders,
} from '../../../../common/report.ts'
import { apiSend } from '../../api.ts'
import { QueryState } from '../../components/QueryState.tsx'
import { formatDate, formatDateTime } from '../../i18n.ts'
import { useProblemText } from '../../problems.ts'
import { useCan } from '../../session.tsx'
import { statusColor } from './ReportsPage.tsx'
import { reportKeys, reportQuery } from './reportQueries.ts'

/** Where the making of the files stands: the steps done, as a bar and in words. */
function GenerationProgress({ report }: { report: Report }) {
  const { t } = useTranslation()
  const index = generationSteps.indexOf(report.step)
  const percent = report.status === 'ready' ? 100 : Math.round((index / (generationSteps.length - 1)) * 100)
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Badge color={statusColor[report.status]} variant="filled">
          {t(`reports.status.${report.status}`)}
        </Badge>
        {report.status === 'generating' && (
          <Text size="sm" aria-live="polite">
            {t(`reports.steps.${report.step}`)}
          </Text>
        )}
      </Group>
      {report.status === 'generating' && (
        <Progress value={percent} animated aria-label={t('reports.progress')} maw={480} />
      )}
    </Stack>
  )
}

function Downloads({ report }: { report: Report }) {
  const { t, i18n } = useTranslation()
  const ready = report.generatedAt !== null
  return (
    <Group>
      <Button component="a" href={`/api/reports/${report.id}.docx`} disabled={!ready} variant="filled">
        {t('reports.download.docx')}
      </Button>
      <Button
        component="a"
        href={`/api/reports/${report.id}.pdf`}
        target="_blank"
        disabled={!ready}
        variant="light"
      >
        {t('reports.download.pdf')}
      </Button>
      {report.generatedAt && (
        <Text size="sm" c="dimmed">
          {t('reports.generatedAt', { when: formatDateTime(report.generatedAt, i18n.language) })}
        </Text>
      )}
    </Group>
  )
}

type Draft = { title: string; blocks: Pick<TextBlock, 'id' | 'heading' | 'text'>[] }

/** Coordination edits the title and the text blocks; the generated tables and charts keep their place. */
function TextEditor({ report }: { report: Report }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const problems = useProblemText()
  const initial = (): Draft => ({
    title: report.title,
    blocks: report.blocks.flatMap((block) =>
      block.type === 'text' ? [{ id: block.id, heading: block.heading, text: block.text }] : [],
    ),
  })
  const [draft, setDraft] = useState<Draft>(initial)
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version from the server resets the draft
  useEffect(() => setDraft(initial()), [report.version])
  const save = useMutation({
    mutationFn: (body: Draft) =>
      apiSend<Report>('PUT', `/reports/${report.id}/texts`, body, { 'if-match': `"${report.version}"` }),
    onSuccess: (saved) => queryClient.setQueryData(reportKeys.one(saved.id), saved),
  })
  const unknown = unknownPlaceholders(draft.title, draft.blocks)
  const setBlock = (index: number, change: Partial<Draft['blocks'][number]>) =>
    setDraft({
      ...draft,
      blocks: draft.blocks.map((block, at) => (at === index ? { ...block, ...change } : block)),
    })
  return (
    <Card withBorder component="section" aria-labelledby="report-texts-heading">
      <Title order={3} size="h4" id="report-texts-heading" mb="xs">
        {t('reports.texts.title')}
      </Title>
      <Text size="sm" mb="sm" maw={820}>
        {t('reports.texts.hint')}{' '}
        <Anchor component={Link} to="/figures/report-templates">
          {t('reports.texts.placeholders')}
        </Anchor>
      </Text>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          if (unknown.length === 0) save.mutate(draft)
        }}
        noValidate
      >
        <Stack gap="sm">
          {save.error && <Alert color="red">{problems.message(save.error)}</Alert>}
          {unknown.length > 0 && (
            <Alert color="red" title={t('reports.templates.unknownTitle')}>
              {unknown.map((each) => `{{${each.placeholder}}}`).join(', ')}
            </Alert>
          )}
          <TextInput
            label={t('reports.texts.documentTitle')}
            value={draft.title}
            onChange={(event) => setDraft({ ...draft, title: event.currentTarget.value })}
          />
          {draft.blocks.map((block, index) => (
            <Stack key={block.id} gap={4}>
              <TextInput
                label={t('reports.texts.heading', { number: index + 1 })}
                value={block.heading}
                onChange={(event) => setBlock(index, { heading: event.currentTarget.value })}
              />
              <Textarea
                label={t('reports.texts.text', { number: index + 1 })}
                autosize
                minRows={3}
                value={block.text}
                onChange={(event) => setBlock(index, { text: event.currentTarget.value })}
              />
            </Stack>
          ))}
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={unknown.length > 0}>
              {t('reports.texts.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  )
}

/** One committee report: its header, the progress of its files, downloads and (for coordination) its texts. */
export function ReportPage({ reportId }: { reportId: string }) {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const queryClient = useQueryClient()
  const report = useQuery(reportQuery(reportId))
  const regenerate = useMutation({
    mutationFn: () => apiSend<Report>('POST', `/reports/${reportId}/generation`),
    onSuccess: (saved) => queryClient.setQueryData(reportKeys.one(saved.id), saved),
  })
  return (
    <QueryState query={report}>
      {(item) => (
        <Stack maw={1000} gap="lg">
          <Anchor component={Link} to="/figures/reports" size="sm">
            {t('reports.back')}
          </Anchor>
          <Stack gap={4}>
            <Text size="sm" c="dimmed">
              {t(`reports.kinds.${item.kind}`)}
            </Text>
            <Title order={2}>{item.documentTitle}</Title>
          </Stack>
          <Card withBorder component="section" aria-labelledby="report-header-heading">
            <Title order={3} size="h4" id="report-header-heading" mb="xs">
              {t('reports.header.title')}
            </Title>
            <List listStyleType="none" spacing={2}>
              <List.Item>
                {t('reports.header.vorlageNumber')}: {item.header.vorlageNumber || '–'}
              </List.Item>
              <List.Item>
                {t('reports.header.committee')}: {item.header.committee}
              </List.Item>
              <List.Item>
                {t('reports.header.sessionDate')}: {formatDate(item.header.sessionDate, i18n.language)}
              </List.Item>
              <List.Item>
                {t('reports.header.aktenzeichen')}: {item.header.aktenzeichen || '–'}
              </List.Item>
              <List.Item>
                {t('reports.list.evaluation')}:{' '}
                <Anchor component={Link} to={`/figures/evaluations/${item.evaluationId}`}>
                  {item.evaluationName}
                </Anchor>{' '}
                ({formatDate(item.from, i18n.language)} – {formatDate(item.to, i18n.language)})
              </List.Item>
              <List.Item>
                {t('reports.list.template')}: {item.templateName}
              </List.Item>
            </List>
          </Card>
          <Card withBorder component="section" aria-labelledby="report-files-heading">
            <Title order={3} size="h4" id="report-files-heading" mb="xs">
              {t('reports.files')}
            </Title>
            <Stack gap="sm">
              <GenerationProgress report={item} />
              {item.textsChangedSinceFiles && <Alert color="yellow">{t('reports.textsChanged')}</Alert>}
              <Downloads report={item} />
              {can('report.manage') && (
                <Group>
                  <Button
                    variant="default"
                    onClick={() => regenerate.mutate()}
                    loading={regenerate.isPending}
                    disabled={item.status === 'generating'}
                  >
                    {t('reports.regenerate')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Card>
          {can('report.manage') && <TextEditor report={item} />}
        </Stack>
      )}
    </QueryState>
  )
}
