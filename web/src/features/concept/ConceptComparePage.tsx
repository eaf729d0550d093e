import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import type {
  ChangeKind,
  ConceptComparison,
  ConceptInterface,
  LineChange,
} from '../../../../common/concept.ts'
import { statusColors } from '../../colors.ts'
import { QueryState } from '../../components/QueryState.tsx'
import { InterfaceStatusBadge } from './ConceptInterfaces.tsx'
import { useSectionTitle } from './ConceptSections.tsx'
import { conceptCompareQuery } from './queries.ts'

const changeColor: Record<ChangeKind, string> = {
  same: statusColors.neutral,
  changed: statusColors.warning,
  added: statusColors.positive,
  removed: statusColors.negative,
}
// Light backgrounds that keep dark text at AA contrast.
const lineBackground = { removed: '#fde8e8', added: '#e6f4ea', same: undefined } as const

function ChangeBadge({ change }: { change: ChangeKind }) {
  const { t } = useTranslation()
  return <Badge color={changeColor[change]}>{t(`concept.compare.changes.${change}`)}</Badge>
}

/** One side's lines: kept lines on both sides, removed ones only left, added ones only right. */
function Side({ lines, side }: { lines: LineChange[]; side: 'from' | 'to' }) {
  const { t } = useTranslation()
  const hidden = side === 'from' ? 'added' : 'removed'
  const shown = lines.filter((line) => line.op !== hidden)
  if (shown.length === 0) return <Text c="dimmed">–</Text>
  return (
    <Stack gap={4}>
      {shown.map((line, index) => (
        <Text
          // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity beyond their place
          key={index}
          size="sm"
          p={4}
          style={{ background: lineBackground[line.op], borderRadius: 4 }}
        >
          {line.op !== 'same' && (
            <Text span fw={700} size="sm">
              {t(`concept.compare.lineMarks.${line.op}`)}{' '}
            </Text>
          )}
          {line.text}
        </Text>
      ))}
    </Stack>
  )
}

const interfaceFieldValue = (entry: ConceptInterface | null, field: string): string => {
  if (!entry) return ''
  if (field === 'organisationAId') return entry.organisationAName
  if (field === 'organisationBId') return entry.organisationBName
  return String(entry[field as keyof ConceptInterface] ?? '')
}

