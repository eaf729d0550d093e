import { Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Assessment, Case } from '../../../../common/casework.ts'
import { QueryState } from '../../components/QueryState.tsx'
import { ClosedNotice, canWrite } from '../casework/bits.tsx'
import { formatDay } from '../casework/format.ts'
import { assessmentsQuery } from '../casework/queries.ts'
import { AssessmentForm } from './AssessmentForm.tsx'
import { AssessmentHistory } from './AssessmentHistory.tsx'

/** The latest assessment as a table, for those who may read but not assess. */
function LatestAssessment({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation()
  return (
    <Table withTableBorder striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('casework.fields.domain')}</Table.Th>
          <Table.Th scope="col">{t('casework.assessment.needLevel')}</Table.Th>
          <Table.Th scope="col">{t('casework.assessment.resources')}</Table.Th>
          <Table.Th scope="col">{t('casework.assessment.note')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {assessment.entries.map((entry) => (
          <Table.Tr key={entry.domain}>
            <Table.Th scope="row">{t(`casework.domains.${entry.domain}`)}</Table.Th>
            <Table.Td>{t(`casework.needLevels.${entry.needLevel}`)}</Table.Td>
            <Table.Td>{entry.resources || '–'}</Table.Td>
            <Table.Td>{entry.note || '–'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

export function AssessmentTab({ item }: { item: Case }) {
  const { t, i18n } = useTranslation()
  const assessments = useQuery(assessmentsQuery(item.id))
  const canWork = canWrite(item)
  const [notice, setNotice] = useState('')
  return (
    <section aria-labelledby="assessment-heading">
      <Title order={3} size="h4" id="assessment-heading" mb="sm">
        {t('casework.tabs.assessment')}
      </Title>
      <ClosedNotice item={item} />
      <QueryState query={assessments}>
        {(list) => {
          const latest = list.at(-1)
          return (
            <Stack gap="lg">
              {latest ? (
                <Text size="sm">
                  {t('casework.assessment.latest', {
                    date: formatDay(latest.assessedOn, i18n.language),
                    name: latest.createdBy,
                    count: list.length,
                  })}
                </Text>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('casework.assessment.none')}
                </Text>
              )}
              <AssessmentHistory assessments={list} />
              {canWork ? (
                <section aria-labelledby="assessment-new-heading">
                  <Title order={4} id="assessment-new-heading" mb="xs">
                    {t('casework.assessment.new')}
                  </Title>
                  <AssessmentForm
                    item={item}
                    latest={latest}
                    key={latest?.id ?? 'none'}
                    onSaved={() => setNotice(t('casework.assessment.saved'))}
                  />
                </section>
              ) : (
                latest && <LatestAssessment assessment={latest} />
              )}
              <Text size="sm" role="status" fw={600} ta="right">
                {notice}
              </Text>
            </Stack>
          )
        }}
      </QueryState>
    </section>
  )
}
