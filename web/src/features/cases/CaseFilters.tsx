import { Checkbox, Group, Select, Stack, TextInput } from '@mantine/core'
import { useDebouncedCallback } from '@mantine/hooks'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { casePhases, lifeDomains } from '../../../../common/casework.ts'
import { useSession } from '../../session.tsx'
import { useEnumOptions } from '../casework/bits.tsx'
import { useCaseManagers, useMunicipalities, useTeams } from '../casework/queries.ts'
import { type CaseListSearch, effectivePhase, type PhaseFilter } from './case-search.ts'

const expiryPresets = [30, 60, 90, 180, 365]

/** The case list's filters; every change goes into the address so that the view can be linked. */
export function CaseFilters({
  search,
  onChange,
}: {
  search: CaseListSearch
  onChange: (changes: Partial<CaseListSearch>) => void
}) {
  const { t } = useTranslation()
  const session = useSession()
  const options = useEnumOptions()
  const municipalities = useMunicipalities()
  const managers = useCaseManagers()
  const teams = useTeams()
  const [text, setText] = useState(search.q ?? '')
  // A saved view or the back button may change q from outside.
  useEffect(() => setText(search.q ?? ''), [search.q])
  const commitText = useDebouncedCallback((value: string) => onChange({ q: value.trim() || undefined }), 300)

  const expiry = search.residenceExpiringWithinDays
  const expiryOptions = [...new Set([...expiryPresets, ...(expiry ? [expiry] : [])])]
    .sort((a, b) => a - b)
    .map((days) => ({ value: String(days), label: t('casework.list.withinDays', { count: days }) }))

  return (
    <Stack gap="sm" role="search" aria-label={t('casework.list.filters')}>
      <TextInput
        label={t('casework.list.search')}
        description={t('casework.list.searchHint')}
        type="search"
        value={text}
        onChange={(event) => {
          setText(event.currentTarget.value)
          commitText(event.currentTarget.value)
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') onChange({ q: text.trim() || undefined })
        }}
        maw={480}
      />
      <Group align="flex-end" wrap="wrap" gap="sm">
        <Select
          label={t('casework.fields.phase')}
          data={[
            { value: 'open', label: t('casework.phases.open') },
            { value: 'all', label: t('casework.phases.all') },
            ...options(casePhases, 'phases'),
          ]}
          value={effectivePhase(search)}
          onChange={(value) =>
            onChange({ phase: value === 'open' || !value ? undefined : (value as PhaseFilter) })
          }
          allowDeselect={false}
          w={220}
        />
        <Select
          label={t('casework.fields.municipality')}
          data={municipalities.options}
          value={search.municipalityId ?? null}
          onChange={(value) => onChange({ municipalityId: value ?? undefined })}
          clearable
          searchable
          openOnFocus={false}
          placeholder={t('casework.list.any')}
          w={200}
        />
        <Select
          label={t('casework.fields.manager')}
          data={(managers.data ?? []).map((manager) => ({
            value: manager.id,
            label:
              manager.id === session.user.id
                ? t('casework.list.me', { name: manager.displayName })
                : manager.displayName,
          }))}
          value={search.managerId ?? null}
          onChange={(value) => onChange({ managerId: value ?? undefined })}
          clearable
          searchable
          openOnFocus={false}
          placeholder={t('casework.list.any')}
          w={220}
        />
        <Select
          label={t('casework.fields.team')}
          data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
          value={search.teamId ?? null}
          onChange={(value) => onChange({ teamId: value ?? undefined })}
          clearable
          placeholder={t('casework.list.any')}
          w={180}
        />
        <Select
          label={t('casework.fields.domain')}
          description={t('casework.list.domainHint')}
          data={options(lifeDomains, 'domains')}
          value={search.domain ?? null}
          onChange={(value) => onChange({ domain: (value as CaseListSearch['domain']) ?? undefined })}
          clearable
          searchable
          openOnFocus={false}
          placeholder={t('casework.list.any')}
          w={240}
        />
        <Select
          label={t('casework.list.residenceExpiring')}
          data={expiryOptions}
          value={expiry ? String(expiry) : null}
          onChange={(value) => onChange({ residenceExpiringWithinDays: value ? Number(value) : undefined })}
          clearable
          placeholder={t('casework.list.any')}
          w={220}
        />
        <Checkbox
          label={t('casework.list.overdueOnly')}
          checked={search.overdueTasks === true}
          onChange={(event) => onChange({ overdueTasks: event.currentTarget.checked || undefined })}
          mb={8}
        />
      </Group>
    </Stack>
  )
}
