import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { Case } from '../../../../../common/casework.ts'
import { type Conference, conferenceInputSchema, conferenceKinds } from '../../../../../common/conference.ts'
import { apiSend } from '../../../api.ts'
import { DayInput } from '../../../components/DateFields.tsx'
import { Dialog } from '../../../components/Dialog.tsx'
import { maxLengthOf, useSchemaValidator } from '../../../schema-form.ts'
import { useSession } from '../../../session.tsx'
import { personName, todayIso } from '../../casework/format.ts'
import { CaseworkFormProblem, focusFirstInvalid, useFieldError } from '../../casework/problems.tsx'
import { caseworkKeys } from '../../casework/queries.ts'
import { conferenceDraftQuery, conferenceKeys } from './conference-queries.ts'

type Action = { description: string; assigneeId: string; dueOn: string }
type Values = {
  kind: string
  heldOn: string
  organisations: Record<string, string>
  staff: string
  summary: string
  outcomes: string
  actions: Action[]
}

const conferenceInput = (values: Values) => ({
  kind: values.kind,
  heldOn: values.heldOn || undefined,
  participants: Object.entries(values.organisations).map(([organisationId, people]) => ({
    organisationId,
    people,
  })),
  staff: values.staff,
  summary: values.summary,
  outcomes: values.outcomes,
  actions: values.actions,
})

/** Where the form shows what the API names by list position. */
const fieldOf = (path: string) => (path.startsWith('participants') ? 'participants' : path)

export function ConferenceDialog({
  item,
  opened,
  onClose,
}: {
  item: Case
  opened: boolean
  onClose: () => void
}) {
  const { t } = useTranslation()
  return (
    <Dialog opened={opened} onClose={onClose} title={t('caseConferences.record')}>
      {opened && <ConferenceForm item={item} onDone={onClose} />}
    </Dialog>
  )
}

