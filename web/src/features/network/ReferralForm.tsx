import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Case } from '../../../../common/casework.ts'
import {
  type ConsentPurpose,
  categoryOfField,
  consentPurposes,
  overrideLegalBases,
  type ShareableField,
  shareableFieldNames,
} from '../../../../common/consent.ts'
import { type Referral, referralInputSchema } from '../../../../common/referral.ts'
import { apiSend } from '../../api.ts'
import { DayInput } from '../../components/DateFields.tsx'
import { useSchemaValidator, useValidationAfterSubmit } from '../../schema-form.ts'
import { formatDay, personName, todayIso } from '../casework/format.ts'
import { CaseworkFormProblem, focusFirstInvalid, useFieldError } from '../casework/problems.tsx'
import { caseworkKeys, useOrganisations } from '../casework/queries.ts'
import { servicesQuery } from './queries.ts'
import { consentsQuery, networkKeys } from './referral-queries.ts'

export type ReferralPreset = {
  organisationId: string
  measureId: string
  message: string
  dueOn: string | null
}

type ReferralFormValues = {
  personId: string | null
  organisationId: string | null
  serviceId: string | null
  purpose: ConsentPurpose
  consentId: string | null
  sharedFields: string[]
  dueOn: string
  message: string
  overriding: boolean
  legalBasis: string | null
  reason: string
}

const toInput = (values: ReferralFormValues, draft: boolean, measureId: string | null) => ({
  organisationId: values.organisationId ?? undefined,
  serviceId: values.serviceId,
  consentId: values.overriding ? null : (values.consentId ?? undefined),
  personId: values.personId ?? undefined,
  purpose: values.purpose,
  sharedFields: values.sharedFields,
  dueOn: values.dueOn || undefined,
  message: values.message,
  measureId,
  draft,
  override: values.overriding ? { legalBasis: values.legalBasis ?? undefined, reason: values.reason } : null,
})

/**
 * A referral of one person of the case to a partner organisation. The consents offered are the
 * person's that hold today for the organisation and purpose; the fields are chosen one by one, and
 * only those in the consent's data categories can be chosen.
 */
