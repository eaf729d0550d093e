import { ActionIcon, Anchor, Button, FileButton, Group, List, Stack, Text, Title } from '@mantine/core'
import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import type { MeetingDetail } from '../../../../common/steering.ts'
import { apiSend, apiUpload } from '../../api.ts'
import { FormProblem } from '../../components/FormProblem.tsx'
import { formatFileSize } from '../casework/format.ts'
import { AgendaItemForm, useMeetingChange } from './meeting-forms.tsx'
import { ConfirmDelete } from './steering-form.tsx'
import { useEditing } from './use-editing.ts'

type AgendaItem = MeetingDetail['agenda'][number]

/** What a body's papers may be; the server checks the content as well. */
const acceptedFiles = '.pdf,.docx,.xlsx,.png,.jpg,.jpeg,.gif,.webp'

function AgendaDocuments({
  meeting,
  item,
  open,
}: {
  meeting: MeetingDetail
  item: AgendaItem
  open: boolean
}) {
  const { t, i18n } = useTranslation()
  const base = `/meetings/${meeting.id}/agenda-items/${item.id}/documents`
  const upload = useMeetingChange(meeting, (file: File) => {
    const form = new FormData()
    form.append('file', file, file.name)
    return apiUpload<MeetingDetail>(base, form)
  })
  const remove = useMeetingChange(meeting, (documentId: string) =>
    apiSend<MeetingDetail>('DELETE', `${base}/${documentId}`),
  )
  if (item.documents.length === 0 && !open) return null
  return (
    <Stack gap={4} pl="md">
      {item.documents.length > 0 && (
        <List
          size="sm"
          spacing={2}
          aria-label={t('steering.agenda.documentsOf', { position: item.position })}
        >
          {item.documents.map((document) => (
            <List.Item key={document.id}>
              <Group gap="xs">
                <Anchor href={`/api${base}/${document.id}`} size="sm">
                  {document.fileName}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {formatFileSize(document.sizeBytes, i18n.language)}
                </Text>
                {open && (
                  <ConfirmDelete
                    label={t('steering.agenda.deleteDocument', { name: document.fileName })}
                    pending={remove.isPending}
                    onConfirm={() => remove.mutate(document.id)}
                  />
                )}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {open && (
        <Group gap="xs">
          <FileButton onChange={(file) => file && upload.mutate(file)} accept={acceptedFiles}>
            {(props) => (
              <Button
                {...props}
                size="compact-sm"
                variant="light"
                loading={upload.isPending}
                aria-label={t('steering.agenda.uploadTo', { position: item.position })}
              >
                {t('steering.agenda.upload')}
              </Button>
            )}
          </FileButton>
          <Text size="xs" c="dimmed">
            {t('steering.agenda.uploadHint')}
          </Text>
        </Group>
      )}
      <FormProblem error={upload.error ?? remove.error} />
    </Stack>
  )
}

function AgendaItemRow({
  meeting,
  item,
  open,
  decisions,
}: {
  meeting: MeetingDetail
  item: AgendaItem
  open: boolean
  decisions: MeetingDetail['decisions']
}) {
  const { t } = useTranslation()
  const editing = useEditing()
  const ids = meeting.agenda.map((each) => each.id)
  const index = ids.indexOf(item.id)
  const reorder = useMeetingChange(meeting, (agendaItemIds: string[]) =>
    apiSend<MeetingDetail>('PUT', `/meetings/${meeting.id}/agenda-order`, { agendaItemIds }),
  )
  const remove = useMeetingChange(meeting, () =>
    apiSend<MeetingDetail>('DELETE', `/meetings/${meeting.id}/agenda-items/${item.id}`),
  )
  const move = (offset: -1 | 1) => {
    const order = [...ids]
    const [moved] = order.splice(index, 1)
    order.splice(index + offset, 0, moved as string)
    reorder.mutate(order)
  }
  if (editing.active) return <AgendaItemForm meeting={meeting} item={item} onDone={editing.stop} />
  return (
    <Stack gap={2}>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Text fw={600} style={{ flex: 1 }}>
          TOP {item.position}: {item.title}
        </Text>
        {open && (
          <Group gap={4} wrap="nowrap">
            <ActionIcon
              variant="subtle"
              disabled={index === 0}
              loading={reorder.isPending}
              onClick={() => move(-1)}
              aria-label={t('steering.agenda.moveUp', { position: item.position })}
            >
              ↑
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              disabled={index === ids.length - 1}
              loading={reorder.isPending}
              onClick={() => move(1)}
              aria-label={t('steering.agenda.moveDown', { position: item.position })}
            >
              ↓
            </ActionIcon>
            <Button
              size="compact-sm"
              variant="subtle"
              onClick={editing.start}
              aria-label={t('steering.agenda.edit', { position: item.position })}
            >
              {t('steering.edit.edit')}
            </Button>
            <ConfirmDelete
              label={t('steering.agenda.delete', { position: item.position })}
              pending={remove.isPending}
              onConfirm={() => remove.mutate(undefined)}
            />
          </Group>
        )}
      </Group>
      {item.description && <Text size="sm">{item.description}</Text>}
      {item.obstacleId && (
        <Anchor
          size="sm"
          renderRoot={(props) => (
            <Link {...props} to="/obstacles" search={{ obstacle: item.obstacleId ?? undefined }} />
          )}
        >
          {t('obstacles.agenda.fromBoard')}
        </Anchor>
      )}
      <FormProblem error={reorder.error ?? remove.error} />
      <AgendaDocuments meeting={meeting} item={item} open={open} />
      {decisions.map((decision) => (
        <Text
          key={decision.id}
          size="sm"
          pl="md"
          style={{ borderLeft: '3px solid var(--mantine-color-blue-3)' }}
        >
          <strong>{t('steering.decisions.label', { number: decision.number })}</strong> {decision.text}
        </Text>
      ))}
    </Stack>
  )
}

/** The agenda (Tagesordnung): items with their papers and decisions; editable while the minutes are open. */
export function AgendaSection({ meeting, open }: { meeting: MeetingDetail; open: boolean }) {
  const { t } = useTranslation()
  return (
    <Stack gap="xs">
      <Title order={3}>{t('steering.agenda.title')}</Title>
      {meeting.agenda.length === 0 && <Text c="dimmed">{t('steering.agenda.empty')}</Text>}
      {meeting.agenda.map((item) => (
        <AgendaItemRow
          key={item.id}
          meeting={meeting}
          item={item}
          open={open}
          decisions={meeting.decisions.filter((decision) => decision.agendaItemId === item.id)}
        />
      ))}
      {open && <AgendaItemForm meeting={meeting} />}
    </Stack>
  )
}
