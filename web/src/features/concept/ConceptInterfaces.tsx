import { Badge, Button, Group, Paper, Select, Stack, Table, Text, Textarea, TextInput } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { lifeDomains } from '../../../../common/casework-values.ts'
import {
  type ConceptInterface,
  type ConceptVersionDetail,
  type InterfaceStatus,
  interfaceStatuses,
} from '../../../../common/concept.ts'
import { apiSend } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { FormProblem } from '../../components/FormProblem.tsx'
import { useCaseworkProblems } from '../casework/problems.tsx'
import { useVersionChange } from './queries.ts'
import { ScrollRegion } from './ScrollRegion.tsx'

const statusColor: Record<InterfaceStatus, string> = {
  open: statusColors.warning,
  in_progress: statusColors.neutral,
  solved: statusColors.positive,
}

export function InterfaceStatusBadge({ status }: { status: InterfaceStatus }) {
  const { t } = useTranslation()
  return <Badge color={statusColor[status]}>{t(`concept.interfaces.statuses.${status}`)}</Badge>
}

type InterfaceInput = {
  organisationAId: string
  organisationBId: string
  domain: string | null
  process: string
  problem: string
  solution: string
  status: InterfaceStatus
}

const emptyInput: InterfaceInput = {
  organisationAId: '',
  organisationBId: '',
  domain: null,
  process: '',
  problem: '',
  solution: '',
  status: 'open',
}

