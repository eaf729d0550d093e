import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type AccessFlags, defaultOutsideCaseloadThreshold } from '../../../../common/access-review.ts'
import { apiGet, apiSend } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { DayInput } from '../../components/DateFields.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { districtToday } from '../../district-time.ts'
import { formatDate, formatDateTime, formatNumber } from '../../i18n.ts'
import { useProblemText } from '../../problems.ts'
import { useCan } from '../../session.tsx'
import { privacyKeys } from './queries.ts'

type Entry = AccessFlags['unusualHours'][number]

/** An audit action by its name in the user's language; the code where no name is kept. */
function useActionName() {
  const { t } = useTranslation()
  return (action: string) => t(`audit.actions.${action}`, { defaultValue: action })
}

/** Marks one flagged entry reviewed with a comment, in place. */
function ReviewCell({ entry }: { entry: Entry }) {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const problems = useProblemText()
  const queryClient = useQueryClient()
  const [editing, setEditing] = useState(false)
  const [comment, setComment] = useState('')
  const mark = useMutation({
    mutationFn: () =>
      apiSend<null>('POST', '/access-review/reviews', { auditEventId: entry.auditEventId, comment }),
    onSuccess: async () => {
      setEditing(false)
      await queryClient.invalidateQueries({ queryKey: [...privacyKeys.all, 'access-review'] })
    },
  })
  if (entry.review) {
    return (
      <Stack gap={2}>
        <Badge color={statusColors.positive}>
          {t('privacy.accessReview.reviewed', {
            who: entry.review.reviewedBy ?? t('privacy.accessReview.unknownActor'),
            when: formatDate(entry.review.reviewedAt, i18n.language),
          })}
        </Badge>
        <Text size="sm">{entry.review.comment}</Text>
      </Stack>
    )
  }
  if (!editing) {
    return (
      <Group gap="xs">
        <Badge color={statusColors.warning}>{t('privacy.accessReview.open')}</Badge>
        {can('access-review.decide') && (
          <Button size="xs" variant="light" onClick={() => setEditing(true)}>
            {t('privacy.accessReview.review')}
          </Button>
        )}
      </Group>
    )
  }
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        mark.mutate()
      }}
    >
      <Stack gap="xs" miw={260}>
        <Textarea
          label={t('privacy.accessReview.comment')}
          required
          autosize
          minRows={2}
          maxLength={2000}
          value={comment}
          onChange={(event) => setComment(event.currentTarget.value)}
          error={problems.field(mark.error, 'comment')}
        />
        {mark.isError && !problems.hasFields(mark.error) && (
          <Alert color="red" role="alert">
            {problems.message(mark.error)}
          </Alert>
        )}
        <Group gap="xs">
          <Button size="xs" type="submit" loading={mark.isPending} disabled={comment.trim().length < 3}>
            {t('privacy.accessReview.save')}
          </Button>
          <Button size="xs" variant="default" onClick={() => setEditing(false)}>
            {t('privacy.accessReview.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

function Section({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  const { t } = useTranslation()
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Title order={3}>
        {title} <Badge variant="light">{count}</Badge>
      </Title>
      {count === 0 ? <Text c="dimmed">{t('privacy.accessReview.none')}</Text> : children}
    </Stack>
  )
}

function subjectText(
  t: (key: string) => string,
  entry: { subjectType: string | null; subjectId: string | null; subjectReference: string | null },
) {
  if (!entry.subjectType) return '–'
  const type = t(`audit.subjectTypes.${entry.subjectType}`)
  return `${type} ${entry.subjectReference ?? entry.subjectId?.slice(0, 8) ?? ''}`
}

/** The data protection officer's review of accesses: the flags of a period and their review. */
export function AccessReviewPage() {
  const { t, i18n } = useTranslation()
  const actionName = useActionName()
  const [from, setFrom] = useState(districtToday(-29))
  const [to, setTo] = useState(districtToday())
  const [threshold, setThreshold] = useState<number>(defaultOutsideCaseloadThreshold)
  const params = new URLSearchParams({ from, to, outsideThreshold: String(threshold) })
  const flags = useQuery({
    queryKey: [...privacyKeys.all, 'access-review', params.toString()],
    queryFn: ({ signal }) => apiGet<AccessFlags>(`/access-review/flags?${params}`, signal),
    enabled: Boolean(from && to),
    placeholderData: (previous) => previous,
  })
  const when = (value: string) => formatDateTime(value, i18n.language)
  const who = (entry: { actorName: string | null }) =>
    entry.actorName ?? t('privacy.accessReview.unknownActor')
  const column = (key: string) => <Table.Th scope="col">{t(`privacy.accessReview.columns.${key}`)}</Table.Th>

  return (
    <Stack gap="lg" maw={1200}>
      <Title order={2}>{t('privacy.accessReview.title')}</Title>
      <Text>{t('privacy.accessReview.intro')}</Text>
      <Group align="flex-end" wrap="wrap">
        <DayInput label={t('privacy.accessReview.from')} value={from} onChange={setFrom} w={160} />
        <DayInput label={t('privacy.accessReview.to')} value={to} onChange={setTo} w={160} />
        <NumberInput
          label={t('privacy.accessReview.threshold')}
          min={2}
          max={1000}
          value={threshold}
          onChange={(value) => setThreshold(typeof value === 'number' && value >= 2 ? value : 2)}
          w={320}
        />
        <Anchor component={Link} to="/audit">
          {t('privacy.accessReview.openAudit')}
        </Anchor>
      </Group>
      <QueryState query={flags}>
        {(result) => (
          <Stack gap="xl">
            {result.truncated && <Alert color="yellow">{t('privacy.accessReview.truncated')}</Alert>}
            <Section title={t('privacy.accessReview.sections.breakGlass')} count={result.breakGlass.length}>
              <Table striped withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    {column('when')}
                    {column('who')}
                    {column('subject')}
                    {column('reason')}
                    {column('reads')}
                    {column('status')}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {result.breakGlass.map((entry) => (
                    <Table.Tr key={entry.auditEventId}>
                      <Table.Td>{when(entry.occurredAt)}</Table.Td>
                      <Table.Td>{who(entry)}</Table.Td>
                      <Table.Td>{subjectText(t, entry)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{entry.reason ?? '–'}</Table.Td>
                      <Table.Td>{formatNumber(entry.readsAfter, i18n.language)}</Table.Td>
                      <Table.Td>
                        <ReviewCell entry={entry} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Section>
            <Section
              title={t('privacy.accessReview.sections.outsideCaseload')}
              count={result.outsideCaseload.length}
            >
              <Table striped withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    {column('day')}
                    {column('who')}
                    {column('records')}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {result.outsideCaseload.map((day) => (
                    <Table.Tr key={`${day.actorId}-${day.day}`}>
                      <Table.Td>{formatDate(day.day, i18n.language)}</Table.Td>
                      <Table.Td>{who(day)}</Table.Td>
                      <Table.Td>{formatNumber(day.records, i18n.language)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Section>
            <Section
              title={t('privacy.accessReview.sections.unusualHours')}
              count={result.unusualHours.length}
            >
              <Table striped withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    {column('when')}
                    {column('who')}
                    {column('action')}
                    {column('subject')}
                    {column('status')}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {result.unusualHours.map((entry) => (
                    <Table.Tr key={entry.auditEventId}>
                      <Table.Td>{when(entry.occurredAt)}</Table.Td>
                      <Table.Td>{who(entry)}</Table.Td>
                      <Table.Td>{actionName(entry.action)}</Table.Td>
                      <Table.Td>{subjectText(t, entry)}</Table.Td>
                      <Table.Td>
                        <ReviewCell entry={entry} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Section>
            <Section title={t('privacy.accessReview.sections.exports')} count={result.exports.length}>
              <Table striped withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    {column('when')}
                    {column('who')}
                    {column('action')}
                    {column('rows')}
                    {column('status')}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {result.exports.map((entry) => {
                    const rows = /^rows:(\d+)$/.exec(entry.purpose ?? '')
                    return (
                      <Table.Tr key={entry.auditEventId}>
                        <Table.Td>{when(entry.occurredAt)}</Table.Td>
                        <Table.Td>{who(entry)}</Table.Td>
                        <Table.Td>{actionName(entry.action)}</Table.Td>
                        <Table.Td>
                          {rows ? t('privacy.accessReview.rows', { count: Number(rows[1]) }) : '–'}
                        </Table.Td>
                        <Table.Td>
                          <ReviewCell entry={entry} />
                        </Table.Td>
                      </Table.Tr>
                    )
                  })}
                </Table.Tbody>
              </Table>
            </Section>
          </Stack>
        )}
      </QueryState>
    </Stack>
  )
}
