import {
  Button,
  Checkbox,
  Group,
  Kbd,
  NativeSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type KeyboardEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type Case,
  type Contact,
  contactChannels,
  contactInputSchema,
  type LifeDomain,
} from '../../../../common/casework.ts'
import { apiSend } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { DayInput, TimeField } from '../../components/DateFields.tsx'
import { districtInstant } from '../../district-time.ts'
import { maxLengthOf, useSchemaValidator } from '../../schema-form.ts'
import { DomainCheckboxes, remember, remembered, useEnumOptions } from '../casework/bits.tsx'
import { formatDay, languageOptions, nowTime, personName, todayIso } from '../casework/format.ts'
import { CaseworkFormProblem, focusFirstInvalid, useFieldError } from '../casework/problems.tsx'
import { caseworkKeys, contactsQuery } from '../casework/queries.ts'

type Values = {
  date: string
  time: string
  durationMinutes: number | string
  channel: string
  language: string
  interpreterUsed: boolean
  interpreterLanguage: string | null
  participantPersonIds: string[]
  otherParticipants: string
  domains: LifeDomain[]
  note: string
}

/** Today, now, 30 minutes, and the channel and language used last: most contacts need no change. */
const defaults = (item: Case): Values => ({
  date: todayIso(),
  time: nowTime(),
  durationMinutes: 30,
  channel: remembered('channel', 'in-person'),
  language: remembered('language', 'de'),
  interpreterUsed: false,
  interpreterLanguage: null,
  participantPersonIds: item.persons.map((person) => person.id),
  otherParticipants: '',
  domains: [],
  note: '',
})

/** The API's contact from the form: date and time of day are one instant there. */
const contactInput = (values: Values) => {
  // A time field gives HH:MM, or HH:MM:SS where a browser shows seconds; the minute is enough.
  const readable =
    /^\d{4}-\d{2}-\d{2}$/.test(values.date) && /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(values.time)
  return {
    // The typed day and time are the district's wall clock, sent with its offset.
    occurredAt: readable ? districtInstant(values.date, values.time.slice(0, 5)) : undefined,
    durationMinutes: values.durationMinutes === '' ? undefined : Number(values.durationMinutes),
    channel: values.channel,
    participantPersonIds: values.participantPersonIds,
    otherParticipants: values.otherParticipants,
    language: values.language,
    interpreterUsed: values.interpreterUsed,
    interpreterLanguage: values.interpreterUsed ? values.interpreterLanguage : null,
    domains: values.domains,
    note: values.note,
  }
}

const duration = contactInputSchema.shape.durationMinutes

/** Where the form shows a problem the API names elsewhere. */
const fieldNames: Record<string, string> = { occurredAt: 'date' }

/**
 * The quick entry of a counselling contact, made for the keyboard: the date field has focus, Tab
 * walks through the fields, Space ticks domains, Ctrl+Enter saves from anywhere. After saving
 * the form starts over with the defaults and the success is announced.
 */
