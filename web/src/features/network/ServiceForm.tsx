import {
  Button,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type Service,
  type ServiceDomain,
  serviceDomains,
  serviceInputSchema,
  type TargetGroup,
  targetGroups,
} from '../../../../common/network.ts'
import { apiSend } from '../../api.ts'
import { DayInput } from '../../components/DateFields.tsx'
import { FormProblem } from '../../components/FormProblem.tsx'
import { useProblemText } from '../../problems.ts'
import { maxLengthOf, useSchemaValidator } from '../../schema-form.ts'
import { useSession } from '../../session.tsx'
import { languageName, languageOptions } from './format.ts'
import { networkKeys, useDistrictMunicipalities, useOrganisationOptions } from './queries.ts'

type ServiceValues = {
  organisationId: string | null
  name: string
  description: string
  domains: ServiceDomain[]
  targetGroups: TargetGroup[]
  municipalityIds: string[]
  languages: string[]
  eligibility: string
  contact: string
  startsOn: string
  endsOn: string
}

const toInput = (values: ServiceValues) => ({
  ...values,
  organisationId: values.organisationId ?? undefined,
  startsOn: values.startsOn || null,
  endsOn: values.endsOn || null,
})
const schemaOf = serviceInputSchema as unknown as Parameters<typeof maxLengthOf>[0]

/** A service of the map, new or changed; partners file services for their own organisation only. */
export function ServiceForm({ service, onDone }: { service?: Service; onDone: (notice: string) => void }) {
  const { t, i18n } = useTranslation()
  const session = useSession()
  const problems = useProblemText()
  const municipalities = useDistrictMunicipalities()
  const organisations = useOrganisationOptions()
  const queryClient = useQueryClient()
  const ownOrganisation = session.user.roles.includes('partner') ? session.user.organisationId : null
  const form = useForm<ServiceValues>({
    initialValues: {
      organisationId: service?.organisationId ?? ownOrganisation,
      name: service?.name ?? '',
      description: service?.description ?? '',
      domains: service?.domains ?? [],
      targetGroups: service?.targetGroups ?? [],
      municipalityIds: service?.municipalityIds ?? [],
      languages: service?.languages ?? ['de'],
      eligibility: service?.eligibility ?? '',
      contact: service?.contact ?? '',
      startsOn: service?.startsOn ?? '',
      endsOn: service?.endsOn ?? '',
    },
    validate: useSchemaValidator(serviceInputSchema, toInput),
  })
  const refresh = () => queryClient.invalidateQueries({ queryKey: networkKeys.services })
  const save = useMutation({
    mutationFn: (values: ServiceValues) =>
      service
        ? apiSend<Service>('PUT', `/services/${service.id}`, toInput(values), {
            'if-match': `"${service.version}"`,
          })
        : apiSend<Service>('POST', '/services', toInput(values)),
    onSuccess: async () => {
      await Promise.all([refresh(), queryClient.invalidateQueries({ queryKey: networkKeys.directory })])
      onDone(t('network.services.saved'))
    },
  })
  const [confirming, setConfirming] = useState(false)
  const remove = useMutation({
    mutationFn: () =>
      apiSend<void>('DELETE', `/services/${service?.id}`, undefined, { 'if-match': `"${service?.version}"` }),
    onSuccess: async () => {
      await Promise.all([refresh(), queryClient.invalidateQueries({ queryKey: networkKeys.directory })])
      onDone(t('network.services.deleted'))
    },
  })
  const error = (name: string) =>
    (form.errors[name] as string | undefined) ?? problems.field(save.error, name)
  const languages = [
    ...languageOptions(i18n.language),
    ...form.values.languages
      .filter((code) => !languageOptions(i18n.language).some((option) => option.value === code))
      .map((code) => ({ value: code, label: languageName(code, i18n.language) })),
  ]
  const organisationChoices = ownOrganisation
    ? organisations.filter((option) => option.value === ownOrganisation)
    : organisations

  return (
    <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values))}>
      <Stack gap="sm">
        <FormProblem error={save.error ?? remove.error} />
        <Select
          label={t('network.fields.organisation')}
          required
          data={organisationChoices}
          searchable
          disabled={ownOrganisation !== null && !service}
          {...form.getInputProps('organisationId')}
          error={error('organisationId')}
        />
        <TextInput
          label={t('network.fields.service')}
          required
          maxLength={maxLengthOf(schemaOf, 'name') ?? 200}
          {...form.getInputProps('name')}
          error={error('name')}
        />
        <Textarea
          label={t('network.fields.description')}
          autosize
          minRows={2}
          maxLength={2000}
          {...form.getInputProps('description')}
          error={error('description')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <MultiSelect
            label={t('network.fields.domains')}
            required
            data={serviceDomains.map((value) => ({ value, label: t(`casework.domains.${value}`) }))}
            {...form.getInputProps('domains')}
            error={error('domains')}
          />
          <MultiSelect
            label={t('network.fields.targetGroups')}
            required
            data={targetGroups.map((value) => ({ value, label: t(`network.targetGroups.${value}`) }))}
            {...form.getInputProps('targetGroups')}
            error={error('targetGroups')}
          />
        </SimpleGrid>
        <Stack gap={4}>
          <MultiSelect
            label={t('network.fields.municipalities')}
            required
            searchable
            data={municipalities.options}
            {...form.getInputProps('municipalityIds')}
            error={error('municipalityIds')}
          />
          <Group>
            <Button
              variant="subtle"
              size="compact-xs"
              onClick={() =>
                form.setFieldValue(
                  'municipalityIds',
                  municipalities.all.map((m) => m.id),
                )
              }
            >
              {t('network.directory.wholeDistrict')}
            </Button>
          </Group>
        </Stack>
        <MultiSelect
          label={t('network.fields.languages')}
          description={t('network.services.languagesHint')}
          searchable
          data={languages}
          {...form.getInputProps('languages')}
          error={error('languages')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Textarea
            label={t('network.fields.eligibility')}
            autosize
            maxLength={1000}
            {...form.getInputProps('eligibility')}
            error={error('eligibility')}
          />
          <TextInput
            label={t('network.fields.contact')}
            maxLength={300}
            {...form.getInputProps('contact')}
            error={error('contact')}
          />
          <DayInput
            label={t('network.fields.startsOn')}
            {...form.getInputProps('startsOn')}
            error={error('startsOn')}
          />
          <DayInput
            label={t('network.fields.endsOn')}
            {...form.getInputProps('endsOn')}
            error={error('endsOn')}
          />
        </SimpleGrid>
        <Group justify="space-between">
          {service ? (
            confirming ? (
              <Group gap="xs">
                <Text size="sm" maw={360}>
                  {t('network.services.deleteConfirm', { name: service.name })}
                </Text>
                <Button color="red" size="xs" loading={remove.isPending} onClick={() => remove.mutate()}>
                  {t('network.services.delete')}
                </Button>
              </Group>
            ) : (
              <Button variant="subtle" color="red" onClick={() => setConfirming(true)}>
                {t('network.services.delete')}
              </Button>
            )
          ) : (
            <span />
          )}
          <Button type="submit" loading={save.isPending}>
            {t('casework.common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
