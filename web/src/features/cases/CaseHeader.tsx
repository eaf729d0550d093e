import { Anchor, Button, DataList, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type Case, type CasePhase, casePhases } from '../../../../common/casework.ts'
import { OverdueCount, PhaseBadge } from '../casework/bits.tsx'
import { formatBirthDate, formatDay, personName } from '../casework/format.ts'
import { PhaseChangeDialog, transitionLabel } from './PhaseChangeDialog.tsx'
import { PhaseSteps } from './PhaseSteps.tsx'

const isForward = (from: CasePhase, to: CasePhase) =>
  from !== 'closed' && to !== 'closed' && casePhases.indexOf(to) > casePhases.indexOf(from)

/** Reference, persons, responsibility and phase of a case, with the phase changes the user may make. */
export function CaseHeader({ item }: { item: Case }) {
  const { t, i18n } = useTranslation()
  const language = i18n.language
  const [target, setTarget] = useState<CasePhase | null>(null)
  const canWork = item.abilities['case.work'] === true
  return (
    <Stack gap="sm">
      <Group gap="sm" align="center" wrap="wrap">
        <Title order={2}>{t('casework.case.title', { reference: item.reference })}</Title>
        <PhaseBadge phase={item.phase} />
      </Group>
      <Paper withBorder p="sm">
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md" verticalSpacing={6}>
          <DataList labelWidth={150} gap={6}>
            <DataList.Item>
              <DataList.ItemLabel>{t('casework.fields.persons')}</DataList.ItemLabel>
              <DataList.ItemValue>
                <Group gap="md" wrap="wrap">
                  {item.persons.map((person) => (
                    <span key={person.id}>
                      <Anchor component={Link} to={`/persons/${person.id}`} fw={600}>
                        {personName(person)}
                      </Anchor>{' '}
                      <Text span size="sm" c="dimmed">
                        {t('casework.list.born', { date: formatBirthDate(person.birthDate, language) })}
                      </Text>
                    </span>
                  ))}
                </Group>
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('casework.fields.municipality')}</DataList.ItemLabel>
              <DataList.ItemValue>{item.municipalityName}</DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('casework.fields.teamAndManagers')}</DataList.ItemLabel>
              <DataList.ItemValue>
                {[
                  item.teamName ?? t('casework.case.noTeam'),
                  item.managers.map((m) => m.displayName).join(', '),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </DataList.ItemValue>
            </DataList.Item>
          </DataList>
          <DataList labelWidth={200} gap={6}>
            <DataList.Item>
              <DataList.ItemLabel>{t('casework.fields.openedOn')}</DataList.ItemLabel>
              <DataList.ItemValue>
                {formatDay(item.openedOn, language)}
                {item.closedOn &&
                  ` · ${t('casework.case.closedOn', { date: formatDay(item.closedOn, language) })}${
                    item.closingReason ? ` (${t(`casework.closingReasons.${item.closingReason}`)})` : ''
                  }`}
              </DataList.ItemValue>
            </DataList.Item>
            {item.closingNote && (
              <DataList.Item>
                <DataList.ItemLabel>{t('casework.fields.closingNote')}</DataList.ItemLabel>
                <DataList.ItemValue style={{ whiteSpace: 'pre-wrap' }}>{item.closingNote}</DataList.ItemValue>
              </DataList.Item>
            )}
            <DataList.Item>
              <DataList.ItemLabel>{t('casework.fields.lastContact')}</DataList.ItemLabel>
              <DataList.ItemValue>
                {item.lastContactOn ? formatDay(item.lastContactOn, language) : t('casework.list.noContact')}
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('casework.fields.overdueTasks')}</DataList.ItemLabel>
              <DataList.ItemValue>
                <OverdueCount count={item.overdueTaskCount} />
              </DataList.ItemValue>
            </DataList.Item>
          </DataList>
        </SimpleGrid>
      </Paper>
      <PhaseSteps phase={item.phase} />
      {canWork && item.allowedTransitions.length > 0 && (
        <Group gap="xs" role="group" aria-label={t('casework.case.changePhase')}>
          {item.allowedTransitions.map((to) => (
            <Button
              key={to}
              size="sm"
              variant={to === 'closed' ? 'outline' : isForward(item.phase, to) ? 'filled' : 'default'}
              color={to === 'closed' ? 'red.8' : undefined}
              onClick={() => setTarget(to)}
            >
              {transitionLabel(t, item.phase, to)}
            </Button>
          ))}
        </Group>
      )}
      <PhaseChangeDialog item={item} to={target} onClose={() => setTarget(null)} />
    </Stack>
  )
}
