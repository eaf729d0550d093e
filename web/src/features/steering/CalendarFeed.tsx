import { Alert, Anchor, Button, CopyButton, Group, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FeedTokenCreated, FeedTokenState } from '../../../../common/steering.ts'
import { apiSend } from '../../api.ts'
import { FormProblem } from '../../components/FormProblem.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { formatDateTime } from '../../i18n.ts'
import { feedTokenQuery } from './queries.ts'

/**
 * The body's meetings in the user's own calendar program: a personal secret address (made,
 * renewed and revoked here) that works without a session, and the one-off download beside it.
 */
export function CalendarFeed({ bodyId }: { bodyId: string }) {
  const { t, i18n } = useTranslation()
  const queryClient = useQueryClient()
  const state = useQuery(feedTokenQuery(bodyId))
  const [created, setCreated] = useState<FeedTokenCreated | null>(null)
  const language = i18n.language === 'en' ? 'en' : 'de'
  const refresh = (next: FeedTokenState) => queryClient.setQueryData(feedTokenQuery(bodyId).queryKey, next)
  const create = useMutation({
    mutationFn: () => apiSend<FeedTokenCreated>('POST', `/bodies/${bodyId}/feed-token`),
    onSuccess: (answer) => {
      setCreated(answer)
      refresh({ exists: true, createdAt: answer.createdAt, lastUsedAt: null })
    },
  })
  const revoke = useMutation({
    mutationFn: () => apiSend<FeedTokenState>('DELETE', `/bodies/${bodyId}/feed-token`),
    onSuccess: (answer) => {
      setCreated(null)
      refresh(answer)
    },
  })
  const address = created ? `${window.location.origin}${created.path}&language=${language}` : ''
  return (
    <Stack gap="xs" component="section" aria-labelledby="calendar-feed-heading">
      <Title order={4} id="calendar-feed-heading">
        {t('steering.feed.title')}
      </Title>
      <Text size="sm">{t('steering.feed.hint')}</Text>
      <QueryState query={state}>
        {(feed) => (
          <Stack gap="xs">
            <Text size="sm">
              {feed.exists && feed.createdAt
                ? `${t('steering.feed.exists', { date: formatDateTime(feed.createdAt, i18n.language) })} ${
                    feed.lastUsedAt
                      ? t('steering.feed.lastUsed', { date: formatDateTime(feed.lastUsedAt, i18n.language) })
                      : t('steering.feed.neverUsed')
                  }`
                : t('steering.feed.none')}
            </Text>
            {created && (
              <Alert color="blue" title={t('steering.feed.url')}>
                <Stack gap="xs">
                  <Text size="sm">{t('steering.feed.shownOnce')}</Text>
                  <Group align="flex-end" gap="xs">
                    <TextInput
                      label={t('steering.feed.url')}
                      value={address}
                      readOnly
                      onFocus={(event) => event.currentTarget.select()}
                      w={520}
                    />
                    <CopyButton value={address}>
                      {({ copied, copy }) => (
                        <Button variant="light" onClick={copy}>
                          {copied ? t('steering.feed.copied') : t('steering.feed.copy')}
                        </Button>
                      )}
                    </CopyButton>
                  </Group>
                </Stack>
              </Alert>
            )}
            <Group gap="sm">
              <Button variant="light" loading={create.isPending} onClick={() => create.mutate()}>
                {feed.exists ? t('steering.feed.renew') : t('steering.feed.create')}
              </Button>
              {feed.exists && (
                <Button
                  variant="subtle"
                  color="red"
                  loading={revoke.isPending}
                  onClick={() => revoke.mutate()}
                >
                  {t('steering.feed.revoke')}
                </Button>
              )}
              <Anchor href={`/api/bodies/${bodyId}/calendar.ics?language=${language}`} size="sm">
                {t('steering.feed.download')}
              </Anchor>
            </Group>
            {feed.exists && !created && (
              <Text size="xs" c="dimmed">
                {t('steering.feed.renewHint')}
              </Text>
            )}
            <FormProblem error={create.error ?? revoke.error} />
          </Stack>
        )}
      </QueryState>
    </Stack>
  )
}
