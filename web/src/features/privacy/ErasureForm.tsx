import { Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type ErasureGround,
  type ErasureResult,
  erasureGrounds,
} from '../../../../common/privacy-retention.ts'
import { apiSend } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { Dialog } from '../../components/Dialog.tsx'
import { CaseworkFormProblem } from '../casework/problems.tsx'
import { privacyKeys } from './queries.ts'

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Erasure on request: the person's record number and the legal ground, then a confirmation. */
export function ErasureForm() {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [personId, setPersonId] = useState('')
  const [ground, setGround] = useState<ErasureGround>('objection')
  const [confirming, setConfirming] = useState(false)
  const [notice, setNotice] = useState('')
  const [formError, setFormError] = useState<string | undefined>()
  const erase = useMutation({
    mutationFn: () =>
      apiSend<ErasureResult>('POST', `/persons/${personId.trim()}/erasure`, { reason: ground }),
    onSuccess: (result) => {
      setConfirming(false)
      setPersonId('')
      setNotice(
        result.action === 'delete'
          ? t('privacy.erasure.doneDelete', { day: result.erasedOn })
          : t('privacy.erasure.doneAnonymise', { count: result.cases, day: result.erasedOn }),
      )
      void queryClient.invalidateQueries({ queryKey: privacyKeys.all })
    },
    onError: () => setConfirming(false),
  })
  return (
    <Stack gap="sm" maw={640}>
      <Title order={3}>{t('privacy.erasure.title')}</Title>
      <Text size="sm">{t('privacy.erasure.intro')}</Text>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          setNotice('')
          if (!uuidPattern.test(personId.trim())) {
            setFormError(t('privacy.problems.not-found'))
            return
          }
          setFormError(undefined)
          erase.reset()
          setConfirming(true)
        }}
        noValidate
      >
        <Stack gap="xs">
          <CaseworkFormProblem error={erase.error} shown={[]} />
          <TextInput
            label={t('privacy.erasure.personId')}
            value={personId}
            onChange={(event) => setPersonId(event.currentTarget.value)}
            error={formError}
            required
          />
          <Select
            label={t('privacy.erasure.reason')}
            data={erasureGrounds.map((value) => ({ value, label: t(`privacy.erasure.grounds.${value}`) }))}
            value={ground}
            allowDeselect={false}
            onChange={(value) => value && setGround(value as ErasureGround)}
          />
          <Group justify="flex-end" gap="sm">
            <Text size="sm" role="status" c={statusColors.positive} fw={600}>
              {notice}
            </Text>
            <Button type="submit" color="red" variant="light">
              {t('privacy.erasure.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
      <Dialog
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('privacy.erasure.confirmTitle')}
      >
        <Stack gap="sm">
          <Text>{t('privacy.erasure.confirmText')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('privacy.erasure.cancel')}
            </Button>
            <Button color="red" loading={erase.isPending} onClick={() => erase.mutate()}>
              {t('privacy.erasure.confirm')}
            </Button>
          </Group>
        </Stack>
      </Dialog>
    </Stack>
  )
}
