import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Case } from '../../../../../common/casework.ts'
import type { LegalSphereChange } from '../../../../../common/legal-sphere.ts'
import { statusColors } from '../../../colors.ts'
import { QueryState } from '../../../components/QueryState.tsx'
import { canWrite } from '../../casework/bits.tsx'
import { formatDay, personName } from '../../casework/format.ts'
import { personQuery } from '../../casework/queries.ts'
import { HandoverChecklist } from './HandoverChecklist.tsx'
import { LegalSphereChangeDialog } from './LegalSphereChangeDialog.tsx'
import { personChangesQuery } from './transition-queries.ts'

/** The legal spheres of the case's persons: each one's current sphere, its changes and hand-over checklists. */
export function LegalSphereTab({ item }: { item: Case }) {
  const { t } = useTranslation()
  return (
    <Stack gap="lg">
      <Title order={3} size="h4">
        {t('legalSphereChanges.title')}
      </Title>
      {item.persons.map((person) => (
        <PersonSpheres key={person.id} item={item} personId={person.id} label={personName(person)} />
      ))}
    </Stack>
  )
}

function PersonSpheres({ item, personId, label }: { item: Case; personId: string; label: string }) {
  const { t } = useTranslation()
  const person = useQuery(personQuery(personId))
  const changes = useQuery(personChangesQuery(personId))
  const [opened, setOpened] = useState(false)
  const headingId = `spheres-${personId}`
  const editable = canWrite(item)
  return (
    <section aria-labelledby={headingId}>
      <Group justify="space-between" align="center" mb="xs">
        <Title order={4} size="h5" id={headingId}>
          {label}
          {person.data && (
            <Text span size="sm" c="dimmed" fw={400}>
              {' · '}
              {t('legalSphereChanges.current', {
                sphere: t(`legalSphereChanges.spheres.${person.data.legalSphere}`),
              })}
            </Text>
          )}
        </Title>
        {editable && person.data && (
          <Button size="xs" onClick={() => setOpened(true)}>
            {t('legalSphereChanges.recordFor', { person: label })}
          </Button>
        )}
      </Group>
      {person.data && (
        <LegalSphereChangeDialog
          opened={opened}
          onClose={() => setOpened(false)}
          personId={personId}
          personLabel={label}
          currentSphere={person.data.legalSphere}
          caseId={item.id}
        />
      )}
      <QueryState query={changes}>
        {(list) =>
          list.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('legalSphereChanges.none')}
            </Text>
          ) : (
            <Stack gap="sm">
              {list.map((change) => (
                <ChangeCard key={change.id} change={change} canEdit={editable} />
              ))}
            </Stack>
          )
        }
      </QueryState>
    </section>
  )
}

export function ChangeCard({ change, canEdit }: { change: LegalSphereChange; canEdit: boolean }) {
  const { t, i18n } = useTranslation()
  return (
    <Card
      withBorder
      padding="sm"
      component="article"
      aria-label={`${t(`legalSphereChanges.spheres.${change.fromSphere}`)} → ${t(`legalSphereChanges.spheres.${change.toSphere}`)}`}
    >
      <Group gap="xs" mb={4}>
        <Text fw={700} size="sm">
          {t(`legalSphereChanges.spheres.${change.fromSphere}`)} →{' '}
          {t(`legalSphereChanges.spheres.${change.toSphere}`)}
        </Text>
        <Text size="sm">
          {t('legalSphereChanges.effectiveOnDate', { date: formatDay(change.effectiveOn, i18n.language) })}
        </Text>
        <Badge color={change.applied ? statusColors.positive : statusColors.neutral}>
          {change.applied ? t('legalSphereChanges.applied') : t('legalSphereChanges.upcoming')}
        </Badge>
      </Group>
      <Text size="sm">
        {t(`legalSphereChanges.reasons.${change.reason}`)}
        {change.note && ` · ${change.note}`}
      </Text>
      {change.toSphere === 'SGB II' && (
        <Text size="sm" c="dimmed">
          {change.firstJobcenterContactOn
            ? t('legalSphereChanges.firstContactOn', {
                date: formatDay(change.firstJobcenterContactOn, i18n.language),
              })
            : t('legalSphereChanges.noContactYet')}
        </Text>
      )}
      <Text size="sm" fw={600} mt="xs">
        {t('legalSphereChanges.checklist')}
      </Text>
      <HandoverChecklist change={change} canEdit={canEdit} />
    </Card>
  )
}
