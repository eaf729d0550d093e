import { Anchor, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ConceptVersion, ConceptVersionDetail } from '../../../../common/concept.ts'
import { apiSend } from '../../api.ts'
import { FormProblem } from '../../components/FormProblem.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { useCan } from '../../session.tsx'
import { formatDay } from '../casework/format.ts'
import { ConsultationList } from './ConceptConsultations.tsx'
import { conceptKeys, conceptOverviewQuery } from './queries.ts'
import { VersionStatus } from './VersionStatus.tsx'

function StartDraft() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const start = useMutation({
    mutationFn: () => apiSend<ConceptVersionDetail>('POST', '/concept/versions', {}),
    onSuccess: (created) => {
      queryClient.setQueryData(conceptKeys.version(created.id), created)
      void queryClient.invalidateQueries({ queryKey: conceptKeys.overview })
      void navigate({ to: `/steering/concept/${created.id}` })
    },
  })
  return (
    <Stack gap="xs" align="flex-start">
      <Button onClick={() => start.mutate()} loading={start.isPending}>
        {t('concept.startDraft')}
      </Button>
      <FormProblem error={start.error} />
    </Stack>
  )
}

/** Two versions to compare, the older on the left. */
function CompareChooser({ versions }: { versions: ConceptVersion[] }) {
  const { t } = useTranslation()
  const [from, setFrom] = useState<string | null>(versions[1]?.id ?? null)
  const [to, setTo] = useState<string | null>(versions[0]?.id ?? null)
  const data = versions.map((version) => ({
    value: version.id,
    label: t('concept.versionLabel', { number: version.number, title: version.title }),
  }))
  return (
    <Group align="flex-end">
      {/* Wide enough for a whole version title; the selects stack on narrow screens. */}
      <Select
        label={t('concept.compare.from')}
        data={data}
        value={from}
        onChange={setFrom}
        w={{ base: '100%', md: 540 }}
      />
      <Select
        label={t('concept.compare.to')}
        data={data}
        value={to}
        onChange={setTo}
        w={{ base: '100%', md: 540 }}
      />
      <Button
        component={Link}
        to="/steering/concept/compare"
        search={(() => ({ from: from ?? undefined, to: to ?? undefined })) as never}
        disabled={!from || !to || from === to}
        variant="light"
      >
        {t('concept.compare.open')}
      </Button>
    </Group>
  )
}

/** The integration concept: its versions, the way to a new draft, comparison, consultations. */
export function ConceptPage() {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const overview = useQuery(conceptOverviewQuery)
  return (
    <Stack maw={1200} gap="lg">
      <Stack gap={4}>
        <Title order={2}>{t('concept.title')}</Title>
        <Text c="dimmed">{t('concept.intro')}</Text>
      </Stack>
      <QueryState query={overview}>
        {(data) => (
          <Stack gap="lg">
            <Stack gap="xs">
              <Title order={3}>{t('concept.versions')}</Title>
              {data.versions.length === 0 ? (
                <Text c="dimmed">{t('concept.noVersions')}</Text>
              ) : (
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('concept.number')}</Table.Th>
                      <Table.Th>{t('concept.versionTitle')}</Table.Th>
                      <Table.Th>{t('concept.status')}</Table.Th>
                      <Table.Th>{t('concept.lastChange')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.versions.map((version) => (
                      <Table.Tr key={version.id}>
                        <Table.Td>{version.number}</Table.Td>
                        <Table.Td>
                          <Anchor component={Link} to={`/steering/concept/${version.id}`}>
                            {version.title}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>
                          <VersionStatus version={version} />
                        </Table.Td>
                        <Table.Td>{formatDay(version.updatedAt.slice(0, 10), i18n.language)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
              {can('steering.manage') && !data.versions.some((version) => version.status === 'draft') && (
                <StartDraft />
              )}
              {data.versions.some((version) => version.status === 'draft') && can('steering.manage') && (
                <Text size="sm" c="dimmed">
                  {t('concept.draftOpen')}
                </Text>
              )}
            </Stack>
            {data.versions.length >= 2 && (
              <Stack gap="xs">
                <Title order={3}>{t('concept.compare.title')}</Title>
                <CompareChooser versions={data.versions} />
              </Stack>
            )}
            <Stack gap="xs">
              <Title order={3}>{t('concept.consultations.title')}</Title>
              <ConsultationList consultations={data.consultations} showVersion />
            </Stack>
          </Stack>
        )}
      </QueryState>
    </Stack>
  )
}
