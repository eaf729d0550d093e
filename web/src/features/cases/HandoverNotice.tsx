import { Alert, Text } from '@mantine/core'
import { useNavigate, useRouterState } from '@tanstack/react-router'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { Case } from '../../../../common/casework.ts'
import { statusColors } from '../../colors.ts'

/** A case the user handed over and may no longer open: what the case list confirms. */
type CaseHandover = { reference: string; teamName: string | null; managerNames: string[] }

declare module '@tanstack/react-router' {
  interface HistoryState {
    caseHandover?: CaseHandover
  }
}

export const caseHandover = (item: Case): CaseHandover => ({
  reference: item.reference,
  teamName: item.teamName,
  managerNames: item.managers.map((manager) => manager.displayName),
})

/**
 * The confirmation after a handover, carried in the history entry of the case list. It takes the
 * focus, so that screen readers announce it and the keyboard is where the user is.
 */
export function HandoverNotice() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const handover = useRouterState({ select: (state) => state.location.state.caseHandover })
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (handover) ref.current?.focus()
  }, [handover])
  if (!handover) return null
  const dismiss = () => void navigate({ to: '/cases', search: true, state: {}, replace: true })
  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      role="status"
      color={statusColors.positive}
      variant="light"
      title={
        handover.teamName
          ? t('casework.assignment.handedOverTo', { reference: handover.reference, team: handover.teamName })
          : t('casework.assignment.handedOver', { reference: handover.reference })
      }
      withCloseButton
      closeButtonLabel={t('casework.assignment.dismiss')}
      onClose={dismiss}
      maw={800}
    >
      <Text size="sm">
        {t('casework.assignment.handedOverText', { managers: handover.managerNames.join(', ') })}
      </Text>
    </Alert>
  )
}
