import { Badge, Button, Checkbox, Group, SimpleGrid, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { type Case, type CasePhase, type LifeDomain, lifeDomains } from '../../../../common/casework.ts'
import { statusColors } from '../../colors.ts'
import { Icon } from './icons.tsx'

/** Small pieces several case-work pages share. */

/** The save button at the foot of a case-work form, on the right. */
export function SaveButton({ saving }: { saving: boolean }) {
  const { t } = useTranslation()
  return (
    <Group justify="flex-end">
      <Button type="submit" loading={saving}>
        {t('casework.common.save')}
      </Button>
    </Group>
  )
}

export function PhaseBadge({ phase }: { phase: CasePhase }) {
  const { t } = useTranslation()
  return (
    <Badge
      color={phase === 'closed' ? statusColors.neutral : 'blue.8'}
      variant={phase === 'closed' ? 'outline' : 'filled'}
      tt="none"
      size="md"
      radius="sm"
      styles={{
        root: { height: 'auto', minHeight: 22 },
        label: { whiteSpace: 'normal', overflow: 'visible' },
      }}
    >
      {t(`casework.phases.${phase}`)}
    </Badge>
  )
}

/** Overdue count in words, colour and icon, so that no one needs the colour to see it. */
export function OverdueCount({ count }: { count: number }) {
  const { t } = useTranslation()
  if (count === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('casework.list.noOverdue')}
      </Text>
    )
  }
  return (
    <Group gap={4} wrap="nowrap" c={statusColors.negative}>
      <Icon name="warning" size={16} />
      <Text size="sm" fw={700} c={statusColors.negative}>
        {t('casework.list.overdueCount', { count })}
      </Text>
    </Group>
  )
}

/** The life domains as checkboxes: Tab moves between them, Space ticks. */
export function DomainCheckboxes({
  value,
  onChange,
  error,
  label,
  required,
}: {
  value: LifeDomain[]
  onChange: (value: LifeDomain[]) => void
  error?: string
  label?: string
  required?: boolean
}) {
  const { t } = useTranslation()
  return (
    <Checkbox.Group
      label={label ?? t('casework.fields.domains')}
      value={value}
      onChange={(next) => onChange(next as LifeDomain[])}
      error={error}
      withAsterisk={required}
    >
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing={6} verticalSpacing={6} mt={6}>
        {lifeDomains.map((domain) => (
          <Checkbox key={domain} value={domain} label={t(`casework.domains.${domain}`)} />
        ))}
      </SimpleGrid>
    </Checkbox.Group>
  )
}

/** Options for a select from a list of codes translated under one key. */
export function useEnumOptions() {
  const { t } = useTranslation()
  return <T extends string>(values: readonly T[], key: string) =>
    values.map((value) => ({ value, label: t(`casework.${key}.${value}`) }))
}

/** Reads and writes a remembered choice (last channel, last language) in the browser. */
export function remembered(key: string, fallback: string): string {
  return globalThis.localStorage?.getItem(`lotse.casework.${key}`) ?? fallback
}
export function remember(key: string, value: string): void {
  globalThis.localStorage?.setItem(`lotse.casework.${key}`, value)
}

/** Records of a case are written only by its case managers, and only while it is open. */
export const canWrite = (item: Case) => item.abilities['case.record'] === true

/** Tells a case manager why the forms are gone from a closed case. */
export function ClosedNotice({ item }: { item: Case }) {
  const { t } = useTranslation()
  if (item.phase !== 'closed' || !item.abilities['case.work']) return null
  return (
    <Text size="sm" c="dimmed" mb="sm">
      {t('casework.case.closedNotice')}
    </Text>
  )
}
