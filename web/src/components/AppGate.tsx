import { Center, Loader } from '@mantine/core'
import { useRouterState } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { LoginPage } from '../features/identity/LoginPage.tsx'
import { ResetPasswordPage } from '../features/identity/ResetPasswordPage.tsx'
import { SessionProvider, useSessionQuery } from '../session.tsx'
import { Layout } from './Layout.tsx'
import { QueryState } from './QueryState.tsx'

/** Shows the login until there is a session; everything else lives behind it, except the reset page. */
export function AppGate() {
  const pathname = useRouterState({ select: (state) => state.location.pathname })
  return pathname === '/reset' ? <ResetPasswordPage /> : <SessionGate />
}

function SessionGate() {
  const { t } = useTranslation()
  const session = useSessionQuery()
  if (session.isPending) {
    return (
      <Center mih="100vh" role="status" aria-label={t('common.loading')}>
        <Loader />
      </Center>
    )
  }
  return (
    <QueryState query={session}>
      {(data) =>
        data ? (
          <SessionProvider session={data}>
            <Layout />
          </SessionProvider>
        ) : (
          <LoginPage />
        )
      }
    </QueryState>
  )
}
