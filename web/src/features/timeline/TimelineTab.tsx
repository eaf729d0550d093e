import { Box, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { Case, TimelineEntry } from '../../../../common/casework.ts'
import { QueryState } from '../../components/QueryState.tsx'
import { formatDateTime } from '../../i18n.ts'
import { formatDay } from '../casework/format.ts'
import { Icon, type IconName } from '../casework/icons.tsx'
import { timelineQuery } from '../casework/queries.ts'
import { networkSummary } from '../network/timeline-summary.ts'

const icons: Record<TimelineEntry['kind'], IconName> = {
  contact: 'contact',
  'phase-change': 'phase',
  assessment: 'assessment',
  goal: 'goal',
  measure: 'measure',
  task: 'task',
  document: 'document',
  'case-opened': 'opened',
  'legal-sphere-change': 'handover',
  'case-conference': 'conference',
  consent: 'check',
  'consent-revoked': 'warning',
  referral: 'phase',
}

const text = (value: unknown) => (typeof value === 'string' ? value : '')
const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : [])

/** A translated code, or the code itself if the UI does not know it. */
const code = (t: TFunction, key: string, value: unknown) =>
  value ? t(`casework.${key}.${String(value)}`, { defaultValue: String(value) }) : ''

/** One line that tells what happened, from the few fields the timeline carries per kind. */
function summaryOf(entry: TimelineEntry, t: TFunction, language: string): string {
  const s = entry.summary
  switch (entry.kind) {
    case 'contact':
      return [
        code(t, 'channels', s.channel),
        t('casework.contacts.minutes', { count: Number(s.durationMinutes ?? 0) }),
        list(s.domains)
          .map((domain) => code(t, 'domains', domain))
          .join(', '),
      ]
        .filter(Boolean)
        .join(' · ')
    case 'phase-change':
    case 'case-opened': {
      const reason = text(s.reason)
      const reasonText = reason
        ? t(`casework.closingReasons.${reason}`, {
            defaultValue: t(`casework.reopeningReasons.${reason}`, { defaultValue: reason }),
          })
        : ''
      const phases = s.from
        ? `${code(t, 'phases', s.from)} → ${code(t, 'phases', s.to)}`
        : code(t, 'phases', s.to)
      return [phases, reasonText].filter(Boolean).join(' · ')
    }
    case 'assessment':
      return t('casework.timeline.assessedOn', { date: formatDay(text(s.assessedOn), language) })
    case 'goal':
      return [code(t, 'domains', s.domain), text(s.statement), code(t, 'goalStatuses', s.status)]
        .filter(Boolean)
        .join(' · ')
    case 'measure':
      return [
        text(s.description),
        code(t, 'measureStatuses', s.status),
        s.dueOn ? t('casework.timeline.due', { date: formatDay(text(s.dueOn), language) }) : '',
      ]
        .filter(Boolean)
        .join(' · ')
    case 'task':
      return [
        text(s.title),
        t('casework.timeline.due', { date: formatDay(text(s.dueOn), language) }),
        s.done ? t('casework.tasks.done') : '',
      ]
        .filter(Boolean)
        .join(' · ')
    case 'document':
      return text(s.fileName)
    case 'legal-sphere-change':
      return [
        `${text(s.from)} → ${text(s.to)}`,
        t('legalSphereChanges.effectiveOnDate', { date: formatDay(text(s.effectiveOn), language) }),
        s.reason ? t(`legalSphereChanges.reasons.${text(s.reason)}`, { defaultValue: text(s.reason) }) : '',
      ]
        .filter(Boolean)
        .join(' · ')
    case 'case-conference':
      return [
        s.conferenceKind ? t(`caseConferences.kinds.${text(s.conferenceKind)}`) : '',
        t('caseConferences.heldOnDate', { date: formatDay(text(s.heldOn), language) }),
        t('caseConferences.organisationCount', { count: Number(s.organisations ?? 0) }),
      ]
        .filter(Boolean)
        .join(' · ')
    case 'consent':
    case 'consent-revoked':
    case 'referral':
      return networkSummary(entry, t, language)
  }
}

/** Everything in the case, newest first: what, when, who. */
export function TimelineTab({ item }: { item: Case }) {
  const { t, i18n } = useTranslation()
  const timeline = useQuery(timelineQuery(item.id))
  return (
    <section aria-labelledby="timeline-heading">
      <Title order={3} size="h4" id="timeline-heading" mb="sm">
        {t('casework.tabs.timeline')}
      </Title>
      <QueryState query={timeline}>
        {(entries) =>
          entries.length === 0 ? (
            <Text c="dimmed">{t('casework.timeline.empty')}</Text>
          ) : (
            <Stack component="ol" gap={0} p={0} m={0} style={{ listStyle: 'none' }}>
              {entries.map((entry) => (
                <Box
                  component="li"
                  key={`${entry.kind}-${entry.id}`}
                  py="xs"
                  style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
                >
                  <Group gap="sm" wrap="nowrap" align="flex-start">
                    <ThemeIcon variant="light" color="blue" size="lg" radius="xl" aria-hidden>
                      <Icon name={icons[entry.kind]} />
                    </ThemeIcon>
                    <div>
                      <Text size="sm" fw={700}>
                        {t(`casework.timelineKinds.${entry.kind}`)}
                        <Text span size="sm" c="dimmed" fw={400}>
                          {' · '}
                          {formatDateTime(entry.at, i18n.language)}
                          {entry.actorName ? ` · ${entry.actorName}` : ''}
                        </Text>
                      </Text>
                      <Text size="sm">{summaryOf(entry, t, i18n.language)}</Text>
                      {text(entry.summary.note) && (
                        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                          <Text span size="sm" fw={600}>
                            {t('casework.timeline.note')}:
                          </Text>{' '}
                          {text(entry.summary.note)}
                        </Text>
                      )}
                    </div>
                  </Group>
                </Box>
              ))}
            </Stack>
          )
        }
      </QueryState>
    </section>
  )
}
