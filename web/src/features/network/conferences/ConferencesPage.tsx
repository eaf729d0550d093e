import { Anchor, Group, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { ExportMenu } from '../../../components/ExportMenu.tsx'
import { QueryState } from '../../../components/QueryState.tsx'
import { formatDay } from '../../casework/format.ts'
import { conferenceListQuery } from './conference-queries.ts'

/**
 * The district's case conferences of the last two years. Case work sees the case of those it may
 * read; the coordination sees when, which kind, with whom and how many actions are open, and
 * nothing of the case.
 */
export function ConferencesPage() {
  const { t, i18n } = useTranslation()
  const list = useQuery(conferenceListQuery())
  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={2}>{t('caseConferences.pageTitle')}</Title>
        <ExportMenu path="/case-conferences/export" listName={t('caseConferences.pageTitle')} />
      </Group>
      <Text size="sm" c="dimmed">
        {t('caseConferences.pageHint')}
      </Text>
      <QueryState query={list}>
        {(items) =>
          items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('caseConferences.noneInDistrict')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={720}>
              <Table withTableBorder striped>
                <Table.Caption>{t('caseConferences.count', { count: items.length })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('caseConferences.heldOn')}</Table.Th>
                    <Table.Th scope="col">{t('caseConferences.kind')}</Table.Th>
                    <Table.Th scope="col">{t('caseConferences.organisations')}</Table.Th>
                    <Table.Th scope="col">{t('caseConferences.openActions')}</Table.Th>
                    <Table.Th scope="col">{t('caseConferences.case')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((item) => (
                    <Table.Tr key={item.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {formatDay(item.heldOn, i18n.language)}
                      </Table.Td>
                      <Table.Td>{t(`caseConferences.kinds.${item.kind}`)}</Table.Td>
                      <Table.Td>{item.organisations.join(', ')}</Table.Td>
                      <Table.Td>
                        {t('caseConferences.openOf', { open: item.openActionCount, total: item.actionCount })}
                      </Table.Td>
                      <Table.Td>
                        {item.case ? (
                          <Anchor
                            component={Link}
                            to={`/cases/${item.case.id}`}
                            search={(() => ({ tab: 'conferences' })) as never}
                            size="sm"
                          >
                            {item.case.reference}
                          </Anchor>
                        ) : (
                          '–'
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
    </Stack>
  )
}
