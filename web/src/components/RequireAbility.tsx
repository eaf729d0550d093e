import { Alert } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Action } from '../../../common/abilities.ts'
import { useCan } from '../session.tsx'

export function RequireAbility({ ability, children }: { ability: Action; children: ReactNode }) {
  const { t } = useTranslation()
  const can = useCan()
  if (can(ability)) return <>{children}</>
  return (
    <Alert color="gray" title={t('common.noAccessTitle')} role="alert" maw={640}>
      {t('common.noAccessText')}
    </Alert>
  )
}
