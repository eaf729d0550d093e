import { Alert, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ConceptVersionDetail } from '../../../../common/concept.ts'
import { apiSend } from '../../api.ts'
import { DayInput } from '../../components/DateFields.tsx'
import { FormProblem } from '../../components/FormProblem.tsx'
import { todayIso } from '../casework/format.ts'
import { useCaseworkProblems } from '../casework/problems.tsx'
import { bodiesQuery, registerQuery } from '../steering/queries.ts'
import { useVersionChange } from './queries.ts'

type AdoptionInput = {
  adoptedOn: string
  bodyId: string | null
  decisionId: string | null
  reference: string
}

/** Records that the draft was adopted: by a body (and its decision), or by a reference; it is frozen afterwards. */
export function ConceptAdoption({ version }: { version: ConceptVersionDetail }) {
  const { t } = useTranslation()
  const problems = useCaseworkProblems()
  const bodies = useQuery(bodiesQuery)
  const [values, setValues] = useState<AdoptionInput>({
    adoptedOn: '',
    bodyId: null,
    decisionId: null,
    reference: '',
  })
  const decisions = useQuery({
    ...registerQuery(new URLSearchParams({ bodyId: values.bodyId ?? '', limit: '100' })),
    enabled: values.bodyId !== null,
  })
  const adopt = useVersionChange(version.id, (input: AdoptionInput) =>
    apiSend<ConceptVersionDetail>('POST', `/concept/versions/${version.id}/adoption`, input, {
      'if-match': `"${version.version}"`,
    }),
  )
  return (
    <Alert color="blue" title={t('concept.adoption.title')}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          adopt.mutate(values)
        }}
      >
        <Stack gap="xs">
          <Text size="sm">{t('concept.adoption.hint')}</Text>
          <Group align="flex-start">
            <DayInput
              label={t('concept.adoption.adoptedOn')}
              required
              value={values.adoptedOn}
              onChange={(adoptedOn) => setValues((current) => ({ ...current, adoptedOn }))}
              max={todayIso()}
              error={problems.field(adopt.error, 'adoptedOn')}
              w={180}
            />
            <Select
              label={t('concept.adoption.body')}
              clearable
              data={(bodies.data?.items ?? []).map((body) => ({ value: body.id, label: body.name }))}
              value={values.bodyId}
              onChange={(bodyId) => setValues((current) => ({ ...current, bodyId, decisionId: null }))}
              error={problems.field(adopt.error, 'bodyId')}
              w={340}
            />
            <Select
              label={t('concept.adoption.decision')}
              clearable
              disabled={values.bodyId === null}
              data={(decisions.data?.items ?? []).map((decision) => ({
                value: decision.id,
                label: `${decision.number}: ${decision.text.slice(0, 80)}`,
              }))}
              value={values.decisionId}
              onChange={(decisionId) => setValues((current) => ({ ...current, decisionId }))}
              error={problems.field(adopt.error, 'decisionId')}
              w={340}
            />
          </Group>
          <TextInput
            label={t('concept.adoption.reference')}
            description={t('concept.adoption.referenceHint')}
            maxLength={300}
            value={values.reference}
            onChange={(event) => {
              const reference = event.currentTarget.value
              setValues((current) => ({ ...current, reference }))
            }}
            error={problems.field(adopt.error, 'reference')}
            maw={700}
          />
          <FormProblem error={adopt.error} />
          <Group>
            <Button type="submit" loading={adopt.isPending} disabled={!values.adoptedOn}>
              {t('concept.adoption.adopt')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Alert>
  )
}
