import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  FileInput,
  Grid,
  Group,
  MultiSelect,
  Popover,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Person } from '../../../../common/casework.ts'
import {
  type Consent,
  type ConsentState,
  consentFormLanguages,
  consentFormSchema,
  consentForms,
  consentInputSchema,
  consentLegalBases,
  consentPurposes,
  consentTextVersion,
  dataCategories,
} from '../../../../common/consent.ts'
import { apiSend, apiUpload } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { DayInput } from '../../components/DateFields.tsx'
import { Dialog } from '../../components/Dialog.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { maxLengthOf, useSchemaValidator, useValidationAfterSubmit } from '../../schema-form.ts'
import { SaveButton } from '../casework/bits.tsx'
import { formatDay, todayIso } from '../casework/format.ts'
import {
  CaseworkFormProblem,
  focusFirstInvalid,
  useCaseworkProblems,
  useFieldError,
} from '../casework/problems.tsx'
import { useOrganisations } from '../casework/queries.ts'
import { recordedDay } from './format.ts'
import { consentsQuery, networkKeys } from './referral-queries.ts'

type ConsentFormValues = {
  recipientOrganisationIds: string[]
  purposes: string[]
  dataCategories: string[]
  legalBasis: string
  form: string
  formLanguage: string | null
  validFrom: string
  validUntil: string
  note: string
}

const toInput = (values: ConsentFormValues) => ({
  recipientOrganisationIds: values.recipientOrganisationIds,
  purposes: values.purposes,
  dataCategories: values.dataCategories,
  legalBasis: values.legalBasis,
  form: values.form,
  textVersion: consentTextVersion,
  formLanguage: values.formLanguage,
  validFrom: values.validFrom || undefined,
  validUntil: values.validUntil || undefined,
  note: values.note,
})

export const stateColors: Record<ConsentState, string> = {
  valid: statusColors.positive,
  'not-yet-valid': statusColors.neutral,
  expired: statusColors.warning,
  revoked: statusColors.negative,
}

