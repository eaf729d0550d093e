import { Alert, Button, Divider, Stack } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SsoOption } from '../../../../common/sso.ts'
import { type SsoErrorCode, ssoErrorCodes } from '../../../../common/sso-errors.ts'
import { apiGet } from '../../api.ts'

const errorParameter = 'ssoError'

/** The code the server's SSO callback left in the address when a sign-in was refused. */
function ssoErrorInAddress(): SsoErrorCode | undefined {
  const code = new URLSearchParams(window.location.search).get(errorParameter)
  return (ssoErrorCodes as readonly string[]).includes(code ?? '') ? (code as SsoErrorCode) : undefined
}

/** Why the last single sign-on was refused; shown once, then removed from the address. */
export function SingleSignOnError() {
  const { t } = useTranslation()
  const [code] = useState(ssoErrorInAddress)
  useEffect(() => {
    const url = new URL(window.location.href)
    if (!url.searchParams.has(errorParameter)) return
    url.searchParams.delete(errorParameter)
    window.history.replaceState(window.history.state, '', url)
  }, [])
  if (!code) return null
  return (
    <Alert color="red" role="alert" title={t('login.failed')}>
      {t(`sso.errors.${code}`)}
    </Alert>
  )
}

/** Where the provider's answer should finally lead: the page the login interrupted. */
function startUrl(option: SsoOption): string {
  const url = new URL(window.location.href)
  url.searchParams.delete(errorParameter)
  const returnTo = `${url.pathname}${url.search}`
  const query = returnTo === '/' ? '' : `?returnTo=${encodeURIComponent(returnTo)}`
  return `/api/auth/sso/${encodeURIComponent(option.districtCode)}/start${query}`
}

/** "Sign in with …" for each district whose identity provider is switched on. */
export function SingleSignOnButtons() {
  const { t } = useTranslation()
  const options = useQuery({
    queryKey: ['auth', 'sso', 'providers'],
    queryFn: ({ signal }) => apiGet<SsoOption[]>('/auth/sso/providers', signal),
    staleTime: 5 * 60_000,
  })
  const list = options.data ?? []
  if (list.length === 0) return null
  return (
    <Stack gap="xs">
      <Divider label={t('sso.or')} labelPosition="center" />
      {list.map((option) => (
        <Button key={option.districtCode} component="a" href={startUrl(option)} variant="default">
          {list.length > 1
            ? t('sso.signInWithIn', { label: option.label, district: option.districtName })
            : t('sso.signInWith', { label: option.label })}
        </Button>
      ))}
    </Stack>
  )
}
