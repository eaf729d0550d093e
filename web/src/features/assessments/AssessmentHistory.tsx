import { Paper, SimpleGrid, Table, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { type Assessment, lifeDomains } from '../../../../common/casework.ts'
import { needLevelChart, needLevelsOf } from '../../../../common/charts/need-level.ts'
import { LazyEChart } from '../../components/charts/LazyEChart.tsx'
import { formatDay } from '../casework/format.ts'

/**
 * Need level per life domain over the assessments: one small chart per assessed domain, and the
 * same figures as a table for screen readers and for anyone who prefers numbers. The charts are
 * hidden from assistive technology, the table carries the information.
 */
export function AssessmentHistory({ assessments }: { assessments: Assessment[] }) {
  const { t, i18n } = useTranslation()
  const language = i18n.language
  const domains = lifeDomains.filter((domain) =>
    assessments.some((assessment) => assessment.entries.some((entry) => entry.domain === domain)),
  )
  const level = (assessment: Assessment, domain: string) =>
    assessment.entries.find((entry) => entry.domain === domain)?.needLevel
  const levelNames = [0, 1, 2, 3].map((value) => t(`casework.needLevels.${value}`)) as [
    string,
    string,
    string,
    string,
  ]
  const levelLabel = (value: number | undefined) =>
    value === undefined ? '–' : t(`casework.needLevels.${value}`)
  if (domains.length === 0) return null
  return (
    <section aria-labelledby="assessment-history-heading">
      <Title order={4} id="assessment-history-heading" mb="xs">
        {t('casework.assessment.history')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" aria-hidden="true">
        {domains.map((domain) => (
          <Paper key={domain} withBorder p="xs">
            <Text size="sm" fw={600} mb={4}>
              {t(`casework.domains.${domain}`)}
            </Text>
            <LazyEChart
              height={130}
              option={needLevelChart({
                dates: assessments.map((assessment) => formatDay(assessment.assessedOn, language)),
                levels: needLevelsOf(assessments, domain),
                levelNames,
              })}
            />
          </Paper>
        ))}
      </SimpleGrid>
      <details style={{ marginTop: 12 }}>
        <summary>{t('casework.assessment.asTable')}</summary>
        <Table.ScrollContainer minWidth={400} mt="xs">
          <Table withTableBorder striped>
            <Table.Caption>{t('casework.assessment.tableCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('casework.fields.domain')}</Table.Th>
                {assessments.map((assessment) => (
                  <Table.Th scope="col" key={assessment.id}>
                    {formatDay(assessment.assessedOn, language)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {domains.map((domain) => (
                <Table.Tr key={domain}>
                  <Table.Th scope="row">{t(`casework.domains.${domain}`)}</Table.Th>
                  {assessments.map((assessment) => (
                    <Table.Td key={assessment.id}>{levelLabel(level(assessment, domain))}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </details>
    </section>
  )
}