function ConsentForm({ person, onDone }: { person: Person; onDone: () => void }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const organisations = useOrganisations()
  const ref = useRef<HTMLFormElement>(null)
  const [submitted, setSubmitted] = useState(false)
  const today = todayIso()
  const form = useForm<ConsentFormValues>({
    initialValues: {
      recipientOrganisationIds: [],
      purposes: ['referral'],
      dataCategories: ['identity', 'contact'],
      legalBasis: 'gdpr-6-1-a',
      form: 'written',
      formLanguage: null,
      validFrom: today,
      validUntil: todayIso(365),
      note: '',
    },
    validate: useSchemaValidator(consentFormSchema, toInput),
  })
  useValidationAfterSubmit(form, submitted)
  const save = useMutation({
    mutationFn: (body: ReturnType<typeof toInput>) =>
      apiSend<Consent>('POST', `/persons/${person.id}/consents`, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: networkKeys.consents(person.id) })
      void queryClient.invalidateQueries({ queryKey: ['cases'] })
      onDone()
    },
    onError: () => focusFirstInvalid(ref.current),
  })
  const error = useFieldError<ConsentFormValues>(form.errors, save.error)
  const fields = Object.keys(form.values)
  return (
    <form
      ref={ref}
      noValidate
      onSubmit={form.onSubmit(
        (values) => save.mutate(toInput(values)),
        () => {
          setSubmitted(true)
          focusFirstInvalid(ref.current)
        },
      )}
    >
      <Stack gap="sm">
        <CaseworkFormProblem error={save.error} shown={fields} />
        <MultiSelect
          label={t('network.consents.recipients')}
          required
          data-autofocus
          searchable
          data={(organisations.data ?? []).map((organisation) => ({
            value: organisation.id,
            label: organisation.name,
          }))}
          {...form.getInputProps('recipientOrganisationIds')}
          error={error('recipientOrganisationIds')}
        />
        <Checkbox.Group
          label={t('network.consents.purposes')}
          required
          {...form.getInputProps('purposes')}
          error={error('purposes')}
        >
          <SimpleGrid cols={2} spacing={6} mt={6}>
            {consentPurposes.map((purpose) => (
              <Checkbox key={purpose} value={purpose} label={t(`network.purposes.${purpose}`)} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Checkbox.Group
          label={t('network.consents.dataCategories')}
          required
          {...form.getInputProps('dataCategories')}
          error={error('dataCategories')}
        >
          <SimpleGrid cols={2} spacing={6} mt={6}>
            {dataCategories.map((category) => (
              <Checkbox key={category} value={category} label={t(`network.dataCategories.${category}`)} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        {/* The legal basis gets the room its longest name needs (Art. 6 Abs. 1 lit. a DSGVO). */}
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 5 }}>
            <Select
              label={t('network.consents.legalBasis')}
              data={consentLegalBases.map((basis) => ({
                value: basis,
                label: t(`network.legalBases.${basis}`),
              }))}
              allowDeselect={false}
              {...form.getInputProps('legalBasis')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 3 }}>
            <Select
              label={t('network.consents.form')}
              data={consentForms.map((kind) => ({ value: kind, label: t(`network.forms.${kind}`) }))}
              allowDeselect={false}
              {...form.getInputProps('form')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label={t('network.consents.formLanguage')}
              placeholder={t('network.consents.noFormLanguage')}
              clearable
              data={consentFormLanguages.map((code) => ({
                value: code,
                label: t(`network.languages.${code}`),
              }))}
              {...form.getInputProps('formLanguage')}
            />
          </Grid.Col>
        </Grid>
        <SimpleGrid cols={2} spacing="sm">
          <DayInput
            label={t('network.consents.validFrom')}
            required
            {...form.getInputProps('validFrom')}
            error={error('validFrom')}
          />
          <DayInput
            label={t('network.consents.validUntil')}
            required
            {...form.getInputProps('validUntil')}
            error={error('validUntil')}
          />
        </SimpleGrid>
        <Textarea
          label={t('network.consents.note')}
          autosize
          minRows={2}
          maxLength={maxLengthOf(consentInputSchema, 'note')}
          {...form.getInputProps('note')}
          error={error('note')}
        />
        <Text size="xs" c="dimmed">
          {t('network.consents.textVersion')}: {consentTextVersion}
        </Text>
        <SaveButton saving={save.isPending} />
      </Stack>
    </form>
  )
}

function RevokeForm({ consent, onDone }: { consent: Consent; onDone: () => void }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const problems = useCaseworkProblems()
  const [revokedOn, setRevokedOn] = useState(todayIso())
  const [note, setNote] = useState('')
  const revoke = useMutation({
    mutationFn: () => apiSend<Consent>('POST', `/consents/${consent.id}/revoke`, { revokedOn, note }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: networkKeys.consents(consent.personId) })
      void queryClient.invalidateQueries({ queryKey: ['cases'] })
      onDone()
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    revoke.mutate()
  }
  return (
    <Stack component="form" onSubmit={submit} gap="sm">
      <Text size="sm">{t('network.consents.revokeConfirm')}</Text>
      <DayInput
        label={t('network.consents.revokedAsOf')}
        value={revokedOn}
        onChange={setRevokedOn}
        max={todayIso()}
        error={problems.field(revoke.error, 'revokedOn')}
      />
      <Textarea
        label={t('network.consents.revocationNote')}
        autosize
        minRows={2}
        maxLength={2000}
        value={note}
        onChange={(event) => setNote(event.currentTarget.value)}
      />
      {revoke.error && !problems.field(revoke.error, 'revokedOn') && (
        <Text c="red" size="sm" role="alert">
          {problems.message(revoke.error)}
        </Text>
      )}
      <Group justify="flex-end">
        <Button type="submit" color="red" loading={revoke.isPending} data-autofocus>
          {t('network.consents.revoke')}
        </Button>
      </Group>
    </Stack>
  )
}

function SignedFormUpload({ consent, onDone }: { consent: Consent; onDone: () => void }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const problems = useCaseworkProblems()
  const [file, setFile] = useState<File | null>(null)
  const upload = useMutation({
    mutationFn: (chosen: File) => {
      const body = new FormData()
      body.append('file', chosen, chosen.name)
      return apiUpload<Consent>(`/consents/${consent.id}/signed-form`, body)
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: networkKeys.consents(consent.personId) })
      onDone()
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (file) upload.mutate(file)
  }
  return (
    <Stack component="form" onSubmit={submit} gap="sm">
      <FileInput
        label={t('network.consents.signedForm')}
        description={t('network.consents.formTypes')}
        value={file}
        onChange={setFile}
        clearable
        clearButtonProps={{ 'aria-label': t('casework.documents.clear') }}
        error={
          problems.field(upload.error, 'file') ?? (upload.error ? problems.message(upload.error) : undefined)
        }
        data-autofocus
      />
      <Group justify="flex-end">
        <Button type="submit" loading={upload.isPending} disabled={!file}>
          {t('network.consents.uploadForm')}
        </Button>
      </Group>
    </Stack>
  )
}

type Open =
  | { kind: 'record' }
  | { kind: 'revoke'; consent: Consent }
  | { kind: 'upload'; consent: Consent }
  | null

/** The person's consents on their record: what each allows, whether it holds today, the signed form. */
export function ConsentsSection({ person }: { person: Person }) {
  const { t, i18n } = useTranslation()
  const language = i18n.language
  const consents = useQuery(consentsQuery(person.id))
  const [open, setOpen] = useState<Open>(null)
  const manages = person.abilities['person.update'] === true
  return (
    <section aria-labelledby="consents-heading">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4" id="consents-heading">
          {t('network.consents.title')}
        </Title>
        {manages && (
          <Button variant="default" onClick={() => setOpen({ kind: 'record' })}>
            {t('network.consents.record')}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        {t('network.consents.intro')}
      </Text>
      <QueryState query={consents}>
        {(items) =>
          items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('network.consents.none')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={760}>
              <Table withTableBorder striped verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('network.consents.recipients')}</Table.Th>
                    <Table.Th>{t('network.consents.purposes')}</Table.Th>
                    <Table.Th>{t('network.consents.dataCategories')}</Table.Th>
                    <Table.Th>{t('network.consents.period')}</Table.Th>
                    <Table.Th>{t('network.consents.state')}</Table.Th>
                    <Table.Th>{t('network.consents.formColumn')}</Table.Th>
                    {manages && <Table.Th>{t('network.consents.actions')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((consent) => (
                    <Table.Tr key={consent.id}>
                      <Table.Td>
                        {consent.recipientOrganisations.map((organisation) => organisation.name).join(', ')}
                      </Table.Td>
                      <Table.Td>
                        {consent.purposes.map((purpose) => t(`network.purposes.${purpose}`)).join(', ')}
                      </Table.Td>
                      <Table.Td>
                        {consent.dataCategories
                          .map((category) => t(`network.dataCategories.${category}`))
                          .join(', ')}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                          {t('network.consents.periodValue', {
                            from: formatDay(consent.validFrom, language),
                            until: formatDay(consent.validUntil, language),
                          })}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {t('network.consents.recordedBy', {
                            name: consent.recordedBy,
                            date: recordedDay(consent.recordedAt, language),
                          })}
                          {' · '}
                          <span style={{ whiteSpace: 'nowrap' }}>
                            {t('network.consents.textVersion')} {consent.textVersion}
                          </span>
                        </Text>
                        {consent.revokedOn && (
                          <Text size="xs" c="dimmed">
                            {t('network.consents.revokedBy', {
                              date: formatDay(consent.revokedOn, language),
                              name: consent.revokedBy ?? '',
                            })}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap', minWidth: 140 }}>
                        <Badge
                          color={stateColors[consent.state]}
                          variant="filled"
                          style={{ overflow: 'visible' }}
                        >
                          {t(`network.states.${consent.state}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <PrintFormMenu consent={consent} />
                        {consent.signedForm ? (
                          <Anchor
                            href={`/api/consents/${consent.id}/signed-form`}
                            download={consent.signedForm.fileName}
                            size="sm"
                          >
                            {consent.signedForm.fileName}
                          </Anchor>
                        ) : manages ? (
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            onClick={() => setOpen({ kind: 'upload', consent })}
                            aria-label={t('network.consents.uploadForm')}
                          >
                            {t('network.consents.upload')}
                          </Button>
                        ) : (
                          <Text size="sm" c="dimmed">
                            –
                          </Text>
                        )}
                      </Table.Td>
                      {manages && (
                        <Table.Td>
                          {consent.state !== 'revoked' && (
                            <Button
                              size="compact-sm"
                              variant="subtle"
                              color="red"
                              onClick={() => setOpen({ kind: 'revoke', consent })}
                              aria-label={`${t('network.consents.revoke')}: ${consent.recipientOrganisations.map((organisation) => organisation.name).join(', ')}`}
                            >
                              {t('network.consents.revoke')}
                            </Button>
                          )}
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
      <Dialog
        opened={open?.kind === 'record'}
        onClose={() => setOpen(null)}
        title={t('network.consents.record')}
      >
        <ConsentForm person={person} onDone={() => setOpen(null)} />
      </Dialog>
      <Dialog
        opened={open?.kind === 'revoke'}
        onClose={() => setOpen(null)}
        title={t('network.consents.revokeTitle')}
      >
        {open?.kind === 'revoke' && <RevokeForm consent={open.consent} onDone={() => setOpen(null)} />}
      </Dialog>
      <Dialog
        opened={open?.kind === 'upload'}
        onClose={() => setOpen(null)}
        title={t('network.consents.uploadForm')}
      >
        {open?.kind === 'upload' && <SignedFormUpload consent={open.consent} onDone={() => setOpen(null)} />}
      </Dialog>
    </section>
  )
}

/** The printable form, German beside the language chosen here; the recorded language comes first. */
function PrintFormMenu({ consent }: { consent: Consent }) {
  const { t } = useTranslation()
  const languages = [
    ...(consent.formLanguage ? [consent.formLanguage] : []),
    ...consentFormLanguages.filter((code) => code !== consent.formLanguage),
  ]
  const label = t('network.consents.printFormFor', {
    recipients: consent.recipientOrganisations.map((organisation) => organisation.name).join(', '),
  })
  // A popover of plain links: each opens a PDF, which is navigation, not a menu command.
  return (
    <Popover position="bottom-start" withinPortal shadow="md">
      <Popover.Target>
        <Button size="compact-sm" variant="default" aria-label={label}>
          {t('network.consents.printForm')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown aria-label={label}>
        <Stack gap={4}>
          {languages.map((code) => (
            <Anchor
              key={code}
              size="sm"
              href={`/api/consents/${consent.id}/form.pdf?language=${code}`}
              target="_blank"
              rel="noopener"
            >
              {t('network.consents.printFormLanguage', { language: t(`network.languages.${code}`) })}
            </Anchor>
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  )
}
