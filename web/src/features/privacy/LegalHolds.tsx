import { Button, Group, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { LegalHold } from '../../../../common/privacy-retention.ts'
import { apiSend } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { Dialog } from '../../components/Dialog.tsx'
import { CaseworkFormProblem } from '../casework/problems.tsx'
import { privacyKeys } from './queries.ts'

function SetHoldForm() {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [caseReference, setCaseReference] = useState('')
  const [reason, setReason] = useState('')
  const [notice, setNotice] = useState('')
  const set = useMutation({
    mutationFn: () => apiSend<LegalHold>('POST', '/legal-holds', { caseReference, reason }),
    onSuccess: () => {
      setCaseReference('')
      setReason('')
      setNotice(t('privacy.holds.saved'))
      void queryClient.invalidateQueries({ queryKey: privacyKeys.all })
    },
  })
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        setNotice('')
        set.mutate()
      }}
      noValidate
    >
      <Stack gap="xs" maw={640}>
        <CaseworkFormProblem error={set.error} shown={[]} />
        <TextInput
          label={t('privacy.holds.caseReference')}
          description={t('privacy.holds.caseReferenceHint')}
          value={caseReference}
          onChange={(event) => setCaseReference(event.currentTarget.value)}
          required
          maw={240}
        />
        <Textarea
          label={t('privacy.holds.reason')}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          required
          autosize
          minRows={2}
        />
        <Group justify="flex-end" gap="sm">
          <Text size="sm" role="status" c={statusColors.positive} fw={600}>
            {notice}
          </Text>
          <Button type="submit" loading={set.isPending}>
            {t('privacy.holds.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

function LiftDialog({ hold, onClose }: { hold: LegalHold; onClose: () => void }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [reason, setReason] = useState('')
  const lift = useMutation({
    mutationFn: () => apiSend<LegalHold>('POST', `/legal-holds/${hold.id}/lift`, { reason }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: privacyKeys.all })
      onClose()
    },
  })
  return (
    <Dialog opened onClose={onClose} title={t('privacy.holds.liftTitle', { reference: hold.caseReference })}>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          lift.mutate()
        }}
        noValidate
      >
        <Stack gap="sm">
          <CaseworkFormProblem error={lift.error} shown={[]} />
          <Textarea
            label={t('privacy.holds.liftReason')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            required
            autosize
            minRows={2}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('privacy.erasure.cancel')}
            </Button>
            <Button type="submit" loading={lift.isPending}>
              {t('privacy.holds.liftConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  )
}

/** The district's legal holds, a form to set one by the case's file number, and lifting with a reason. */
export function LegalHolds({ holds, canLift }: { holds: LegalHold[]; canLift: boolean }) {
  const { t, i18n } = useTranslation()
  const [lifting, setLifting] = useState<LegalHold | null>(null)
  const day = (instant: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(instant))
  return (
    <Stack gap="sm">
      <Title order={3}>{t('privacy.holds.title')}</Title>
      <SetHoldForm />
      {holds.length === 0 ? (
        <Text>{t('privacy.holds.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('privacy.holds.case')}</Table.Th>
                <Table.Th>{t('privacy.holds.reason')}</Table.Th>
                <Table.Th>{t('privacy.holds.setBy')}</Table.Th>
                <Table.Th>{t('privacy.holds.setAt')}</Table.Th>
                <Table.Th>{t('privacy.holds.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {holds.map((hold) => (
                <Table.Tr key={hold.id}>
                  <Table.Td>{hold.caseReference}</Table.Td>
                  <Table.Td>{hold.reason}</Table.Td>
                  <Table.Td>{hold.setBy}</Table.Td>
                  <Table.Td>{day(hold.setAt)}</Table.Td>
                  <Table.Td>
                    {hold.liftedAt ? (
                      t('privacy.holds.lifted', {
                        day: day(hold.liftedAt),
                        name: hold.liftedBy,
                        reason: hold.liftReason,
                      })
                    ) : (
                      <Group gap="xs">
                        <Text size="sm">{t('privacy.holds.active')}</Text>
                        {canLift && (
                          <Button
                            size="xs"
                            variant="light"
                            onClick={() => setLifting(hold)}
                            aria-label={`${t('privacy.holds.lift')} ${hold.caseReference}`}
                          >
                            {t('privacy.holds.lift')}
                          </Button>
                        )}
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {lifting && <LiftDialog hold={lifting} onClose={() => setLifting(null)} />}
    </Stack>
  )
}
