import { Button, Card, Group, List, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Case } from '../../../../../common/casework.ts'
import type { Conference } from '../../../../../common/conference.ts'
import { QueryState } from '../../../components/QueryState.tsx'
import { canWrite } from '../../casework/bits.tsx'
import { formatDay } from '../../casework/format.ts'
import { ConferenceDialog } from './ConferenceDialog.tsx'
import { caseConferencesQuery } from './conference-queries.ts'

/** The case's conferences, newest first, and the button to record one. */
export function ConferencesTab({ item }: { item: Case }) {
  const { t } = useTranslation()
  const conferences = useQuery(caseConferencesQuery(item.id))
  const [opened, setOpened] = useState(false)
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3} size="h4">
          {t('caseConferences.title')}
        </Title>
        {canWrite(item) && <Button onClick={() => setOpened(true)}>{t('caseConferences.record')}</Button>}
      </Group>
      <ConferenceDialog item={item} opened={opened} onClose={() => setOpened(false)} />
      <QueryState query={conferences}>
        {(list) =>
          list.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('caseConferences.none')}
            </Text>
          ) : (
            <Stack gap="sm">
              {list.map((conference) => (
                <ConferenceCard key={conference.id} conference={conference} />
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Stack>
  )
}

function ConferenceCard({ conference }: { conference: Conference }) {
  const { t, i18n } = useTranslation()
  const title = `${t(`caseConferences.kinds.${conference.kind}`)}, ${formatDay(conference.heldOn, i18n.language)}`
  return (
    <Card withBorder padding="sm" component="article" aria-label={title}>
      <Text fw={700}>{title}</Text>
      <Text size="sm" fw={600} mt="xs">
        {t('caseConferences.participants')}
      </Text>
      <List size="sm">
        {conference.participants.map((participant) => (
          <List.Item key={participant.organisationId ?? participant.organisationName}>
            {participant.organisationName}
            {participant.people && ` – ${participant.people}`}
          </List.Item>
        ))}
        {conference.staff && (
          <List.Item>{t('caseConferences.staffLine', { staff: conference.staff })}</List.Item>
        )}
      </List>
      <Text size="sm" fw={600} mt="xs">
        {t('caseConferences.summary')}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {conference.summary}
      </Text>
      {conference.outcomes && (
        <>
          <Text size="sm" fw={600} mt="xs">
            {t('caseConferences.outcomes')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {conference.outcomes}
          </Text>
        </>
      )}
      {conference.actions.length > 0 && (
        <>
          <Text size="sm" fw={600} mt="xs">
            {t('caseConferences.actions')}
          </Text>
          <List size="sm">
            {conference.actions.map((action) => (
              <List.Item key={action.id}>
                {t('caseConferences.actionLine', {
                  description: action.description,
                  assignee: action.assigneeName,
                  date: formatDay(action.dueOn, i18n.language),
                })}
                {action.done && ` (${t('caseConferences.done')})`}
              </List.Item>
            ))}
          </List>
        </>
      )}
      <Text size="xs" c="dimmed" mt="xs">
        {t('caseConferences.recordedBy', { name: conference.recordedBy })}
      </Text>
    </Card>
  )
}
