import { Alert, Anchor, Badge, Button, DataList, Group, Stack, Text, Textarea, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ShareableField } from '../../../../common/consent.ts'
import type { Referral } from '../../../../common/referral.ts'
import { ApiError, apiSend } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { DayInput } from '../../components/DateFields.tsx'
import { Dialog } from '../../components/Dialog.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { formatDateTime } from '../../i18n.ts'
import { useCan } from '../../session.tsx'
import { formatBirthDate, formatDay } from '../casework/format.ts'
import { useCaseworkProblems } from '../casework/problems.tsx'
import { referralColors } from './referral-colors.ts'
import { networkKeys, referralQuery } from './referral-queries.ts'

type Step = 'accept' | 'decline' | 'complete' | 'send' | 'cancel'

/** A shared value as text: lists joined, an address on one line, entries of the plan one by one. */
function SharedValue({ field, value }: { field: ShareableField; value: unknown }) {
  const { t, i18n } = useTranslation()
  const language = i18n.language
  if (value === null || value === undefined || value === '') return <>–</>
  if (field === 'birthDate' && typeof value === 'string') return <>{formatBirthDate(value, language)}</>
  if (typeof value === 'string') return <span dir="auto">{value}</span>
  if (Array.isArray(value)) {
    if (value.every((entry) => typeof entry === 'string')) return <>{value.join(', ')}</>
    return (
      <Stack gap={2}>
        {value.map((entry, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the entries have no identity of their own
          <Text key={index} size="sm">
            {Object.values(entry as Record<string, unknown>)
              .filter((part) => part !== null && part !== '')
              .map(String)
              .join(' · ')}
          </Text>
        ))}
      </Stack>
    )
  }
  const record = value as Record<string, unknown>
  if (field === 'address')
    return (
      <>
        {[record.street, [record.postcode, record.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')}
      </>
    )
  if (field === 'residenceStatus')
    return (
      <>
        {t(`casework.residenceStatuses.${String(record.status)}`, { defaultValue: String(record.status) })}
        {record.validUntil
          ? ` · ${t('network.referrals.until', { date: formatDay(String(record.validUntil), language) })}`
          : ''}
      </>
    )
  return <>{Object.values(record).filter(Boolean).map(String).join(' · ')}</>
}

function StepForm({ referral, step, onDone }: { referral: Referral; step: Step; onDone: () => void }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const problems = useCaseworkProblems()
  const [text, setText] = useState('')
  const [completeBy, setCompleteBy] = useState('')
  const body =
    step === 'accept'
      ? { completeBy: completeBy || null, note: text }
      : step === 'decline'
        ? { reason: text }
        : step === 'complete'
          ? { feedback: text }
          : { note: text }
  const run = useMutation({
    mutationFn: () => apiSend<Referral>('POST', `/referrals/${referral.id}/${step}`, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: networkKeys.allReferrals })
      void queryClient.invalidateQueries({ queryKey: ['cases'] })
      onDone()
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    run.mutate()
  }
  const textLabel =
    step === 'decline'
      ? t('network.referrals.declineReason')
      : step === 'complete'
        ? t('network.referrals.feedback')
        : t('network.referrals.note')
  const field = step === 'decline' ? 'reason' : step === 'complete' ? 'feedback' : 'note'
  return (
    <Stack component="form" onSubmit={submit} gap="sm">
      {step === 'accept' && (
        <DayInput
          label={t('network.referrals.completeBy')}
          value={completeBy}
          onChange={setCompleteBy}
          error={problems.field(run.error, 'completeBy')}
        />
      )}
      <Textarea
        label={textLabel}
        required={step === 'decline' || step === 'complete'}
        autosize
        minRows={3}
        maxLength={step === 'complete' ? 4000 : 2000}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        error={problems.field(run.error, field)}
        data-autofocus
      />
      {run.error && !problems.field(run.error, field) && !problems.field(run.error, 'completeBy') && (
        <Alert color="red" role="alert">
          {problems.message(run.error)}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button
          type="submit"
          loading={run.isPending}
          color={step === 'decline' || step === 'cancel' ? 'red' : undefined}
        >
          {t(`network.referrals.${step === 'send' ? 'sendDraft' : step}`)}
        </Button>
      </Group>
    </Stack>
  )
}

/** One referral: for the case manager all of it, for the receiving partner the shared fields while the consent holds. */
export function ReferralPage({ referralId }: { referralId: string }) {
  const { t, i18n } = useTranslation()
  const language = i18n.language
  const referral = useQuery(referralQuery(referralId))
  const [step, setStep] = useState<Step | null>(null)
  const canInbox = useCan()('referral.inbox')
  // Another organisation's referral, or none at all: the server answers 404 either way, and so
  // does the page, without a "try again" that cannot help.
  if (referral.error instanceof ApiError && referral.error.status === 404)
    return (
      <Stack gap="sm" maw={900}>
        <Title order={2}>{t('network.referrals.notFoundTitle')}</Title>
        <Text>{t('network.referrals.notFoundText')}</Text>
        <Anchor component={Link} to={canInbox ? '/referrals' : '/'}>
          {canInbox ? t('network.referrals.backToInbox') : t('common.backToStart')}
        </Anchor>
      </Stack>
    )
  return (
    <Stack gap="lg" maw={900}>
      <QueryState query={referral}>
        {(data) => (
          <>
            {data.caseId ? (
              <Anchor component={Link} to={`/cases/${data.caseId}`} size="sm">
                {t('network.referrals.backToCase', { reference: data.caseReference ?? '' })}
              </Anchor>
            ) : (
              <Anchor component={Link} to="/referrals" size="sm">
                {t('network.referrals.backToInbox')}
              </Anchor>
            )}
            <Group justify="space-between" align="flex-start">
              <div>
                <Title order={2}>
                  {t('network.referrals.detailTitle')}: {data.organisation.name}
                </Title>
                {data.service && (
                  <Text size="sm" mt={2}>
                    {t('network.referrals.service')}: {data.service.name}
                  </Text>
                )}
                <Group gap="xs" mt={4}>
                  <Badge color={referralColors[data.status]} variant="filled">
                    {t(`network.referralStatuses.${data.status}`)}
                  </Badge>
                  <Text size="sm">{t(`network.purposes.${data.purpose}`)}</Text>
                  <Text size="sm">
                    · {t('network.referrals.dueOn')}: {formatDay(data.dueOn, language)}
                    {data.overdue && (
                      <Text span size="sm" fw={700} c={statusColors.negative}>
                        {' '}
                        ({t('network.referrals.overdue')})
                      </Text>
                    )}
                  </Text>
                </Group>
              </div>
              <Group gap="xs">
                {(['accept', 'decline', 'complete', 'send', 'cancel'] as const)
                  .filter((name) => data.abilities[name])
                  .map((name) => (
                    <Button
                      key={name}
                      variant={name === 'decline' || name === 'cancel' ? 'default' : 'filled'}
                      onClick={() => setStep(name)}
                    >
                      {t(`network.referrals.${name === 'send' ? 'sendDraft' : name}`)}
                    </Button>
                  ))}
              </Group>
            </Group>
            {data.override && (
              <Alert color="orange" title={t('network.referrals.flaggedForDpo')}>
                {t(`network.overrideBases.${data.override.legalBasis}`)} · {data.override.reason}
              </Alert>
            )}
            <section aria-labelledby="shared-heading">
              <Title order={3} size="h4" id="shared-heading" mb="xs">
                {t('network.referrals.sharedData')}
              </Title>
              {data.sharedData ? (
                <DataList withDivider labelWidth={220}>
                  {data.sharedFields.map((field) => (
                    <DataList.Item key={field}>
                      <DataList.ItemLabel>{t(`network.fields.${field}`)}</DataList.ItemLabel>
                      <DataList.ItemValue>
                        <SharedValue field={field} value={data.sharedData?.[field]} />
                      </DataList.ItemValue>
                    </DataList.Item>
                  ))}
                </DataList>
              ) : data.caseId ? (
                <Text size="sm">
                  {data.sharedFields.map((field) => t(`network.fields.${field}`)).join(', ')}
                </Text>
              ) : (
                <Alert color="gray" role="status">
                  {t('network.referrals.withheld')}
                </Alert>
              )}
            </section>
            <DataList withDivider labelWidth={220}>
              <DataList.Item>
                <DataList.ItemLabel>{t('network.referrals.referredBy')}</DataList.ItemLabel>
                <DataList.ItemValue>{data.referredBy}</DataList.ItemValue>
              </DataList.Item>
              {data.consentState && (
                <DataList.Item>
                  <DataList.ItemLabel>{t('network.referrals.consent')}</DataList.ItemLabel>
                  <DataList.ItemValue>{t(`network.states.${data.consentState}`)}</DataList.ItemValue>
                </DataList.Item>
              )}
              {data.message && (
                <DataList.Item>
                  <DataList.ItemLabel>{t('network.referrals.message')}</DataList.ItemLabel>
                  <DataList.ItemValue style={{ whiteSpace: 'pre-wrap' }}>{data.message}</DataList.ItemValue>
                </DataList.Item>
              )}
              {data.completeBy && (
                <DataList.Item>
                  <DataList.ItemLabel>{t('network.referrals.completeBy')}</DataList.ItemLabel>
                  <DataList.ItemValue>{formatDay(data.completeBy, language)}</DataList.ItemValue>
                </DataList.Item>
              )}
              {data.feedback && (
                <DataList.Item>
                  <DataList.ItemLabel>{t('network.referrals.feedback')}</DataList.ItemLabel>
                  <DataList.ItemValue style={{ whiteSpace: 'pre-wrap' }}>{data.feedback}</DataList.ItemValue>
                </DataList.Item>
              )}
            </DataList>
            <section aria-labelledby="history-heading">
              <Title order={3} size="h4" id="history-heading" mb="xs">
                {t('network.referrals.history')}
              </Title>
              <Stack component="ol" gap={4} p={0} m={0} style={{ listStyle: 'none' }}>
                {data.history.map((change) => (
                  <Text component="li" size="sm" key={`${change.to}-${change.at}`}>
                    {formatDateTime(change.at, language)} · {t(`network.referralStatuses.${change.to}`)} ·{' '}
                    {change.by}
                    {change.note ? ` · ${change.note}` : ''}
                  </Text>
                ))}
              </Stack>
            </section>
            <Dialog
              opened={step !== null}
              onClose={() => setStep(null)}
              title={step ? t(`network.referrals.${step === 'send' ? 'sendDraft' : step}`) : ''}
            >
              {step && <StepForm referral={data} step={step} onDone={() => setStep(null)} />}
            </Dialog>
          </>
        )}
      </QueryState>
    </Stack>
  )
}
