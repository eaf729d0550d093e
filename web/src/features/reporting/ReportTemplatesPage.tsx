import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Code,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  generatedBlockKinds,
  placeholderNames,
  type ReportBlock,
  type ReportTemplate,
  type ReportTemplateInput,
  templateKinds,
  unknownPlaceholders,
} from '../../../../common/report.ts'
import { ApiError, apiSend } from '../../api.ts'
import { QueryState } from '../../components/QueryState.tsx'
import { useProblemText } from '../../problems.ts'
import { useCan } from '../../session.tsx'
import { reportKeys, reportTemplatesQuery } from './reportQueries.ts'

const draftOf = (template: ReportTemplate): ReportTemplateInput => ({
  name: template.name,
  kind: template.kind,
  title: template.title,
  blocks: template.blocks,
})

/** A block id unique in the template, from the time: ids only keep edits of a report apart. */
const newId = (blocks: readonly ReportBlock[]) => {
  let number = blocks.length + 1
  while (blocks.some((block) => block.id === `block-${number}`)) number++
  return `block-${number}`
}

function PlaceholderList() {
  const { t } = useTranslation()
  return (
    <Card withBorder component="section" aria-labelledby="placeholders-heading">
      <Title order={3} size="h4" id="placeholders-heading" mb="xs">
        {t('reports.templates.placeholders')}
      </Title>
      <Text size="sm" mb="sm">
        {t('reports.templates.placeholdersHint')}
      </Text>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('reports.templates.placeholder')}</Table.Th>
            <Table.Th scope="col">{t('reports.templates.meaning')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {placeholderNames.map((name) => (
            <Table.Tr key={name}>
              <Table.Td>
                <Code>{`{{${name}}}`}</Code>
              </Table.Td>
              <Table.Td>{t(`reports.placeholders.${name}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  )
}

function TemplateEditor({ template, canEdit }: { template: ReportTemplate; canEdit: boolean }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const problems = useProblemText()
  const [draft, setDraft] = useState<ReportTemplateInput>(() => draftOf(template))
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version from the server resets the draft
  useEffect(() => setDraft(draftOf(template)), [template.id, template.version])
  const saved = () => void queryClient.invalidateQueries({ queryKey: reportKeys.templates })
  const save = useMutation({
    mutationFn: (body: ReportTemplateInput) =>
      apiSend<ReportTemplate>('PUT', `/report-templates/${template.id}`, body, {
        'if-match': `"${template.version}"`,
      }),
    onSuccess: saved,
  })
  const saveAsNew = useMutation({
    mutationFn: (body: ReportTemplateInput) => apiSend<ReportTemplate>('POST', '/report-templates', body),
    onSuccess: saved,
  })
  const unknown = unknownPlaceholders(draft.title, draft.blocks)
  const error = save.error ?? saveAsNew.error
  const setBlocks = (blocks: ReportBlock[]) => setDraft({ ...draft, blocks })
  const setBlock = (index: number, block: ReportBlock) =>
    setBlocks(draft.blocks.map((each, at) => (at === index ? block : each)))
  const move = (index: number, by: -1 | 1) => {
    const blocks = [...draft.blocks]
    const [block] = blocks.splice(index, 1)
    if (block) blocks.splice(index + by, 0, block)
    setBlocks(blocks)
  }
  return (
    <Card withBorder component="section" aria-labelledby="template-editor-heading">
      <Title order={3} size="h4" id="template-editor-heading" mb="sm">
        {template.name}
      </Title>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          if (unknown.length === 0) save.mutate(draft)
        }}
      >
        <Stack gap="sm">
          {unknown.length > 0 && (
            <Alert color="red" title={t('reports.templates.unknownTitle')} role="alert">
              {t('reports.templates.unknownText', {
                names: unknown.map((each) => `{{${each.placeholder}}}`).join(', '),
              })}
            </Alert>
          )}
          {error && (
            <Alert color="red" role="alert">
              {error instanceof ApiError && error.problem?.code === 'unknown-placeholder'
                ? t('reports.templates.unknownText', { names: error.problem.detail ?? '' })
                : problems.message(error)}
            </Alert>
          )}
          <Group align="flex-start" wrap="wrap">
            <TextInput
              label={t('reports.templates.name')}
              value={draft.name}
              readOnly={!canEdit}
              onChange={(event) => setDraft({ ...draft, name: event.currentTarget.value })}
            />
            <NativeSelect
              label={t('reports.templates.kind')}
              value={draft.kind}
              disabled={!canEdit}
              data={templateKinds.map((kind) => ({ value: kind, label: t(`reports.kinds.${kind}`) }))}
              onChange={(event) =>
                setDraft({ ...draft, kind: event.currentTarget.value as ReportTemplateInput['kind'] })
              }
            />
          </Group>
          <TextInput
            label={t('reports.templates.documentTitle')}
            value={draft.title}
            readOnly={!canEdit}
            onChange={(event) => setDraft({ ...draft, title: event.currentTarget.value })}
          />
          {draft.blocks.map((block, index) => (
            <Card key={block.id} withBorder padding="sm">
              <Stack gap={6}>
                <Group justify="space-between">
                  <Text fw={600} size="sm">
                    {index + 1}.{' '}
                    {block.type === 'text'
                      ? t('reports.templates.textBlock')
                      : t('reports.templates.generatedBlock')}
                  </Text>
                  {canEdit && (
                    <Group gap={4}>
                      <ActionIcon
                        variant="default"
                        aria-label={t('reports.templates.up', { number: index + 1 })}
                        disabled={index === 0}
                        onClick={() => move(index, -1)}
                      >
                        ↑
                      </ActionIcon>
                      <ActionIcon
                        variant="default"
                        aria-label={t('reports.templates.down', { number: index + 1 })}
                        disabled={index === draft.blocks.length - 1}
                        onClick={() => move(index, 1)}
                      >
                        ↓
                      </ActionIcon>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        disabled={draft.blocks.length === 1}
                        onClick={() => setBlocks(draft.blocks.filter((_, at) => at !== index))}
                      >
                        {t('reports.templates.remove')}
                      </Button>
                    </Group>
                  )}
                </Group>
                <TextInput
                  label={t('reports.texts.heading', { number: index + 1 })}
                  value={block.heading}
                  readOnly={!canEdit}
                  onChange={(event) => setBlock(index, { ...block, heading: event.currentTarget.value })}
                />
                {block.type === 'text' ? (
                  <Textarea
                    label={t('reports.texts.text', { number: index + 1 })}
                    autosize
                    minRows={2}
                    value={block.text}
                    readOnly={!canEdit}
                    onChange={(event) => setBlock(index, { ...block, text: event.currentTarget.value })}
                  />
                ) : (
                  <NativeSelect
                    label={t('reports.templates.content', { number: index + 1 })}
                    value={block.generated}
                    disabled={!canEdit}
                    data={generatedBlockKinds.map((kind) => ({
                      value: kind,
                      label: t(`reports.generated.${kind}`),
                    }))}
                    onChange={(event) =>
                      setBlock(index, {
                        ...block,
                        generated: event.currentTarget.value as (typeof generatedBlockKinds)[number],
                      })
                    }
                  />
                )}
              </Stack>
            </Card>
          ))}
          {canEdit && (
            <Group justify="space-between" wrap="wrap">
              <Group>
                <Button
                  variant="default"
                  onClick={() =>
                    setBlocks([
                      ...draft.blocks,
                      { type: 'text', id: newId(draft.blocks), heading: '', text: '' },
                    ])
                  }
                >
                  {t('reports.templates.addText')}
                </Button>
                <Button
                  variant="default"
                  onClick={() =>
                    setBlocks([
                      ...draft.blocks,
                      { type: 'generated', id: newId(draft.blocks), heading: '', generated: 'key-figures' },
                    ])
                  }
                >
                  {t('reports.templates.addGenerated')}
                </Button>
              </Group>
              <Group>
                <Button
                  variant="light"
                  disabled={unknown.length > 0 || draft.name === template.name}
                  loading={saveAsNew.isPending}
                  onClick={() => saveAsNew.mutate(draft)}
                >
                  {t('reports.templates.saveAsNew')}
                </Button>
                <Button type="submit" disabled={unknown.length > 0} loading={save.isPending}>
                  {t('reports.templates.save')}
                </Button>
              </Group>
            </Group>
          )}
          {save.isSuccess && !save.isPending && <Text size="sm">{t('reports.templates.saved')}</Text>}
        </Stack>
      </form>
    </Card>
  )
}

/** The district's report templates: ordered text blocks with placeholders and generated tables and charts. */
export function ReportTemplatesPage() {
  const { t } = useTranslation()
  const can = useCan()
  const templates = useQuery(reportTemplatesQuery)
  const [selected, setSelected] = useState<string | undefined>()
  return (
    <Stack maw={1100} gap="lg">
      <Title order={2}>{t('reports.templates.title')}</Title>
      <Text size="sm" maw={820}>
        {t('reports.templates.intro')}
      </Text>
      <QueryState query={templates}>
        {(items) => {
          const current = items.find((template) => template.id === selected) ?? items[0]
          return (
            <Stack gap="lg">
              <NativeSelect
                label={t('reports.templates.choose')}
                maw={360}
                value={current?.id ?? ''}
                data={items.map((template) => ({ value: template.id, label: template.name }))}
                onChange={(event) => setSelected(event.currentTarget.value)}
              />
              {current && <TemplateEditor template={current} canEdit={can('report.manage')} />}
            </Stack>
          )
        }}
      </QueryState>
      <PlaceholderList />
    </Stack>
  )
}
