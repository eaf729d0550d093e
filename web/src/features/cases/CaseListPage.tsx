import { Button, Group, Pagination, Select, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { getRouteApi, Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { caseSorts } from '../../../../common/casework.ts'
import { ExportMenu } from '../../components/ExportMenu.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { useCan } from '../../session.tsx'
import { casesQuery } from '../casework/queries.ts'
import { SavedViews } from '../views/SavedViews.tsx'
import { CaseFilters } from './CaseFilters.tsx'
import { CaseTable } from './CaseTable.tsx'
import { type CaseListSearch, type CaseSort, caseListApiParams } from './case-search.ts'
import { HandoverNotice } from './HandoverNotice.tsx'

const route = getRouteApi('/cases')
const pageSize = 25

/** The cases a case manager may see: filters, search, sorting, saved views and the export. */
export function CaseListPage() {
  const { t } = useTranslation()
  const can = useCan()
  const search = route.useSearch()
  const navigate = route.useNavigate()
  const page = search.page ?? 1
  const sort = { sort: search.sort ?? 'last-contact', direction: search.direction ?? 'desc' } as const
  const filterParams = caseListApiParams(search)
  const params = new URLSearchParams(filterParams)
  params.set('limit', String(pageSize))
  params.set('offset', String((page - 1) * pageSize))
  const cases = useQuery(casesQuery(params))

  /** Any change of the filters starts at page 1 again; the address is replaced, not pushed. */
  const update = (changes: Partial<CaseListSearch>) =>
    void navigate({
      to: '/cases',
      search: (previous: CaseListSearch) => ({ ...previous, ...changes, page: undefined }),
      replace: true,
    })
  const apply = (next: CaseListSearch) => void navigate({ to: '/cases', search: next })

  return (
    <Stack gap="md" maw={1400}>
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{t('casework.list.title')}</Title>
        <Group gap="sm">
          <ExportMenu
            path="/cases/export"
            query={Object.fromEntries(filterParams)}
            listName={t('casework.list.title')}
          />
          {can('person.register') && (
            <Button component={Link} to="/persons/new">
              {t('casework.list.register')}
            </Button>
          )}
        </Group>
      </Group>
      <HandoverNotice />
      <SavedViews search={search} onApply={apply} />
      <CaseFilters search={search} onChange={update} />
      <Group gap="sm" align="flex-end">
        <Select
          label={t('casework.list.sortBy')}
          data={caseSorts.map((value) => ({ value, label: t(`casework.list.sorts.${value}`) }))}
          value={sort.sort}
          onChange={(value) => value && update({ sort: value as CaseSort })}
          allowDeselect={false}
          w={220}
        />
        <Select
          label={t('casework.list.direction')}
          data={[
            { value: 'asc', label: t('casework.list.asc') },
            { value: 'desc', label: t('casework.list.desc') },
          ]}
          value={sort.direction}
          onChange={(value) => value && update({ direction: value as 'asc' | 'desc' })}
          allowDeselect={false}
          w={180}
        />
      </Group>
      <QueryState query={cases}>
        {(result) => (
          <>
            <Text size="sm" role="status">
              {t('casework.list.count', { count: result.total })}
            </Text>
            {result.items.length > 0 && (
              <CaseTable
                cases={result.items}
                caption={t('casework.list.caption')}
                sort={sort}
                onSort={update}
              />
            )}
            {result.total > pageSize && (
              <Pagination
                total={Math.ceil(result.total / pageSize)}
                value={page}
                onChange={(next) =>
                  void navigate({
                    to: '/cases',
                    search: (previous: CaseListSearch) => ({ ...previous, page: next }),
                  })
                }
                getControlProps={(control) => ({ 'aria-label': t(`casework.list.pagination.${control}`) })}
                getItemProps={(item) => ({
                  'aria-label': t('casework.list.pagination.page', { page: item }),
                })}
              />
            )}
          </>
        )}
      </QueryState>
    </Stack>
  )
}
