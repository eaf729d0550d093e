import { useQuery, useQueryClient } from '@tanstack/react-query'
import { createContext, type ReactNode, useContext } from 'react'
import type { Action } from '../../common/abilities.ts'
import type { SessionInfo } from '../../common/identity.ts'
import { ApiError, apiGet, setCsrfToken } from './api.ts'
import { setDistrictTimeZone } from './district-time.ts'

const SessionContext = createContext<SessionInfo | null>(null)

export const sessionQueryKey = ['session'] as const

async function loadSession(signal: AbortSignal): Promise<SessionInfo | null> {
  try {
    const session = await apiGet<SessionInfo>('/auth/session', signal)
    setCsrfToken(session.csrfToken)
    setDistrictTimeZone(session.user.districtTimeZone)
    return session
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(undefined)
      setDistrictTimeZone(undefined)
      return null
    }
    throw error
  }
}

export function useSessionQuery() {
  return useQuery({
    queryKey: sessionQueryKey,
    queryFn: ({ signal }) => loadSession(signal),
    staleTime: 60_000,
  })
}

export function SessionProvider({ session, children }: { session: SessionInfo; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>
}

/** The signed-in user's session; only used below the login gate. */
export function useSession(): SessionInfo {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession outside a signed-in area')
  return session
}

/** Whether the session may do an action in general (records bring their own `abilities`). */
export function useCan() {
  const session = useSession()
  return (action: Action) => session.abilities[action] === true
}

/**
 * After login or logout everything cached belongs to somebody else: drop it and put the new
 * session (or none) in place, so the app switches at once without another round trip.
 */
export function useReplaceSession() {
  const queryClient = useQueryClient()
  return (session: SessionInfo | null) => {
    setCsrfToken(session?.csrfToken)
    setDistrictTimeZone(session?.user.districtTimeZone)
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] })
    queryClient.setQueryData(sessionQueryKey, session)
  }
}