function InterfaceForm({
  version,
  entry,
  onDone,
}: {
  version: ConceptVersionDetail
  entry?: ConceptInterface
  onDone: () => void
}) {
  const { t } = useTranslation()
  const problems = useCaseworkProblems()
  const [values, setValues] = useState<InterfaceInput>(
    entry
      ? {
          organisationAId: entry.organisationAId,
          organisationBId: entry.organisationBId,
          domain: entry.domain,
          process: entry.process,
          problem: entry.problem,
          solution: entry.solution,
          status: entry.status,
        }
      : emptyInput,
  )
  const save = useVersionChange(version.id, (input: InterfaceInput) =>
    entry
      ? apiSend<ConceptVersionDetail>('PUT', `/concept/versions/${version.id}/interfaces/${entry.id}`, input)
      : apiSend<ConceptVersionDetail>('POST', `/concept/versions/${version.id}/interfaces`, input),
  )
  const set = <K extends keyof InterfaceInput>(key: K, value: InterfaceInput[K]) =>
    setValues((current) => ({ ...current, [key]: value }))
  const organisations = version.grid.actors.map((actor) => ({ value: actor.id, label: actor.name }))
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        save.mutate(values, {
          onSuccess: () => {
            setValues(emptyInput)
            onDone()
          },
        })
      }}
    >
      <Stack gap="xs" maw={820}>
        <Group align="flex-start" grow>
          <Select
            label={t('concept.interfaces.organisationA')}
            required
            searchable
            data={organisations}
            value={values.organisationAId || null}
            onChange={(value) => set('organisationAId', value ?? '')}
            error={problems.field(save.error, 'organisationAId')}
          />
          <Select
            label={t('concept.interfaces.organisationB')}
            required
            searchable
            data={organisations}
            value={values.organisationBId || null}
            onChange={(value) => set('organisationBId', value ?? '')}
            error={problems.field(save.error, 'organisationBId')}
          />
        </Group>
        <Group align="flex-start" grow>
          <TextInput
            label={t('concept.interfaces.process')}
            required
            maxLength={300}
            value={values.process}
            onChange={(event) => set('process', event.currentTarget.value)}
            error={problems.field(save.error, 'process')}
          />
          <Select
            label={t('concept.interfaces.domain')}
            clearable
            data={lifeDomains.map((domain) => ({ value: domain, label: t(`casework.domains.${domain}`) }))}
            value={values.domain}
            onChange={(value) => set('domain', value)}
          />
          <Select
            label={t('concept.interfaces.status')}
            required
            allowDeselect={false}
            data={interfaceStatuses.map((status) => ({
              value: status,
              label: t(`concept.interfaces.statuses.${status}`),
            }))}
            value={values.status}
            onChange={(value) => set('status', (value ?? 'open') as InterfaceStatus)}
          />
        </Group>
        <Textarea
          label={t('concept.interfaces.problem')}
          required
          autosize
          minRows={2}
          maxLength={5000}
          value={values.problem}
          onChange={(event) => set('problem', event.currentTarget.value)}
          error={problems.field(save.error, 'problem')}
        />
        <Textarea
          label={t('concept.interfaces.solution')}
          autosize
          minRows={2}
          maxLength={5000}
          value={values.solution}
          onChange={(event) => set('solution', event.currentTarget.value)}
          error={problems.field(save.error, 'solution')}
        />
        <FormProblem error={save.error} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {entry ? t('concept.save') : t('concept.interfaces.add')}
          </Button>
          {entry && (
            <Button variant="subtle" onClick={onDone}>
              {t('concept.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  )
}

function InterfaceActions({
  version,
  entry,
  onEdit,
}: {
  version: ConceptVersionDetail
  entry: ConceptInterface
  onEdit: () => void
}) {
  const { t } = useTranslation()
  const remove = useVersionChange(version.id, () =>
    apiSend<ConceptVersionDetail>('DELETE', `/concept/versions/${version.id}/interfaces/${entry.id}`),
  )
  return (
    <Stack gap={4}>
      <Group gap={4} wrap="nowrap">
        <Button
          size="xs"
          variant="light"
          onClick={onEdit}
          aria-label={t('concept.interfaces.editOf', { process: entry.process })}
        >
          {t('concept.edit')}
        </Button>
        <Button
          size="xs"
          variant="subtle"
          color="red"
          onClick={() => remove.mutate(undefined)}
          loading={remove.isPending}
          aria-label={t('concept.interfaces.removeOf', { process: entry.process })}
        >
          {t('concept.remove')}
        </Button>
      </Group>
      <FormProblem error={remove.error} />
    </Stack>
  )
}

/** The register of interfaces (Schnittstellen): between whom, which process, what goes wrong, what is agreed. */
export function ConceptInterfaces({
  version,
  editable,
}: {
  version: ConceptVersionDetail
  editable: boolean
}) {
  const { t } = useTranslation()
  const [editing, setEditing] = useState<string | null>(null)
  const current = version.interfaces.find((entry) => entry.id === editing)
  return (
    <Stack gap="sm">
      {version.interfaces.length === 0 ? (
        <Text c="dimmed">{t('concept.interfaces.none')}</Text>
      ) : (
        <ScrollRegion label={t('concept.interfaces.title')} minWidth={900}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('concept.interfaces.between')}</Table.Th>
                <Table.Th>{t('concept.interfaces.process')}</Table.Th>
                <Table.Th>{t('concept.interfaces.problem')}</Table.Th>
                <Table.Th>{t('concept.interfaces.solution')}</Table.Th>
                <Table.Th>{t('concept.interfaces.status')}</Table.Th>
                {editable && <Table.Th>{t('concept.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {version.interfaces.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td>
                    {entry.organisationAName} ↔ {entry.organisationBName}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {entry.process}
                    </Text>
                    {entry.domain && (
                      <Text size="xs" c="dimmed">
                        {t(`casework.domains.${entry.domain}`)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{entry.problem}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{entry.solution || '–'}</Table.Td>
                  <Table.Td style={{ minWidth: 110 }}>
                    <InterfaceStatusBadge status={entry.status} />
                  </Table.Td>
                  {editable && (
                    <Table.Td>
                      <InterfaceActions version={version} entry={entry} onEdit={() => setEditing(entry.id)} />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
      {editable && (
        <Paper withBorder p="md">
          <Stack gap="xs">
            <Text fw={600}>
              {current ? t('concept.interfaces.editTitle') : t('concept.interfaces.newTitle')}
            </Text>
            <InterfaceForm
              key={current?.id ?? 'new'}
              version={version}
              {...(current ? { entry: current } : {})}
              onDone={() => setEditing(null)}
            />
          </Stack>
        </Paper>
      )}
    </Stack>
  )
}