function ConferenceForm({ item, onDone }: { item: Case; onDone: () => void }) {
  const { t, i18n } = useTranslation()
  const { user } = useSession()
  const queryClient = useQueryClient()
  const formRef = useRef<HTMLFormElement>(null)
  const language = i18n.language === 'en' ? 'en' : 'de'
  const form = useForm<Values>({
    initialValues: {
      kind: 'case-conference',
      heldOn: todayIso(),
      organisations: {},
      staff: user.displayName,
      summary: '',
      outcomes: '',
      actions: [],
    },
    validate: useSchemaValidator(conferenceInputSchema, conferenceInput, fieldOf),
  })
  const values = form.values
  const heldOn = /^\d{4}-\d{2}-\d{2}$/.test(values.heldOn) ? values.heldOn : todayIso()
  const draft = useQuery(conferenceDraftQuery(item.id, heldOn, language))
  // The drafted summary fills an empty field; an edited one is kept when the day changes.
  const drafted = draft.data?.summary
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new draft fills the field
  useEffect(() => {
    if (drafted && form.values.summary === '') form.setFieldValue('summary', drafted)
  }, [drafted])
  const save = useMutation({
    mutationFn: (body: ReturnType<typeof conferenceInput>) =>
      apiSend<Conference>('POST', `/cases/${encodeURIComponent(item.id)}/conferences`, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: conferenceKeys.all })
      void queryClient.invalidateQueries({ queryKey: caseworkKeys.case(item.id) })
      void queryClient.invalidateQueries({ queryKey: caseworkKeys.myTasks })
      onDone()
    },
  })
  const submit = form.onSubmit(
    (submitted) => save.mutate(conferenceInput(submitted)),
    () => focusFirstInvalid(formRef.current),
  )
  const error = useFieldError(form.errors, save.error)
  const assignees = [
    { value: user.id, label: user.displayName },
    ...item.managers
      .filter((manager) => manager.id !== user.id)
      .map((manager) => ({ value: manager.id, label: manager.displayName })),
  ]
  const toggle = (organisationId: string, on: boolean) => {
    const organisations = { ...values.organisations }
    if (on) organisations[organisationId] = ''
    else delete organisations[organisationId]
    form.setFieldValue('organisations', organisations)
  }
  const participantsError = error('participants')
  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <CaseworkFormProblem
          error={save.error}
          shown={['kind', 'heldOn', 'participants', 'staff', 'summary', 'outcomes', 'actions']}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('caseConferences.kind')}
            required
            data-autofocus
            allowDeselect={false}
            data={conferenceKinds.map((value) => ({ value, label: t(`caseConferences.kinds.${value}`) }))}
            value={values.kind}
            onChange={(value) => form.setFieldValue('kind', value ?? 'case-conference')}
          />
          <DayInput
            label={t('caseConferences.heldOn')}
            required
            max={todayIso()}
            value={values.heldOn}
            onChange={(day) => form.setFieldValue('heldOn', day)}
            error={error('heldOn')}
          />
        </SimpleGrid>
        <Stack gap={6} component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
          <Text component="legend" fw={500} size="sm">
            {t('caseConferences.organisations')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('caseConferences.consentHint')}
          </Text>
          {(draft.data?.organisations ?? [])
            .filter((organisation) => organisation.consented)
            .map((organisation) => {
              const chosen = organisation.id in values.organisations
              return (
                <Group key={organisation.id} gap="sm" align="center" wrap="nowrap">
                  <Checkbox
                    w={300}
                    label={organisation.name}
                    checked={chosen}
                    onChange={(event) => toggle(organisation.id, event.currentTarget.checked)}
                  />
                  {chosen && (
                    <TextInput
                      aria-label={t('caseConferences.peopleOf', { organisation: organisation.name })}
                      placeholder={t('caseConferences.peoplePlaceholder')}
                      value={values.organisations[organisation.id]}
                      onChange={(event) =>
                        form.setFieldValue('organisations', {
                          ...values.organisations,
                          [organisation.id]: event.currentTarget.value,
                        })
                      }
                      maxLength={300}
                      style={{ flex: 1 }}
                    />
                  )}
                </Group>
              )
            })}
          {draft.data && !draft.data.organisations.some((organisation) => organisation.consented) && (
            <Text size="sm">{t('caseConferences.noneConsented')}</Text>
          )}
          {draft.data?.organisations.some((organisation) => !organisation.consented) && (
            <Text size="sm" c="dimmed">
              {t('caseConferences.withoutConsent', {
                names: draft.data.organisations
                  .filter((organisation) => !organisation.consented)
                  .map((organisation) => organisation.name)
                  .join(', '),
              })}
            </Text>
          )}
          {draft.data?.organisations.some((organisation) => !organisation.consented) && (
            // The way to record the missing consent, one link per person of the case.
            <Group gap="md">
              {item.persons.map((person) => (
                <Anchor
                  key={person.id}
                  component={Link}
                  to={`/persons/${person.id}`}
                  size="sm"
                  underline="always"
                >
                  {t('network.referrals.toConsents', { person: personName(person) })}
                </Anchor>
              ))}
            </Group>
          )}
          {participantsError && (
            <Text size="sm" c="red.9" role="alert">
              {participantsError}
            </Text>
          )}
        </Stack>
        <TextInput
          label={t('caseConferences.staff')}
          maxLength={maxLengthOf(conferenceInputSchema, 'staff')}
          {...form.getInputProps('staff')}
        />
        <Textarea
          label={t('caseConferences.summary')}
          description={t('caseConferences.summaryHint')}
          required
          autosize
          minRows={3}
          maxLength={maxLengthOf(conferenceInputSchema, 'summary')}
          {...form.getInputProps('summary')}
          error={error('summary')}
        />
        {drafted && values.summary !== drafted && (
          <Group>
            <Button size="xs" variant="subtle" onClick={() => form.setFieldValue('summary', drafted)}>
              {t('caseConferences.redraft')}
            </Button>
          </Group>
        )}
        <Textarea
          label={t('caseConferences.outcomes')}
          autosize
          minRows={2}
          maxLength={maxLengthOf(conferenceInputSchema, 'outcomes')}
          {...form.getInputProps('outcomes')}
          error={error('outcomes')}
        />
        <Stack gap={6} component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
          <Text component="legend" fw={500} size="sm">
            {t('caseConferences.actions')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('caseConferences.actionsHint')}
          </Text>
          {values.actions.map((action, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: actions have no id before saving
            <Group key={index} gap="xs" align="flex-end" wrap="nowrap">
              <TextInput
                label={t('caseConferences.actionDescription', { number: index + 1 })}
                required
                maxLength={200}
                style={{ flex: 1 }}
                {...form.getInputProps(`actions.${index}.description`)}
                error={error(`actions.${index}.description`)}
              />
              <Select
                label={t('caseConferences.assignee', { number: index + 1 })}
                required
                allowDeselect={false}
                data={assignees}
                w={190}
                value={action.assigneeId}
                onChange={(value) => form.setFieldValue(`actions.${index}.assigneeId`, value ?? user.id)}
              />
              <DayInput
                label={t('caseConferences.dueOn', { number: index + 1 })}
                required
                w={150}
                value={action.dueOn}
                onChange={(day) => form.setFieldValue(`actions.${index}.dueOn`, day)}
                error={error(`actions.${index}.dueOn`)}
              />
              <ActionIcon
                variant="subtle"
                color="red.9"
                size="lg"
                mb={2}
                aria-label={t('caseConferences.removeAction', { number: index + 1 })}
                onClick={() => form.removeListItem('actions', index)}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              size="xs"
              variant="light"
              onClick={() =>
                form.insertListItem('actions', { description: '', assigneeId: user.id, dueOn: todayIso(14) })
              }
            >
              {t('caseConferences.addAction')}
            </Button>
          </Group>
        </Stack>
        {draft.isError && (
          <Alert color="red" role="alert">
            {t('caseConferences.draftFailed')}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('caseConferences.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
