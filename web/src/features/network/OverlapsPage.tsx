import { Badge, Button, Card, Group, Select, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type Overlap,
  overlapDecisionInputSchema,
  serviceDomains,
  targetGroups,
} from '../../../../common/network.ts'
import { apiSend } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { Dialog } from '../../components/Dialog.tsx'
import { FormProblem } from '../../components/FormProblem.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { useProblemText } from '../../problems.ts'
import { useSchemaValidator } from '../../schema-form.ts'
import { useSession } from '../../session.tsx'
import { formatInstantDay } from './format.ts'
import { networkKeys, overlapsQuery, useDistrictMunicipalities } from './queries.ts'

const pairPath = (overlap: Overlap) => overlap.services.map((service) => service.id).join('/')

/** The reason for keeping an overlap; who and when the server records. */
function MarkForm({ overlap, onDone }: { overlap: Overlap; onDone: () => void }) {
  const { t } = useTranslation()
  const problems = useProblemText()
  const queryClient = useQueryClient()
  const serviceIds = overlap.services.map((service) => service.id) as [string, string]
  const form = useForm({
    initialValues: { reason: '' },
    validate: useSchemaValidator(overlapDecisionInputSchema, (values: { reason: string }) => ({
      serviceIds,
      reason: values.reason,
    })),
  })
  const mark = useMutation({
    mutationFn: (reason: string) =>
      apiSend<Overlap>('POST', '/services/overlaps/intended', { serviceIds, reason }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: networkKeys.services })
      onDone()
    },
  })
  return (
    <form noValidate onSubmit={form.onSubmit((values) => mark.mutate(values.reason))}>
      <Stack gap="sm">
        <Text size="sm">
          {t('network.overlaps.pair', {
            first: `${overlap.services[0].name} (${overlap.services[0].organisationName})`,
            second: `${overlap.services[1].name} (${overlap.services[1].organisationName})`,
          })}
        </Text>
        <FormProblem error={mark.error} />
        <Textarea
          label={t('network.overlaps.reason')}
          description={t('network.overlaps.reasonHint')}
          required
          autosize
          minRows={3}
          maxLength={1000}
          data-autofocus
          {...form.getInputProps('reason')}
          error={(form.errors.reason as string | undefined) ?? problems.field(mark.error, 'reason')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={mark.isPending}>
            {t('network.overlaps.markIntended')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

function OverlapCard({
  overlap,
  canDecide,
  onMark,
  onUndone,
}: {
  overlap: Overlap
  canDecide: boolean
  onMark: () => void
  onUndone: () => void
}) {
  const { t, i18n } = useTranslation()
  const session = useSession()
  const municipalities = useDistrictMunicipalities()
  const queryClient = useQueryClient()
  const problems = useProblemText()
  const undo = useMutation({
    mutationFn: () => apiSend<void>('DELETE', `/services/overlaps/intended/${pairPath(overlap)}`),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: networkKeys.services })
      onUndone()
    },
  })
  const [first, second] = overlap.services
  const label = t('network.overlaps.pair', { first: first.name, second: second.name })
  return (
    <Card withBorder component="article" aria-label={label}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        {overlap.services.map((service) => (
          <div key={service.id}>
            <Text fw={600}>{service.name}</Text>
            <Text size="sm" c="dimmed">
              {service.organisationName}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      <Group gap={6} mt="sm">
        <Text size="sm" fw={500}>
          {t('network.overlaps.shared')}:
        </Text>
        {overlap.domains.map((domain) => (
          <Badge key={domain} variant="light" tt="none">
            {t(`casework.domains.${domain}`)}
          </Badge>
        ))}
        {overlap.targetGroups.map((group) => (
          <Badge key={group} variant="light" color="grape" tt="none">
            {t(`network.targetGroups.${group}`)}
          </Badge>
        ))}
        <Text size="sm">
          {overlap.municipalityIds
            .map(municipalities.nameOf)
            .sort((a, b) => a.localeCompare(b, 'de'))
            .join(', ')}
        </Text>
      </Group>
      {overlap.intended && (
        <Stack gap={2} mt="sm">
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
            <Text span fw={500}>
              {t('network.overlaps.reason')}:
            </Text>{' '}
            {overlap.intended.reason}
          </Text>
          <Text size="xs" c="dimmed">
            {t('network.overlaps.decided', {
              name: overlap.intended.decidedBy,
              date: formatInstantDay(
                overlap.intended.decidedAt,
                i18n.language,
                session.user.districtTimeZone,
              ),
            })}
          </Text>
        </Stack>
      )}
      {canDecide && (
        <Group justify="flex-end" mt="sm">
          {undo.error && (
            <Text size="sm" c={statusColors.negative} role="alert">
              {problems.message(undo.error)}
            </Text>
          )}
          {overlap.intended ? (
            <Button variant="default" size="xs" loading={undo.isPending} onClick={() => undo.mutate()}>
              {t('network.overlaps.undo')}
            </Button>
          ) : (
            <Button variant="light" size="xs" onClick={onMark}>
              {t('network.overlaps.markIntended')}
            </Button>
          )}
        </Group>
      )}
    </Card>
  )
}

/** The overlap finder: possible duplicate structures, open ones first, intended ones apart. */
export function OverlapsPage() {
  const { t } = useTranslation()
  const municipalities = useDistrictMunicipalities()
  const [municipalityId, setMunicipalityId] = useState<string | null>(null)
  const [domain, setDomain] = useState<string | null>(null)
  const [targetGroup, setTargetGroup] = useState<string | null>(null)
  const [marking, setMarking] = useState<Overlap | null>(null)
  const [notice, setNotice] = useState('')
  const params = new URLSearchParams()
  if (municipalityId) params.set('municipalityId', municipalityId)
  if (domain) params.set('domain', domain)
  if (targetGroup) params.set('targetGroup', targetGroup)
  const overlaps = useQuery(overlapsQuery(params))

  return (
    <Stack gap="lg" maw={1100}>
      <div>
        <Title order={2}>{t('network.overlaps.title')}</Title>
        <Text mt="xs" maw={760}>
          {t('network.overlaps.intro')}
        </Text>
      </div>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" role="search">
        <Select
          label={t('network.fields.municipality')}
          placeholder={t('network.fields.allMunicipalities')}
          data={municipalities.options}
          value={municipalityId}
          onChange={setMunicipalityId}
          searchable
          clearable
        />
        <Select
          label={t('network.fields.domain')}
          placeholder={t('network.fields.allDomains')}
          data={serviceDomains
            .filter((value) => value !== 'other')
            .map((value) => ({ value, label: t(`casework.domains.${value}`) }))}
          value={domain}
          onChange={setDomain}
          clearable
        />
        <Select
          label={t('network.fields.targetGroup')}
          placeholder={t('network.fields.allTargetGroups')}
          data={targetGroups.map((value) => ({ value, label: t(`network.targetGroups.${value}`) }))}
          value={targetGroup}
          onChange={setTargetGroup}
          clearable
        />
      </SimpleGrid>
      <Text size="sm" role="status" c={statusColors.positive} fw={600}>
        {notice}
      </Text>
      <QueryState query={overlaps}>
        {(list) => {
          const open = list.items.filter((item) => item.intended === null)
          const intended = list.items.filter((item) => item.intended !== null)
          const cards = (items: Overlap[]) =>
            items.map((item) => (
              <OverlapCard
                key={pairPath(item)}
                overlap={item}
                canDecide={list.can.decide}
                onMark={() => {
                  setNotice('')
                  setMarking(item)
                }}
                onUndone={() => setNotice(t('network.overlaps.undone'))}
              />
            ))
          return (
            <Stack gap="xl">
              <section aria-labelledby="open-overlaps">
                <Title order={3} size="h4" id="open-overlaps" mb="xs">
                  {t('network.overlaps.open', { count: list.open })}
                </Title>
                <Stack gap="sm">
                  {open.length === 0 ? <Text c="dimmed">{t('network.overlaps.noneOpen')}</Text> : cards(open)}
                </Stack>
              </section>
              <section aria-labelledby="intended-overlaps">
                <Title order={3} size="h4" id="intended-overlaps" mb="xs">
                  {t('network.overlaps.intended', { count: list.intended })}
                </Title>
                <Stack gap="sm">
                  {intended.length === 0 ? (
                    <Text c="dimmed">{t('network.overlaps.noneIntended')}</Text>
                  ) : (
                    cards(intended)
                  )}
                </Stack>
              </section>
            </Stack>
          )
        }}
      </QueryState>
      <Dialog
        opened={marking !== null}
        onClose={() => setMarking(null)}
        title={t('network.overlaps.markTitle')}
      >
        {marking && (
          <MarkForm
            overlap={marking}
            onDone={() => {
              setMarking(null)
              setNotice(t('network.overlaps.marked'))
            }}
          />
        )}
      </Dialog>
    </Stack>
  )
}
