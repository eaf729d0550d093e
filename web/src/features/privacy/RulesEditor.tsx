import { Badge, Button, Group, NumberInput, Select, Stack, Table, Text, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type RetentionRule,
  type RetentionRules,
  retentionKindOptions,
} from '../../../../common/privacy-retention.ts'
import { apiSend } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { CaseworkFormProblem } from '../casework/problems.tsx'
import { privacyKeys, retentionRulesQuery } from './queries.ts'

type Draft = Omit<RetentionRule, 'periodMonths'> & { periodMonths: number | string }

/** The district's rules, one row per kind of record; saved together with the version read. */
export function RulesEditor({ rules }: { rules: RetentionRules }) {
  const { t, i18n } = useTranslation()
  const queryClient = useQueryClient()
  const [drafts, setDrafts] = useState<Draft[]>(rules.rules.map(({ isDefault: _, ...rule }) => rule))
  const [notice, setNotice] = useState('')
  const save = useMutation({
    mutationFn: () =>
      apiSend<RetentionRules>(
        'PUT',
        '/retention-rules',
        { rules: drafts.map((draft) => ({ ...draft, periodMonths: Number(draft.periodMonths) })) },
        { 'if-match': `"${rules.version}"` },
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(retentionRulesQuery.queryKey, saved)
      void queryClient.invalidateQueries({ queryKey: privacyKeys.all })
      setNotice(t('privacy.rules.saved'))
    },
  })
  const change = (index: number, patch: Partial<Draft>) =>
    setDrafts((current) => current.map((draft, at) => (at === index ? { ...draft, ...patch } : draft)))
  const dateFormat = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' })
  const lastRun = rules.lastRun
  return (
    <Stack gap="sm">
      <Title order={3}>{t('privacy.rules.title')}</Title>
      <Text size="sm">
        {lastRun
          ? t('privacy.rules.lastRun', {
              day: dateFormat.format(new Date(`${lastRun.on}T00:00:00Z`)),
              counts:
                Object.entries(lastRun.counts)
                  .map(([key, value]) => `${value} ${t(`privacy.counts.${key}`)}`)
                  .join(', ') || '–',
            })
          : t('privacy.rules.noRun')}
      </Text>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          setNotice('')
          save.mutate()
        }}
        noValidate
      >
        <Stack gap="sm">
          <CaseworkFormProblem error={save.error} shown={[]} />
          <Table.ScrollContainer minWidth={640}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('privacy.rules.kind')}</Table.Th>
                  <Table.Th>{t('privacy.rules.startEvent')}</Table.Th>
                  <Table.Th>{t('privacy.rules.periodMonths')}</Table.Th>
                  <Table.Th>{t('privacy.rules.action')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {drafts.map((draft, index) => {
                  const options = retentionKindOptions[draft.recordKind]
                  const kind = t(`privacy.kinds.${draft.recordKind}`)
                  return (
                    <Table.Tr key={draft.recordKind}>
                      <Table.Td>
                        <Text fw={600}>{kind}</Text>
                        <Badge variant="light" color="gray">
                          {rules.rules[index]?.isDefault
                            ? t('privacy.rules.default')
                            : t('privacy.rules.own')}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Select
                          aria-label={t('privacy.rules.startFor', { kind })}
                          data={options.startEvents.map((value) => ({
                            value,
                            label: t(`privacy.startEvents.${value}`),
                          }))}
                          value={draft.startEvent}
                          allowDeselect={false}
                          onChange={(value) =>
                            value && change(index, { startEvent: value as Draft['startEvent'] })
                          }
                        />
                      </Table.Td>
                      <Table.Td>
                        <NumberInput
                          aria-label={t('privacy.rules.periodFor', { kind })}
                          min={1}
                          max={1200}
                          allowDecimal={false}
                          clampBehavior="none"
                          value={draft.periodMonths}
                          onChange={(value) => change(index, { periodMonths: value })}
                          maw={140}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Select
                          aria-label={t('privacy.rules.actionFor', { kind })}
                          data={options.actions.map((value) => ({
                            value,
                            label: t(`privacy.actions.${value}`),
                          }))}
                          value={draft.action}
                          allowDeselect={false}
                          onChange={(value) => value && change(index, { action: value as Draft['action'] })}
                        />
                      </Table.Td>
                    </Table.Tr>
                  )
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group justify="flex-end" gap="sm">
            <Text size="sm" role="status" c={statusColors.positive} fw={600}>
              {notice}
            </Text>
            <Button type="submit" loading={save.isPending}>
              {t('privacy.rules.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  )
}
