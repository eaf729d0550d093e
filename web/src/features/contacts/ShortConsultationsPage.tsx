import { Button, Group, NativeSelect, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  contactChannels,
  type LifeDomain,
  shortConsultationInputSchema,
} from '../../../../common/casework.ts'
import { apiSend } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { DayInput } from '../../components/DateFields.tsx'
import { ExportMenu } from '../../components/ExportMenu.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { useSchemaValidator } from '../../schema-form.ts'
import { DomainCheckboxes, remember, remembered, useEnumOptions } from '../casework/bits.tsx'
import { formatDay, languageName, languageOptions, todayIso } from '../casework/format.ts'
import { CaseworkFormProblem, focusFirstInvalid, useFieldError } from '../casework/problems.tsx'
import { type ShortConsultation, shortConsultationsQuery, useMunicipalities } from '../casework/queries.ts'

type ShortConsultationValues = {
  occurredOn: string
  municipalityId: string | null
  domains: LifeDomain[]
  language: string
  channel: string
}

const shortConsultationInput = (values: ShortConsultationValues) => ({
  occurredOn: values.occurredOn || undefined,
  municipalityId: values.municipalityId ?? undefined,
  domains: values.domains,
  language: values.language,
  channel: values.channel,
})

/** Counting a short consultation: no person, only what the figures need. Made for quick repetition. */
function ShortConsultationForm() {
  const { t, i18n } = useTranslation()
  const options = useEnumOptions()
  const municipalities = useMunicipalities()
  const queryClient = useQueryClient()
  const firstRef = useRef<HTMLInputElement>(null)
  const formRef = useRef<HTMLFormElement>(null)
  const initial = (): ShortConsultationValues => ({
    occurredOn: todayIso(),
    municipalityId: remembered('municipality', '') || null,
    domains: [],
    language: remembered('language', 'de'),
    channel: remembered('channel', 'in-person'),
  })
  const form = useForm<ShortConsultationValues>({
    initialValues: initial(),
    validate: useSchemaValidator(shortConsultationInputSchema, shortConsultationInput, undefined, {
      domains: t('casework.problems.domains-required'),
    }),
  })
  const [notice, setNotice] = useState('')
  const save = useMutation({
    mutationFn: (body: ReturnType<typeof shortConsultationInput>) =>
      apiSend<ShortConsultation>('POST', '/short-consultations', body),
    onSuccess: (_saved, body) => {
      void queryClient.invalidateQueries({ queryKey: shortConsultationsQuery.queryKey })
      remember('language', body.language)
      remember('channel', body.channel)
      if (body.municipalityId) remember('municipality', body.municipalityId)
      setNotice(t('casework.short.saved', { date: formatDay(body.occurredOn ?? '', i18n.language) }))
      form.setValues(initial())
      firstRef.current?.focus()
    },
  })
  const submit = form.onSubmit(
    (values) => {
      setNotice('')
      save.mutate(shortConsultationInput(values))
    },
    () => {
      setNotice('')
      focusFirstInvalid(formRef.current)
    },
  )
  const error = useFieldError<ShortConsultationValues>(form.errors, save.error)
  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault()
          event.currentTarget.requestSubmit()
        }
      }}
    >
      <Stack gap="sm">
        <CaseworkFormProblem
          error={save.error}
          shown={['occurredOn', 'municipalityId', 'domains', 'language', 'channel']}
        />
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
          <DayInput
            ref={firstRef}
            autoFocus
            label={t('casework.short.date')}
            required
            max={todayIso()}
            {...form.getInputProps('occurredOn')}
            error={error('occurredOn')}
          />
          <Select
            label={t('casework.fields.municipality')}
            required
            data={municipalities.options}
            {...form.getInputProps('municipalityId')}
            error={error('municipalityId')}
            searchable
            openOnFocus={false}
          />
          <Select
            label={t('casework.fields.language')}
            data={languageOptions(i18n.language)}
            {...form.getInputProps('language')}
            error={error('language')}
            searchable
            openOnFocus={false}
            allowDeselect={false}
          />
          <NativeSelect
            label={t('casework.fields.channel')}
            data={options(contactChannels, 'channels')}
            {...form.getInputProps('channel')}
            error={error('channel')}
          />
        </SimpleGrid>
        <DomainCheckboxes
          label={t('casework.short.domains')}
          required
          value={form.values.domains}
          onChange={(domains) => form.setFieldValue('domains', domains)}
          error={error('domains')}
        />
        <Group justify="flex-end" gap="sm">
          <Text size="sm" role="status" c={statusColors.positive} fw={600}>
            {notice}
          </Text>
          <Button
            type="submit"
            loading={save.isPending}
            disabled={!form.values.municipalityId || form.values.domains.length === 0}
          >
            {t('casework.short.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

export function ShortConsultationsPage() {
  const { t, i18n } = useTranslation()
  const list = useQuery(shortConsultationsQuery)
  const municipalities = useMunicipalities()
  return (
    <Stack gap="lg" maw={1100}>
      <div>
        <Title order={2}>{t('casework.short.title')}</Title>
        <Text mt="xs" maw={720}>
          {t('casework.short.intro')}
        </Text>
      </div>
      <section aria-labelledby="short-form-heading">
        <Title order={3} size="h4" id="short-form-heading" mb="xs">
          {t('casework.short.new')}
        </Title>
        <ShortConsultationForm />
      </section>
      <section aria-labelledby="short-list-heading">
        <Group justify="space-between" align="flex-start" mb="xs">
          <Title order={3} size="h4" id="short-list-heading">
            {t('casework.short.mine')}
          </Title>
          <ExportMenu path="/short-consultations/export" listName={t('casework.short.mine')} />
        </Group>
        <QueryState query={list}>
          {(items) =>
            items.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('casework.short.none')}
              </Text>
            ) : (
              <Table withTableBorder striped>
                <Table.Caption>{t('casework.short.count', { count: items.length })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('casework.short.date')}</Table.Th>
                    <Table.Th scope="col">{t('casework.fields.municipality')}</Table.Th>
                    <Table.Th scope="col">{t('casework.fields.channel')}</Table.Th>
                    <Table.Th scope="col">{t('casework.fields.language')}</Table.Th>
                    <Table.Th scope="col">{t('casework.fields.domains')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((item) => (
                    <Table.Tr key={item.id}>
                      <Table.Td>{formatDay(item.occurredOn, i18n.language)}</Table.Td>
                      <Table.Td>{municipalities.nameOf(item.municipalityId)}</Table.Td>
                      <Table.Td>{t(`casework.channels.${item.channel}`)}</Table.Td>
                      <Table.Td>{languageName(item.language, i18n.language)}</Table.Td>
                      <Table.Td>
                        {item.domains.map((domain) => t(`casework.domains.${domain}`)).join(', ')}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )
          }
        </QueryState>
      </section>
    </Stack>
  )
}
