import {
  Anchor,
  Badge,
  Button,
  Group,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AuditEvent } from '../../../../common/audit.ts'
import type { Page } from '../../../../common/pagination.ts'
import { apiGet } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { DayInput } from '../../components/DateFields.tsx'
import { ExportMenu } from '../../components/ExportMenu.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { formatDateTime } from '../../i18n.ts'
import { useCan } from '../../session.tsx'

const pageSize = 50
const actionGroups = ['auth.', 'user.', 'audit.'] as const
const outcomes = ['success', 'failure', 'denied'] as const
/** Accesses to a case or to a person's record: the kinds the data protection officer filters by. */
const accessKinds = ['case', 'person'] as const

type Filter = {
  action: string | null
  outcome: string | null
  from: string
  to: string
  subjectId: string
  subjectType: string | null
  actor: { id: string; name: string } | null
}

function toParams(filter: Filter): URLSearchParams {
  const params = new URLSearchParams()
  if (filter.action) params.set('action', filter.action)
  if (filter.subjectType) params.set('subjectType', filter.subjectType)
  if (filter.actor) params.set('actorId', filter.actor.id)
  if (filter.outcome) params.set('outcome', filter.outcome)
  if (filter.from) params.set('from', filter.from)
  if (filter.to) params.set('to', filter.to)
  if (filter.subjectId.trim()) params.set('subjectId', filter.subjectId.trim())
  return params
}

export function AuditPage() {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const [filter, setFilter] = useState<Filter>({
    action: null,
    outcome: null,
    from: '',
    to: '',
    subjectId: '',
    subjectType: null,
    actor: null,
  })
  const [page, setPage] = useState(1)
  const params = toParams(filter)
  const events = useQuery({
    queryKey: ['audit', params.toString(), page],
    queryFn: ({ signal }) => {
      const query = new URLSearchParams(params)
      query.set('limit', String(pageSize))
      query.set('offset', String((page - 1) * pageSize))
      return apiGet<Page<AuditEvent>>(`/audit?${query}`, signal)
    },
    placeholderData: (previous) => previous,
  })
  const update = (changes: Partial<Filter>) => {
    setFilter({ ...filter, ...changes })
    setPage(1)
  }

  return (
    <Stack gap="md" maw={1200}>
      <Title order={2}>{t('audit.title')}</Title>
      <Text>{t('audit.intro')}</Text>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('audit.action')}
          clearable
          data={actionGroups.map((value) => ({ value, label: t(`audit.group.${value.slice(0, -1)}`) }))}
          value={filter.action}
          onChange={(action) => update({ action })}
          w={200}
        />
        <Select
          label={t('audit.kind')}
          clearable
          data={accessKinds.map((value) => ({ value, label: t(`audit.kinds.${value}`) }))}
          value={filter.subjectType}
          onChange={(subjectType) => update({ subjectType })}
          w={200}
        />
        <Select
          label={t('audit.outcome')}
          clearable
          data={outcomes.map((value) => ({ value, label: t(`audit.outcomes.${value}`) }))}
          value={filter.outcome}
          onChange={(outcome) => update({ outcome })}
          w={180}
        />
        <DayInput label={t('audit.from')} value={filter.from} onChange={(from) => update({ from })} w={160} />
        <DayInput label={t('audit.to')} value={filter.to} onChange={(to) => update({ to })} w={160} />
        <TextInput
          label={t('audit.subjectId')}
          value={filter.subjectId}
          onChange={(e) => update({ subjectId: e.currentTarget.value })}
          w={300}
        />
        {can('audit.export') && (
          <ExportMenu path="/audit/export" query={Object.fromEntries(params)} listName={t('audit.title')} />
        )}
      </Group>
      {filter.actor && (
        <Group gap="xs">
          <Badge variant="light">{filter.actor.name}</Badge>
          <Button size="xs" variant="subtle" onClick={() => update({ actor: null })}>
            {t('audit.clearActor')}
          </Button>
        </Group>
      )}
      <QueryState query={events}>
        {(result) => (
          <>
            <Text size="sm" role="status">
              {t('audit.count', { count: result.total })}
            </Text>
            <Table striped withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('audit.when')}</Table.Th>
                  <Table.Th scope="col">{t('audit.who')}</Table.Th>
                  <Table.Th scope="col">{t('audit.action')}</Table.Th>
                  <Table.Th scope="col">{t('audit.outcome')}</Table.Th>
                  <Table.Th scope="col">{t('audit.subject')}</Table.Th>
                  <Table.Th scope="col">{t('audit.request')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.items.map((event) => (
                  <Table.Tr key={event.id}>
                    <Table.Td>{formatDateTime(event.occurredAt, i18n.language)}</Table.Td>
                    <Table.Td>
                      {event.actorId ? (
                        <Anchor
                          component="button"
                          type="button"
                          size="sm"
                          title={t('audit.actorFilter')}
                          onClick={() =>
                            update({
                              actor: {
                                id: event.actorId as string,
                                name: event.actorName ?? event.actorId ?? '',
                              },
                            })
                          }
                        >
                          {event.actorName ?? t('audit.unknownActor')}
                        </Anchor>
                      ) : (
                        t('audit.unknownActor')
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {t(`audit.actions.${event.action}`, { defaultValue: event.action })}
                      </Text>
                      {event.purpose && t(`audit.purposes.${event.purpose}`, { defaultValue: '' }) && (
                        <Badge size="sm" variant="light" color={statusColors.warning}>
                          {t(`audit.purposes.${event.purpose}`)}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        color={event.outcome === 'success' ? statusColors.positive : statusColors.negative}
                      >
                        {t(`audit.outcomes.${event.outcome}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {event.subjectType ? (
                        <Anchor
                          component="button"
                          type="button"
                          size="sm"
                          onClick={() => update({ subjectId: event.subjectId ?? '' })}
                        >
                          {t(`audit.subjectTypes.${event.subjectType}`, { defaultValue: event.subjectType })}{' '}
                          {event.subjectId?.slice(0, 8)}
                        </Anchor>
                      ) : (
                        '–'
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed">
                        {event.requestId?.slice(0, 8)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {result.total > pageSize && (
              <Pagination
                total={Math.ceil(result.total / pageSize)}
                value={page}
                onChange={setPage}
                getControlProps={(control) => ({ 'aria-label': control })}
              />
            )}
          </>
        )}
      </QueryState>
    </Stack>
  )
}
