import { Anchor, Badge, Group, List, Loader, Paper, Stack, Text, Title } from '@mantine/core'
import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import type { MatchCandidateView } from '../../../../common/casework.ts'
import { statusColors } from '../../colors.ts'
import { formatBirthDate, formatPercent, personName } from '../casework/format.ts'
import { Icon } from '../casework/icons.tsx'

/** From this score on a candidate is called "very likely"; below it (down to the server's threshold) "likely". */
export const veryLikelyScore = 0.9

export function MatchScore({ score }: { score: number }) {
  const { t, i18n } = useTranslation()
  const veryLikely = score >= veryLikelyScore
  return (
    <Badge color={veryLikely ? statusColors.negative : statusColors.warning} variant="filled">
      {t(veryLikely ? 'casework.match.veryLikely' : 'casework.match.likely')} ·{' '}
      {formatPercent(score, i18n.language)}
    </Badge>
  )
}

export function MatchReasons({ reasons }: { reasons: string[] }) {
  const { t } = useTranslation()
  if (reasons.length === 0) return null
  return (
    <Text size="sm">
      {t('casework.match.because')}{' '}
      {reasons.map((code) => t(`casework.matchReasons.${code}`, { defaultValue: code })).join(' · ')}
    </Text>
  )
}

/** One candidate: the person if the user may see them, otherwise only the team to ask. */
function Candidate({ candidate }: { candidate: MatchCandidateView }) {
  const { t, i18n } = useTranslation()
  if (!candidate.visible || !candidate.person) {
    const teams = candidate.contactTeams.map((team) => team.name).join(', ')
    return (
      <Paper withBorder p="sm">
        <Group gap="sm" mb={4}>
          <MatchScore score={candidate.score} />
        </Group>
        <Text size="sm">
          {teams ? t('casework.match.hiddenAtTeam', { teams }) : t('casework.match.hiddenNoTeam')}
        </Text>
      </Paper>
    )
  }
  const person = candidate.person
  return (
    <Paper withBorder p="sm">
      <Group gap="sm" mb={4} wrap="wrap">
        <Anchor component={Link} to={`/persons/${person.id}`} target="_blank" fw={600}>
          {personName(person)}
          <Text span size="xs" c="dimmed">
            {' '}
            {t('casework.match.opensInNewTab')}
          </Text>
        </Anchor>
        <Text size="sm">
          {t('casework.list.born', { date: formatBirthDate(person.birthDate, i18n.language) })}
        </Text>
        <MatchScore score={candidate.score} />
      </Group>
      <MatchReasons reasons={candidate.reasons} />
    </Paper>
  )
}

/**
 * Likely existing records of the person being registered, shown above the save button. The
 * count is announced politely, so that a screen reader hears it while typing.
 */
export function DuplicateCandidates({
  candidates,
  loading,
}: {
  candidates: MatchCandidateView[] | undefined
  loading: boolean
}) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="duplicates-heading">
      <Title order={3} size="h4" id="duplicates-heading" mb="xs">
        {t('casework.match.title')}
      </Title>
      <div aria-live="polite">
        {candidates === undefined ? (
          loading ? (
            <Group gap="xs">
              <Loader size="xs" aria-hidden />
              <Text size="sm">{t('casework.match.checking')}</Text>
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              {t('casework.match.enterNames')}
            </Text>
          )
        ) : candidates.length === 0 ? (
          <Text size="sm">{t('casework.match.none')}</Text>
        ) : (
          <Paper
            p="sm"
            bg="yellow.0"
            style={{ border: '1px solid var(--mantine-color-yellow-6)', borderLeft: '6px solid #b03a0b' }}
          >
            <Stack gap="xs">
              <Group gap={6}>
                <Icon name="warning" />
                <Text fw={700}>{t('casework.match.found', { count: candidates.length })}</Text>
              </Group>
              <Text size="sm">{t('casework.match.pleaseCheck')}</Text>
              <List listStyleType="none" spacing="xs" p={0}>
                {candidates.map((candidate) => (
                  <List.Item key={candidate.personId}>
                    <Candidate candidate={candidate} />
                  </List.Item>
                ))}
              </List>
            </Stack>
          </Paper>
        )}
      </div>
    </section>
  )
}
