import { Box, Paper, SimpleGrid, Table, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts'
import { type Assessment, lifeDomains } from '../../../../common/casework.ts'
import { formatDay } from '../../casework-format.ts'

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
            <Box h={130}>
              <ResponsiveContainer width="100%" height="100%">
                <LineChart
                  accessibilityLayer={false}
                  data={assessments.map((assessment) => ({
                    date: formatDay(assessment.assessedOn, language),
                    level: level(assessment, domain) ?? null,
                  }))}
                  margin={{ top: 6, right: 12, bottom: 0, left: 0 }}
                >
                  <CartesianGrid strokeDasharray="3 3" stroke="#dee2e6" />
                  <XAxis dataKey="date" tick={{ fontSize: 11, fill: '#495057' }} />
                  <YAxis
                    domain={[0, 3]}
                    ticks={[0, 1, 2, 3]}
                    width={58}
                    tick={{ fontSize: 11, fill: '#495057' }}
                    tickFormatter={(value: number) => t(`casework.needLevels.${value}`)}
                  />
                  <Line
                    type="linear"
                    dataKey="level"
                    stroke="#1864ab"
                    strokeWidth={2}
                    dot={{ r: 4 }}
                    connectNulls
                    isAnimationActive={false}
                  />
                </LineChart>
              </ResponsiveContainer>
            </Box>
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
