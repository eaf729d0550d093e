import {
  Button,
  Group,
  NativeSelect,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { contactChannels, type LifeDomain } from '../../../../common/casework.ts'
import { apiSend } from '../../api.ts'
import { formatDay, languageName, languageOptions, todayIso } from '../../casework-format.ts'
import { CaseworkFormProblem, focusFirstInvalid, useCaseworkProblems } from '../../casework-problems.tsx'
import { type ShortConsultation, shortConsultationsQuery, useMunicipalities } from '../../casework-queries.ts'
import { statusColors } from '../../colors.ts'
import { DomainCheckboxes, remember, remembered, useEnumOptions } from '../../components/casework/bits.tsx'
import { QueryState } from '../../components/QueryState.tsx'

/** Counting a short consultation: no person, only what the figures need. Made for quick repetition. */
function ShortConsultationForm() {
  const { t, i18n } = useTranslation()
  const problems = useCaseworkProblems()
  const options = useEnumOptions()
  const municipalities = useMunicipalities()
  const queryClient = useQueryClient()
  const firstRef = useRef<HTMLInputElement>(null)
  const formRef = useRef<HTMLFormElement>(null)
  const initial = () => ({
    occurredOn: todayIso(),
    municipalityId: remembered('municipality', '') || null,
    domains: [] as LifeDomain[],
    language: remembered('language', 'de'),
    channel: remembered('channel', 'in-person'),
  })
  const [form, setForm] = useState(initial)
  const [notice, setNotice] = useState('')
  const save = useMutation({
    mutationFn: () => apiSend<ShortConsultation>('POST', '/short-consultations', form),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: shortConsultationsQuery.queryKey })
      remember('language', form.language)
      remember('channel', form.channel)
      if (form.municipalityId) remember('municipality', form.municipalityId)
      setNotice(t('casework.short.saved', { date: formatDay(form.occurredOn, i18n.language) }))
      setForm(initial())
      firstRef.current?.focus()
    },
  })
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({})
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setNotice('')
    const errors: Record<string, string> = {}
    if (!form.municipalityId) errors.municipalityId = t('casework.problems.required')
    if (form.domains.length === 0) errors.domains = t('casework.problems.domains-required')
    setClientErrors(errors)
    if (Object.keys(errors).length > 0) return focusFirstInvalid(formRef.current)
    save.mutate()
  }
  const error = (field: string) => clientErrors[field] ?? problems.field(save.error, field)
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
          <TextInput
            ref={firstRef}
            autoFocus
            label={t('casework.short.date')}
            type="date"
            required
            max={todayIso()}
            value={form.occurredOn}
            onChange={(event) => setForm({ ...form, occurredOn: event.currentTarget.value })}
            error={error('occurredOn')}
          />
          <Select
            label={t('casework.fields.municipality')}
            required
            data={municipalities.options}
            value={form.municipalityId}
            onChange={(municipalityId) => setForm({ ...form, municipalityId })}
            error={error('municipalityId')}
            searchable
            openOnFocus={false}
          />
          <Select
            label={t('casework.fields.language')}
            data={languageOptions(i18n.language)}
            value={form.language}
            onChange={(language) => language && setForm({ ...form, language })}
            error={error('language')}
            searchable
            openOnFocus={false}
            allowDeselect={false}
          />
          <NativeSelect
            label={t('casework.fields.channel')}
            data={options(contactChannels, 'channels')}
            value={form.channel}
            onChange={(event) => setForm({ ...form, channel: event.currentTarget.value })}
            error={error('channel')}
          />
        </SimpleGrid>
        <DomainCheckboxes
          label={t('casework.short.domains')}
          required
          value={form.domains}
          onChange={(domains) => setForm({ ...form, domains })}
          error={error('domains')}
        />
        <Group justify="flex-end" gap="sm">
          <Text size="sm" role="status" c={statusColors.positive} fw={600}>
            {notice}
          </Text>
          <Button
            type="submit"
            loading={save.isPending}
            disabled={!form.municipalityId || form.domains.length === 0}
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
        <Title order={3} size="h4" id="short-list-heading" mb="xs">
          {t('casework.short.mine')}
        </Title>
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
