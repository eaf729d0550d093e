import { Button, Group, MultiSelect, Select, Stack, Text, Textarea, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { type LifeDomain, lifeDomains } from '../../../../common/casework-values.ts'
import { type ObstacleDetail, obstacleInputSchema } from '../../../../common/obstacles.ts'
import { apiSend } from '../../api.ts'
import { useSchemaValidator } from '../../schema-form.ts'
import { CaseworkFormProblem, focusFirstInvalid, useFieldError } from '../casework/problems.tsx'
import { organisationsQuery } from '../steering/queries.ts'
import { PersonalDataProblem } from './PersonalDataProblem.tsx'
import { obstacleKeys } from './queries.ts'

type Values = { domain: LifeDomain | null; organisationIds: string[]; title: string; description: string }

/**
 * Raising a structural obstacle, from a case (`caseId`) or directly. The hint says what the
 * server refuses: no names, no birth dates; the obstacle is about the system, not the person.
 */
export function ObstacleForm({
  caseId,
  onDone,
}: {
  caseId: string | null
  onDone: (obstacle: ObstacleDetail) => void
}) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const formRef = useRef<HTMLFormElement>(null)
  const organisations = useQuery(organisationsQuery)
  const toInput = (values: Values) => ({
    caseId,
    domain: values.domain as LifeDomain,
    organisationIds: values.organisationIds,
    title: values.title,
    description: values.description,
  })
  const form = useForm<Values>({
    initialValues: { domain: null, organisationIds: [], title: '', description: '' },
    validate: useSchemaValidator(obstacleInputSchema, toInput),
  })
  const raise = useMutation({
    mutationFn: (input: ReturnType<typeof toInput>) => apiSend<ObstacleDetail>('POST', '/obstacles', input),
    onSuccess: async (obstacle) => {
      await queryClient.invalidateQueries({ queryKey: obstacleKeys.all })
      form.reset()
      onDone(obstacle)
    },
  })
  const error = useFieldError<Values>(form.errors, raise.error)
  return (
    <form
      ref={formRef}
      noValidate
      aria-label={t('obstacles.form.title')}
      onSubmit={form.onSubmit(
        (values) => raise.mutate(toInput(values)),
        () => focusFirstInvalid(formRef.current),
      )}
    >
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {t('obstacles.form.hint')}
        </Text>
        <PersonalDataProblem error={raise.error} />
        <CaseworkFormProblem
          error={raise.error}
          shown={['domain', 'organisationIds', 'title', 'description', 'caseId']}
        />
        <Group align="flex-start" grow>
          <Select
            label={t('obstacles.fields.domain')}
            required
            data={lifeDomains.map((domain) => ({ value: domain, label: t(`casework.domains.${domain}`) }))}
            {...form.getInputProps('domain')}
            error={error('domain')}
          />
          <MultiSelect
            label={t('obstacles.fields.organisations')}
            data={(organisations.data ?? []).map((organisation) => ({
              value: organisation.id,
              label: organisation.name,
            }))}
            searchable
            {...form.getInputProps('organisationIds')}
            error={error('organisationIds')}
          />
        </Group>
        <TextInput
          label={t('obstacles.fields.title')}
          required
          maxLength={200}
          {...form.getInputProps('title')}
          error={error('title')}
        />
        <Textarea
          label={t('obstacles.fields.description')}
          description={t('obstacles.form.descriptionHint')}
          required
          autosize
          minRows={3}
          maxLength={5000}
          {...form.getInputProps('description')}
          error={error('description')}
        />
        <Group>
          <Button type="submit" loading={raise.isPending}>
            {t('obstacles.form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