export function QuickContactForm({ item }: { item: Case }) {
  const { t, i18n } = useTranslation()
  const options = useEnumOptions()
  const queryClient = useQueryClient()
  const formRef = useRef<HTMLFormElement>(null)
  const firstRef = useRef<HTMLInputElement>(null)
  const form = useForm<Values>({
    initialValues: defaults(item),
    validate: useSchemaValidator(contactInputSchema, contactInput, (path) => fieldNames[path] ?? path, {
      date: t('casework.problems.date-time'),
      domains: t('casework.problems.domains-required'),
      durationMinutes: t('casework.problems.duration'),
    }),
  })
  const values = form.values
  const set = (patch: Partial<Values>) => form.setValues(patch)
  const [announcement, setAnnouncement] = useState('')

  const save = useMutation({
    mutationFn: (body: ReturnType<typeof contactInput>) =>
      apiSend<Contact[]>('POST', `/cases/${item.id}/contacts`, body),
    onSuccess: (contacts, body) => {
      queryClient.setQueryData(contactsQuery(item.id).queryKey, contacts)
      void queryClient.invalidateQueries({ queryKey: caseworkKeys.case(item.id), exact: true })
      void queryClient.invalidateQueries({ queryKey: caseworkKeys.caseRecord(item.id, 'timeline') })
      void queryClient.invalidateQueries({ queryKey: caseworkKeys.cases, exact: false, type: 'inactive' })
      remember('channel', body.channel)
      remember('language', body.language)
      setAnnouncement(
        t('casework.contacts.saved', { date: formatDay(values.date, i18n.language), time: values.time }),
      )
      form.setValues({ ...defaults(item), channel: body.channel, language: body.language })
      firstRef.current?.focus()
    },
  })

  const submit = form.onSubmit(
    (submitted) => {
      setAnnouncement('')
      save.mutate(contactInput(submitted))
    },
    () => {
      setAnnouncement('')
      focusFirstInvalid(formRef.current)
    },
  )
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      event.currentTarget.requestSubmit()
    }
  }
  const fieldError = useFieldError(form.errors, save.error)
  const error = (field: string) => fieldError(field, fieldNames[field])
  const languages = languageOptions(i18n.language)

  return (
    <form ref={formRef} onSubmit={submit} onKeyDown={onKeyDown} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('casework.contacts.keyboardHint')} <Kbd>{t('casework.contacts.ctrl')}</Kbd> + <Kbd>Enter</Kbd>
        </Text>
        <CaseworkFormProblem
          error={save.error}
          shown={[
            'occurredAt',
            'durationMinutes',
            'channel',
            'language',
            'interpreterLanguage',
            'domains',
            'note',
          ]}
        />
        <SimpleGrid cols={{ base: 2, md: 5 }} spacing="sm">
          <DayInput
            ref={firstRef}
            autoFocus
            label={t('casework.contacts.date')}
            required
            max={todayIso()}
            value={values.date}
            onChange={(date) => set({ date })}
            error={error('occurredAt')}
          />
          <TimeField
            label={t('casework.contacts.time')}
            required
            value={values.time}
            onChange={(time) => set({ time })}
          />
          <NumberInput
            label={t('casework.contacts.duration')}
            required
            min={duration.minValue ?? undefined}
            max={duration.maxValue ?? undefined}
            step={5}
            allowDecimal={false}
            value={values.durationMinutes}
            onChange={(durationMinutes) => set({ durationMinutes })}
            error={error('durationMinutes')}
          />
          <NativeSelect
            label={t('casework.fields.channel')}
            data={options(contactChannels, 'channels')}
            value={values.channel}
            onChange={(event) => set({ channel: event.currentTarget.value })}
            error={error('channel')}
          />
          <Select
            label={t('casework.fields.language')}
            data={languages}
            value={values.language}
            onChange={(language) => language && set({ language })}
            searchable
            openOnFocus={false}
            allowDeselect={false}
            error={error('language')}
          />
        </SimpleGrid>
        <Group gap="lg" align="flex-end" wrap="wrap">
          <Checkbox
            label={t('casework.contacts.interpreterUsed')}
            checked={values.interpreterUsed}
            onChange={(event) =>
              set({
                interpreterUsed: event.currentTarget.checked,
                interpreterLanguage: values.interpreterLanguage ?? values.language,
              })
            }
            mb={8}
          />
          {values.interpreterUsed && (
            <Select
              label={t('casework.contacts.interpreterLanguage')}
              data={languages}
              value={values.interpreterLanguage}
              onChange={(interpreterLanguage) => set({ interpreterLanguage })}
              searchable
              openOnFocus={false}
              error={error('interpreterLanguage')}
              w={240}
            />
          )}
        </Group>
        {item.persons.length > 1 && (
          <Checkbox.Group
            label={t('casework.contacts.participants')}
            value={values.participantPersonIds}
            onChange={(participantPersonIds) => set({ participantPersonIds })}
          >
            <Group gap="md" mt={6}>
              {item.persons.map((person) => (
                <Checkbox key={person.id} value={person.id} label={personName(person)} />
              ))}
            </Group>
          </Checkbox.Group>
        )}
        <DomainCheckboxes
          label={t('casework.contacts.domains')}
          required
          value={values.domains}
          onChange={(domains) => set({ domains })}
          error={error('domains')}
        />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          <TextInput
            label={t('casework.contacts.otherParticipants')}
            maxLength={maxLengthOf(contactInputSchema, 'otherParticipants')}
            value={values.otherParticipants}
            onChange={(event) => set({ otherParticipants: event.currentTarget.value })}
          />
          <Textarea
            label={t('casework.contacts.note')}
            autosize
            minRows={1}
            maxLength={maxLengthOf(contactInputSchema, 'note')}
            value={values.note}
            onChange={(event) => set({ note: event.currentTarget.value })}
            error={error('note')}
          />
        </SimpleGrid>
        <Group justify="flex-end" gap="sm">
          <Text size="sm" role="status" aria-live="polite" fw={600} c={statusColors.positive}>
            {announcement}
          </Text>
          <Button type="submit" loading={save.isPending}>
            {t('casework.contacts.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
