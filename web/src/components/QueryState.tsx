import { Alert, Button, Group, Loader, Text } from '@mantine/core'
import type { UseQueryResult } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useProblemText } from '../problems.ts'

/** Shows loading and error states of a query the same way on every page. */
export function QueryState<T>({
  query,
  children,
}: {
  query: UseQueryResult<T>
  children: (data: T) => ReactNode
}) {
  const { t } = useTranslation()
  const problems = useProblemText()
  if (query.isPending) {
    return (
      <Group gap="xs" role="status">
        <Loader size="sm" aria-hidden />
        <Text>{t('common.loading')}</Text>
      </Group>
    )
  }
  if (query.isError) {
    return (
      <Alert color="red" title={t('common.errorTitle')} role="alert">
        <Text mb="sm">{problems.message(query.error)}</Text>
        <Button variant="light" color="red" onClick={() => void query.refetch()}>
          {t('common.retry')}
        </Button>
      </Alert>
    )
  }
  return <>{children(query.data)}</>
}
