import { Anchor, Button, Group, Select, Stack, Table, Text, Textarea } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ConceptVersionDetail, Consultation } from '../../../../common/concept.ts'
import { apiSend } from '../../api.ts'
import { DayInput } from '../../components/DateFields.tsx'
import { FormProblem } from '../../components/FormProblem.tsx'
import { formatDay, todayIso } from '../casework/format.ts'
import { useCaseworkProblems } from '../casework/problems.tsx'
import { bodiesQuery } from '../steering/queries.ts'
import { useVersionChange } from './queries.ts'

/** To which body a version was presented, when, and what came back. */
export function ConsultationList({
  consultations,
  showVersion = false,
}: {
  consultations: Consultation[]
  showVersion?: boolean
}) {
  const { t, i18n } = useTranslation()
  if (consultations.length === 0) return <Text c="dimmed">{t('concept.consultations.none')}</Text>
  return (
    <Table striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('concept.consultations.heldOn')}</Table.Th>
          <Table.Th>{t('concept.consultations.body')}</Table.Th>
          {showVersion && <Table.Th>{t('concept.number')}</Table.Th>}
          <Table.Th>{t('concept.consultations.feedback')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {consultations.map((consultation) => (
          <Table.Tr key={consultation.id}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              {formatDay(consultation.heldOn, i18n.language)}
            </Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/steering/bodies/${consultation.bodyId}`}>
                {consultation.bodyName}
              </Anchor>
            </Table.Td>
            {showVersion && (
              <Table.Td>
                <Anchor component={Link} to={`/steering/concept/${consultation.versionId}`}>
                  {consultation.versionNumber}
                </Anchor>
              </Table.Td>
            )}
            <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{consultation.feedback || '–'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

/** Records a consultation of this version: a body of the district, a day that has come, the feedback. */
export function ConsultationForm({ version }: { version: ConceptVersionDetail }) {
  const { t } = useTranslation()
  const problems = useCaseworkProblems()
  const bodies = useQuery(bodiesQuery)
  const [bodyId, setBodyId] = useState<string | null>(null)
  const [heldOn, setHeldOn] = useState('')
  const [feedback, setFeedback] = useState('')
  const add = useVersionChange(version.id, (input: { bodyId: string; heldOn: string; feedback: string }) =>
    apiSend<ConceptVersionDetail>('POST', `/concept/versions/${version.id}/consultations`, input),
  )
  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    add.mutate(
      { bodyId: bodyId ?? '', heldOn, feedback },
      {
        onSuccess: () => {
          setBodyId(null)
          setHeldOn('')
          setFeedback('')
        },
      },
    )
  }
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="xs" maw={720}>
        <Group align="flex-start">
          <Select
            label={t('concept.consultations.body')}
            required
            data={(bodies.data?.items ?? []).map((body) => ({ value: body.id, label: body.name }))}
            value={bodyId}
            onChange={setBodyId}
            error={problems.field(add.error, 'bodyId')}
            w={380}
          />
          <DayInput
            label={t('concept.consultations.heldOn')}
            required
            value={heldOn}
            onChange={setHeldOn}
            max={todayIso()}
            error={problems.field(add.error, 'heldOn')}
            w={180}
          />
        </Group>
        <Textarea
          label={t('concept.consultations.feedback')}
          autosize
          minRows={2}
          maxLength={10_000}
          value={feedback}
          onChange={(event) => setFeedback(event.currentTarget.value)}
          error={problems.field(add.error, 'feedback')}
        />
        <FormProblem error={add.error} />
        <Group>
          <Button type="submit" variant="light" loading={add.isPending} disabled={!bodyId || !heldOn}>
            {t('concept.consultations.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
