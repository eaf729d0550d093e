import { Alert, Button, Stack, Text, Textarea, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import {
  type BreakGlassGrant,
  breakGlassInputSchema,
  breakGlassReasonMinLength,
} from '../../../../common/access-review.ts'
import { apiSend } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { useProblemText } from '../../problems.ts'
import { maxLengthOf, useSchemaValidator } from '../../schema-form.ts'

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
  const hint = t('casework.breakGlass.reasonHint', { count: breakGlassReasonMinLength })
  const form = useForm({
    initialValues: { reason: '' },
    // The schema trims before it counts, as the API does; its own message says how long a reason must be.
    validate: useSchemaValidator(breakGlassInputSchema, (values: { reason: string }) => values, undefined, {
      reason: hint,
    }),
  })
  const grant = useMutation({
    mutationFn: (text: string) =>
      apiSend<BreakGlassGrant>('POST', `/cases/${encodeURIComponent(caseId)}/break-glass`, { reason: text }),
    onSuccess: onGranted,
  })
  return (
    <form onSubmit={form.onSubmit((values) => grant.mutate(values.reason.trim()))} noValidate>
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
          maxLength={maxLengthOf(breakGlassInputSchema, 'reason')}
          {...form.getInputProps('reason')}
          error={form.errors.reason ?? problems.field(grant.error, 'reason')}
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
