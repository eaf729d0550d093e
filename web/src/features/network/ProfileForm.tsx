import {
  ActionIcon,
  Button,
  Fieldset,
  Group,
  MultiSelect,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { type PartnerProfile, partnerProfileInputSchema } from '../../../../common/network.ts'
import { apiSend } from '../../api.ts'
import { FormProblem } from '../../components/FormProblem.tsx'
import { useProblemText } from '../../problems.ts'
import { maxLengthOf, useSchemaValidator } from '../../schema-form.ts'
import { networkKeys, useDistrictMunicipalities } from './queries.ts'

/** A row of the form; `key` only tells React the rows apart while they are edited. */
type ContactValues = { key: string; name: string; function: string; phone: string; email: string }
type ProfileValues = {
  street: string
  postcode: string
  city: string
  phone: string
  email: string
  website: string
  openingHours: string
  municipalityIds: string[]
  contactPersons: ContactValues[]
}

let rowCount = 0
const rowKey = () => `row-${++rowCount}`
const emptyContact = (): ContactValues => ({ key: rowKey(), name: '', function: '', phone: '', email: '' })
const toInput = (values: ProfileValues) => ({
  ...values,
  contactPersons: values.contactPersons.map(({ key: _key, ...person }) => person),
})
const field = (name: string) => maxLengthOf(partnerProfileInputSchema, name)

/** Address, hours, municipalities served and contact persons of one organisation, saved as one record. */
export function ProfileForm({ profile, onDone }: { profile: PartnerProfile; onDone: () => void }) {
  const { t } = useTranslation()
  const problems = useProblemText()
  const municipalities = useDistrictMunicipalities()
  const queryClient = useQueryClient()
  const form = useForm<ProfileValues>({
    initialValues: {
      street: profile.street,
      postcode: profile.postcode,
      city: profile.city,
      phone: profile.phone,
      email: profile.email,
      website: profile.website,
      openingHours: profile.openingHours,
      municipalityIds: profile.municipalityIds,
      contactPersons: profile.contactPersons.map(({ name, function: role, phone, email }) => ({
        key: rowKey(),
        name,
        function: role,
        phone,
        email,
      })),
    },
    validate: useSchemaValidator(partnerProfileInputSchema, (values: ProfileValues) => toInput(values)),
  })
  const save = useMutation({
    mutationFn: (values: ProfileValues) =>
      apiSend<PartnerProfile>('PUT', `/directory/${profile.organisationId}`, toInput(values), {
        'if-match': `"${profile.version}"`,
      }),
    onSuccess: async (saved) => {
      queryClient.setQueryData([...networkKeys.directory, profile.organisationId], saved)
      await queryClient.invalidateQueries({ queryKey: networkKeys.directory })
      onDone()
    },
  })
  const error = (name: string) =>
    (form.errors[name] as string | undefined) ?? problems.field(save.error, name)
  const contacts = form.values.contactPersons

  return (
    <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values))}>
      <Stack gap="sm">
        <FormProblem error={save.error} />
        <TextInput
          label={t('network.fields.street')}
          maxLength={field('street')}
          {...form.getInputProps('street')}
          error={error('street')}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label={t('network.fields.postcode')}
            inputMode="numeric"
            maxLength={5}
            {...form.getInputProps('postcode')}
            error={error('postcode')}
          />
          <TextInput
            label={t('network.fields.city')}
            maxLength={field('city')}
            {...form.getInputProps('city')}
            error={error('city')}
          />
          <TextInput
            label={t('network.fields.phone')}
            type="tel"
            {...form.getInputProps('phone')}
            error={error('phone')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('network.fields.email')}
            type="email"
            {...form.getInputProps('email')}
            error={error('email')}
          />
          <TextInput
            label={t('network.fields.website')}
            type="url"
            {...form.getInputProps('website')}
            error={error('website')}
          />
        </SimpleGrid>
        <Textarea
          label={t('network.fields.openingHours')}
          autosize
          minRows={2}
          maxLength={field('openingHours')}
          {...form.getInputProps('openingHours')}
          error={error('openingHours')}
        />
        <MultiSelect
          label={t('network.fields.served')}
          data={municipalities.options}
          searchable
          {...form.getInputProps('municipalityIds')}
          error={error('municipalityIds')}
        />
        <Fieldset legend={t('network.fields.contactPersons')} variant="unstyled">
          <Stack gap="xs">
            {contacts.map((contact, index) => {
              const number = index + 1
              const at = (name: Exclude<keyof ContactValues, 'key'>) => `contactPersons.${index}.${name}`
              return (
                <Group
                  key={contact.key}
                  align="flex-end"
                  gap="xs"
                  wrap="nowrap"
                  aria-label={t('network.directory.contactNumber', { number })}
                  role="group"
                >
                  <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="xs" style={{ flex: 1 }}>
                    <TextInput
                      label={t('network.fields.name')}
                      required
                      maxLength={200}
                      {...form.getInputProps(at('name'))}
                      error={error(at('name'))}
                    />
                    <TextInput
                      label={t('network.fields.function')}
                      maxLength={200}
                      {...form.getInputProps(at('function'))}
                      error={error(at('function'))}
                    />
                    <TextInput
                      label={t('network.fields.phone')}
                      type="tel"
                      {...form.getInputProps(at('phone'))}
                      error={error(at('phone'))}
                    />
                    <TextInput
                      label={t('network.fields.email')}
                      type="email"
                      {...form.getInputProps(at('email'))}
                      error={error(at('email'))}
                    />
                  </SimpleGrid>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    mb={error(at('name')) || error(at('phone')) || error(at('email')) ? 22 : 2}
                    aria-label={t('network.directory.removeContact', { number })}
                    onClick={() => form.removeListItem('contactPersons', index)}
                  >
                    <span aria-hidden>×</span>
                  </ActionIcon>
                </Group>
              )
            })}
            <Group>
              <Button
                variant="light"
                size="xs"
                onClick={() => form.insertListItem('contactPersons', emptyContact())}
                disabled={contacts.length >= 30}
              >
                {t('network.directory.addContact')}
              </Button>
            </Group>
          </Stack>
        </Fieldset>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('casework.common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
