import { Center, Loader } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { LoginPage } from '../routes/LoginPage.tsx'
import { SessionProvider, useSessionQuery } from '../session.tsx'
import { Layout } from './Layout.tsx'
import { QueryState } from './QueryState.tsx'

/** Shows the login until there is a session; everything else lives behind it. */
export function AppGate() {
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