export function ReferralForm({
  item,
  preset,
  onDone,
}: {
  item: Case
  preset?: ReferralPreset
  onDone: (referral: Referral) => void
}) {
  const { t, i18n } = useTranslation()
  const language = i18n.language
  const queryClient = useQueryClient()
  const organisations = useOrganisations()
  const ref = useRef<HTMLFormElement>(null)
  const [submitted, setSubmitted] = useState(false)
  const [asDraft, setAsDraft] = useState(false)
  const measureId = preset?.measureId ?? null
  const form = useForm<ReferralFormValues>({
    initialValues: {
      personId: item.persons.length === 1 ? (item.persons[0]?.id ?? null) : null,
      organisationId: preset?.organisationId ?? null,
      serviceId: null,
      purpose: 'referral',
      consentId: null,
      sharedFields: ['familyName', 'givenNames'],
      dueOn: preset?.dueOn && preset.dueOn >= todayIso() ? preset.dueOn : todayIso(14),
      message: preset?.message ?? '',
      overriding: false,
      legalBasis: null,
      reason: '',
    },
    validate: useSchemaValidator(referralInputSchema, (values: ReferralFormValues) =>
      toInput(values, asDraft, measureId),
    ),
  })
  useValidationAfterSubmit(form, submitted)
  const values = form.values
  const consents = useQuery({ ...consentsQuery(values.personId ?? ''), enabled: values.personId !== null })
  // The organisation's current services; a referral may go to one of them instead of the whole organisation.
  const services = useQuery({
    ...servicesQuery(new URLSearchParams({ organisationId: values.organisationId ?? '', limit: '100' })),
    enabled: values.organisationId !== null,
  })
  const offered = values.organisationId
    ? (services.data?.items ?? []).filter((service) => service.organisationId === values.organisationId)
    : []
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a change of the organisation should clear it
  useEffect(() => {
    if (values.serviceId !== null && !offered.some((service) => service.id === values.serviceId))
      form.setFieldValue('serviceId', null)
  }, [values.organisationId])
  const fitting = (consents.data ?? []).filter(
    (consent) =>
      consent.state === 'valid' &&
      values.organisationId !== null &&
      consent.recipientOrganisationIds.includes(values.organisationId) &&
      consent.purposes.includes(values.purpose),
  )
  const chosen = fitting.find((consent) => consent.id === values.consentId) ?? null
  const chosenPerson = item.persons.find((person) => person.id === values.personId) ?? null
  // Said at the field, with the way to the person's consents, instead of an empty list to puzzle over.
  const noFittingConsent = values.organisationId !== null && consents.isSuccess && fitting.length === 0
  // The first fitting consent is taken when none is chosen or the chosen one no longer fits.
  const wantedConsent = values.overriding ? values.consentId : chosen ? chosen.id : (fitting[0]?.id ?? null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a change of the fitting consent should set it
  useEffect(() => {
    if (wantedConsent !== values.consentId) form.setFieldValue('consentId', wantedConsent)
  }, [wantedConsent])
  const covered = (field: ShareableField) =>
    values.overriding || chosen?.dataCategories.includes(categoryOfField(field)) === true
  const save = useMutation({
    mutationFn: (body: ReturnType<typeof toInput>) =>
      apiSend<Referral>('POST', `/cases/${item.id}/referrals`, body),
    onSuccess: (referral) => {
      void queryClient.invalidateQueries({ queryKey: networkKeys.caseReferrals(item.id) })
      void queryClient.invalidateQueries({ queryKey: caseworkKeys.caseRecord(item.id, 'timeline') })
      onDone(referral)
    },
    onError: () => focusFirstInvalid(ref.current),
  })
  const error = useFieldError<ReferralFormValues>(form.errors, save.error)
  const submit = (draft: boolean) => {
    setAsDraft(draft)
    setSubmitted(true)
    const result = form.validate()
    if (result.hasErrors) {
      focusFirstInvalid(ref.current)
      return
    }
    save.mutate(toInput(form.values, draft, measureId))
  }
  return (
    <form
      ref={ref}
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        submit(false)
      }}
    >
      <Stack gap="sm">
        <CaseworkFormProblem
          error={save.error}
          shown={[
            'personId',
            'organisationId',
            'serviceId',
            'purpose',
            'consentId',
            'sharedFields',
            'dueOn',
            'message',
            'override',
          ]}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('network.referrals.person')}
            required
            data-autofocus
            data={item.persons.map((person) => ({ value: person.id, label: personName(person) }))}
            {...form.getInputProps('personId')}
            error={error('personId')}
          />
          <Select
            label={t('network.referrals.organisation')}
            required
            searchable
            data={(organisations.data ?? []).map((organisation) => ({
              value: organisation.id,
              label: organisation.name,
            }))}
            {...form.getInputProps('organisationId')}
            error={error('organisationId')}
          />
          <Select
            label={t('network.referrals.service')}
            description={t('network.referrals.serviceHint')}
            placeholder={t('network.referrals.serviceNone')}
            clearable
            searchable
            disabled={values.organisationId === null}
            data={offered.map((service) => ({ value: service.id, label: service.name }))}
            {...form.getInputProps('serviceId')}
            error={error('serviceId')}
          />
          <Select
            label={t('network.referrals.purpose')}
            allowDeselect={false}
            data={consentPurposes.map((purpose) => ({
              value: purpose,
              label: t(`network.purposes.${purpose}`),
            }))}
            {...form.getInputProps('purpose')}
          />
          <DayInput
            label={t('network.referrals.dueOn')}
            required
            {...form.getInputProps('dueOn')}
            error={error('dueOn')}
          />
        </SimpleGrid>
        {!values.overriding && (
          <Select
            label={t('network.referrals.consent')}
            required
            placeholder={t('network.referrals.noConsent')}
            description={
              noFittingConsent && chosenPerson ? (
                <>
                  {t('network.referrals.noConsentHint')}{' '}
                  <Anchor component={Link} to={`/persons/${chosenPerson.id}`} size="xs" underline="always">
                    {t('network.referrals.toConsents', { person: personName(chosenPerson) })}
                  </Anchor>
                </>
              ) : undefined
            }
            data={fitting.map((consent) => ({
              value: consent.id,
              label: t('network.referrals.consentOption', {
                recipients: consent.recipientOrganisations
                  .map((organisation) => organisation.name)
                  .join(', '),
                purposes: consent.purposes.map((purpose) => t(`network.purposes.${purpose}`)).join(', '),
                until: formatDay(consent.validUntil, language),
              }),
            }))}
            {...form.getInputProps('consentId')}
            error={error('consentId')}
          />
        )}
        <Checkbox.Group
          label={t('network.referrals.sharedFields')}
          description={t('network.referrals.sharedFieldsHint')}
          required
          {...form.getInputProps('sharedFields')}
          error={error('sharedFields')}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} mt={6}>
            {shareableFieldNames.map((field) => (
              <Checkbox
                key={field}
                value={field}
                disabled={!covered(field)}
                label={
                  covered(field)
                    ? t(`network.fields.${field}`)
                    : `${t(`network.fields.${field}`)} (${t('network.referrals.notCovered')})`
                }
              />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Textarea
          label={t('network.referrals.message')}
          autosize
          minRows={2}
          maxLength={2000}
          {...form.getInputProps('message')}
          error={error('message')}
        />
        <Switch
          label={t('network.referrals.override')}
          description={t('network.referrals.overrideHint')}
          {...form.getInputProps('overriding', { type: 'checkbox' })}
        />
        {values.overriding && (
          <Alert color="orange" variant="light">
            <Stack gap="sm">
              <Select
                label={t('network.referrals.overrideLegalBasis')}
                required
                data={overrideLegalBases.map((basis) => ({
                  value: basis,
                  label: t(`network.overrideBases.${basis}`),
                }))}
                {...form.getInputProps('legalBasis')}
                error={error('override' as never, 'override.legalBasis')}
              />
              <Textarea
                label={t('network.referrals.overrideReason')}
                required
                autosize
                minRows={2}
                maxLength={2000}
                {...form.getInputProps('reason')}
                error={error('override' as never, 'override.reason')}
              />
            </Stack>
          </Alert>
        )}
        {measureId && (
          <Text size="sm" c="dimmed">
            {t('network.referrals.fromMeasureHint')}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" loading={save.isPending && asDraft} onClick={() => submit(true)}>
            {t('network.referrals.saveDraft')}
          </Button>
          <Button type="submit" loading={save.isPending && !asDraft}>
            {t('network.referrals.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