function ComparisonView({ comparison }: { comparison: ConceptComparison }) {
  const { t } = useTranslation()
  const titleOf = useSectionTitle()
  const changedSections = comparison.sections.filter((section) => section.change !== 'same')
  const versionName = (side: 'from' | 'to') =>
    t('concept.versionLabel', { number: comparison[side].number, title: comparison[side].title })
  return (
    <Stack maw={1400} gap="lg">
      <Stack gap={4}>
        <Anchor component={Link} to="/steering/concept" size="sm">
          {t('concept.back')}
        </Anchor>
        <Title order={2}>{t('concept.compare.title')}</Title>
        <Group gap="xs">
          <Anchor component={Link} to={`/steering/concept/${comparison.from.id}`}>
            {versionName('from')}
          </Anchor>
          <Text>→</Text>
          <Anchor component={Link} to={`/steering/concept/${comparison.to.id}`}>
            {versionName('to')}
          </Anchor>
        </Group>
        <Text size="sm" c="dimmed">
          {t('concept.compare.summary', {
            sections: changedSections.length,
            cells: comparison.grid.length,
            interfaces: comparison.interfaces.filter((each) => each.change !== 'same').length,
          })}
        </Text>
      </Stack>

      <Stack gap="sm">
        <Title order={3}>{t('concept.sections.title')}</Title>
        {changedSections.length === 0 && <Text c="dimmed">{t('concept.compare.noChanges')}</Text>}
        {changedSections.map((section) => {
          const heading = titleOf({ ...section, title: section.toTitle ?? section.fromTitle })
          return (
            <Paper key={section.key} withBorder p="md" component="section" aria-label={heading}>
              <Stack gap="xs">
                <Group gap="sm">
                  <Title order={4}>{heading}</Title>
                  <ChangeBadge change={section.change} />
                </Group>
                <SimpleGrid cols={2}>
                  <Stack gap={4}>
                    <Text size="xs" fw={700} c="dimmed">
                      {versionName('from')}
                    </Text>
                    <Side lines={section.lines} side="from" />
                  </Stack>
                  <Stack gap={4}>
                    <Text size="xs" fw={700} c="dimmed">
                      {versionName('to')}
                    </Text>
                    <Side lines={section.lines} side="to" />
                  </Stack>
                </SimpleGrid>
              </Stack>
            </Paper>
          )
        })}
      </Stack>

      <Stack gap="xs">
        <Title order={3}>{t('concept.grid.title')}</Title>
        {comparison.grid.length === 0 ? (
          <Text c="dimmed">{t('concept.compare.noChanges')}</Text>
        ) : (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('concept.grid.domain')}</Table.Th>
                <Table.Th>{t('concept.grid.actor')}</Table.Th>
                <Table.Th>{versionName('from')}</Table.Th>
                <Table.Th>{versionName('to')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {comparison.grid.map((cell) => (
                <Table.Tr key={`${cell.domain}|${cell.organisationId}`}>
                  <Table.Td>{t(`casework.domains.${cell.domain}`)}</Table.Td>
                  <Table.Td>{cell.organisationName}</Table.Td>
                  <Table.Td>{t(`concept.grid.roles.${cell.from}`)}</Table.Td>
                  <Table.Td fw={600}>{t(`concept.grid.roles.${cell.to}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>

      <Stack gap="xs">
        <Title order={3}>{t('concept.interfaces.title')}</Title>
        {comparison.interfaces.every((each) => each.change === 'same') ? (
          <Text c="dimmed">{t('concept.compare.noChanges')}</Text>
        ) : (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('concept.interfaces.between')}</Table.Th>
                <Table.Th>{t('concept.compare.change')}</Table.Th>
                <Table.Th>{versionName('from')}</Table.Th>
                <Table.Th>{versionName('to')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {comparison.interfaces
                .filter((each) => each.change !== 'same')
                .map((each) => {
                  const entry = (each.to ?? each.from) as ConceptInterface
                  return (
                    <Table.Tr key={each.key}>
                      <Table.Td>
                        <Text size="sm">
                          {entry.organisationAName} ↔ {entry.organisationBName}
                        </Text>
                        <Text size="sm" fw={500}>
                          {entry.process}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <ChangeBadge change={each.change} />
                      </Table.Td>
                      <Table.Td>
                        {each.from && each.change === 'changed' ? (
                          <Stack gap={2}>
                            {each.changedFields.map((field) => (
                              <Text key={field} size="sm">
                                <strong>{t(`concept.compare.fields.${field}`)}:</strong>{' '}
                                {field === 'status' ? (
                                  <InterfaceStatusBadge status={each.from?.status ?? 'open'} />
                                ) : (
                                  interfaceFieldValue(each.from, field) || '–'
                                )}
                              </Text>
                            ))}
                          </Stack>
                        ) : each.from ? (
                          <InterfaceStatusBadge status={each.from.status} />
                        ) : (
                          '–'
                        )}
                      </Table.Td>
                      <Table.Td>
                        {each.to && each.change === 'changed' ? (
                          <Stack gap={2}>
                            {each.changedFields.map((field) => (
                              <Text key={field} size="sm">
                                <strong>{t(`concept.compare.fields.${field}`)}:</strong>{' '}
                                {field === 'status' ? (
                                  <InterfaceStatusBadge status={each.to?.status ?? 'open'} />
                                ) : (
                                  interfaceFieldValue(each.to, field) || '–'
                                )}
                              </Text>
                            ))}
                          </Stack>
                        ) : each.to ? (
                          <InterfaceStatusBadge status={each.to.status} />
                        ) : (
                          '–'
                        )}
                      </Table.Td>
                    </Table.Tr>
                  )
                })}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Stack>
  )
}

/** Two versions side by side: sections line by line, the grid cells and interfaces that changed. */
export function ConceptComparePage({ from, to }: { from?: string | undefined; to?: string | undefined }) {
  const { t } = useTranslation()
  const comparison = useQuery({ ...conceptCompareQuery(from ?? '', to ?? ''), enabled: Boolean(from && to) })
  if (!from || !to)
    return (
      <Stack>
        <Anchor component={Link} to="/steering/concept" size="sm">
          {t('concept.back')}
        </Anchor>
        <Text>{t('concept.compare.choose')}</Text>
      </Stack>
    )
  return <QueryState query={comparison}>{(data) => <ComparisonView comparison={data} />}</QueryState>
}
