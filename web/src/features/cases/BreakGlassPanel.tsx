import { Alert, Button, Stack, Text, Textarea, Title } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type BreakGlassGrant, breakGlassReasonMinLength } from '../../../../common/access-review.ts'
import { apiSend } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { useProblemText } from '../../problems.ts'

/**
 * Shown instead of a bare refusal when a case manager opens a case outside their caseload:
 * what break-glass means, and a reason to state (decision 0021). After it, the case opens.
 */
export function BreakGlassPanel({
  caseId,
  onGranted,
}: {
  caseId: string
  onGranted: (grant: BreakGlassGrant) => void
}) {
  const { t } = useTranslation()
  const problems = useProblemText()
  const [reason, setReason] = useState('')
  const [tooShort, setTooShort] = useState(false)
  const grant = useMutation({
    mutationFn: (text: string) =>
      apiSend<BreakGlassGrant>('POST', `/cases/${encodeURIComponent(caseId)}/break-glass`, { reason: text }),
    onSuccess: onGranted,
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const text = reason.trim()
    if (text.length < breakGlassReasonMinLength) {
      setTooShort(true)
      return
    }
    setTooShort(false)
    grant.mutate(text)
  }
  const hint = t('casework.breakGlass.reasonHint', { count: breakGlassReasonMinLength })
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={720}>
        <Title order={2}>{t('casework.breakGlass.title')}</Title>
        <Alert color="orange" variant="light">
          <Text>{t('casework.breakGlass.intro')}</Text>
        </Alert>
        <Textarea
          label={t('casework.breakGlass.reason')}
          description={hint}
          required
          autosize
          minRows={3}
          maxLength={2000}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={tooShort ? hint : problems.field(grant.error, 'reason')}
        />
        {grant.isError && !problems.hasFields(grant.error) && (
          <Alert color="red" role="alert">
            {problems.message(grant.error)}
          </Alert>
        )}
        <div>
          <Button type="submit" color={statusColors.warning} loading={grant.isPending}>
            {t('casework.breakGlass.submit')}
          </Button>
        </div>
      </Stack>
    </form>
  )
}
