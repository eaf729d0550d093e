import { Button, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ConceptSection, ConceptVersionDetail } from '../../../../common/concept.ts'
import { apiSend } from '../../api.ts'
import { FormProblem } from '../../components/FormProblem.tsx'
import { useCaseworkProblems } from '../casework/problems.tsx'
import { useVersionChange } from './queries.ts'

/** A section's heading: the domain's name, or its own title. */
export function useSectionTitle() {
  const { t } = useTranslation()
  return (section: Pick<ConceptSection, 'kind' | 'domain'> & { title: string | null }) =>
    section.kind === 'domain' && section.domain
      ? t(`casework.domains.${section.domain}`)
      : (section.title ?? '')
}

/** Paragraphs as written: one line, one paragraph. */
export function Paragraphs({ text }: { text: string }) {
  const { t } = useTranslation()
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '')
  if (lines.length === 0) return <Text c="dimmed">{t('concept.sections.empty')}</Text>
  return (
    <Stack gap={6}>
      {lines.map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs have no identity beyond their place
        <Text key={index}>{line}</Text>
      ))}
    </Stack>
  )
}

function SectionEditor({
  version,
  section,
  onDone,
}: {
  version: ConceptVersionDetail
  section: ConceptSection
  onDone: () => void
}) {
  const { t } = useTranslation()
  const problems = useCaseworkProblems()
  const titleOf = useSectionTitle()
  const [title, setTitle] = useState(section.title)
  const [body, setBody] = useState(section.body)
  const save = useVersionChange(version.id, (input: { title: string; body: string }) =>
    apiSend<ConceptVersionDetail>('PUT', `/concept/versions/${version.id}/sections/${section.id}`, input, {
      'if-match': `"${section.version}"`,
    }),
  )
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        save.mutate({ title, body }, { onSuccess: onDone })
      }}
    >
      <Stack gap="xs">
        {section.kind !== 'domain' && (
          <TextInput
            label={t('concept.sections.titleField')}
            required
            maxLength={300}
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            error={problems.field(save.error, 'title')}
          />
        )}
        <Textarea
          label={t('concept.sections.text', { title: titleOf(section) })}
          description={t('concept.sections.textHint')}
          autosize
          minRows={4}
          maxLength={50_000}
          value={body}
          onChange={(event) => setBody(event.currentTarget.value)}
          error={problems.field(save.error, 'body')}
        />
        <FormProblem error={save.error} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('concept.save')}
          </Button>
          <Button variant="subtle" onClick={onDone}>
            {t('concept.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

function SectionView({
  version,
  section,
  editable,
}: {
  version: ConceptVersionDetail
  section: ConceptSection
  editable: boolean
}) {
  const { t } = useTranslation()
  const titleOf = useSectionTitle()
  const [editing, setEditing] = useState(false)
  const remove = useVersionChange(version.id, () =>
    apiSend<ConceptVersionDetail>('DELETE', `/concept/versions/${version.id}/sections/${section.id}`),
  )
  const heading = titleOf(section)
  return (
    <Paper withBorder p="md" component="section" aria-label={heading}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>{heading}</Title>
          {editable && !editing && (
            <Group gap="xs">
              <Button
                size="xs"
                variant="light"
                onClick={() => setEditing(true)}
                aria-label={t('concept.sections.editOf', { title: heading })}
              >
                {t('concept.edit')}
              </Button>
              {section.kind !== 'domain' && (
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() => remove.mutate(undefined)}
                  loading={remove.isPending}
                  aria-label={t('concept.sections.removeOf', { title: heading })}
                >
                  {t('concept.remove')}
                </Button>
              )}
            </Group>
          )}
        </Group>
        {editing ? (
          <SectionEditor
            key={section.version}
            version={version}
            section={section}
            onDone={() => setEditing(false)}
          />
        ) : (
          <Paragraphs text={section.body} />
        )}
        <FormProblem error={remove.error} />
      </Stack>
    </Paper>
  )
}

function NewSection({ version }: { version: ConceptVersionDetail }) {
  const { t } = useTranslation()
  const problems = useCaseworkProblems()
  const [title, setTitle] = useState('')
  const add = useVersionChange(version.id, (input: { title: string }) =>
    apiSend<ConceptVersionDetail>('POST', `/concept/versions/${version.id}/sections`, input),
  )
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        add.mutate({ title }, { onSuccess: () => setTitle('') })
      }}
    >
      <Group align="flex-start">
        <TextInput
          label={t('concept.sections.newTitle')}
          required
          maxLength={300}
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
          error={problems.field(add.error, 'title')}
          w={420}
        />
        <Button type="submit" mt={25} variant="light" loading={add.isPending} disabled={title.trim() === ''}>
          {t('concept.sections.add')}
        </Button>
      </Group>
      <FormProblem error={add.error} />
    </form>
  )
}

/** The text of the concept: introduction, one section per life domain, further sections. */
export function ConceptSections({ version, editable }: { version: ConceptVersionDetail; editable: boolean }) {
  return (
    <Stack gap="sm">
      {version.sections.map((section) => (
        <SectionView key={section.id} version={version} section={section} editable={editable} />
      ))}
      {editable && <NewSection version={version} />}
    </Stack>
  )
}
