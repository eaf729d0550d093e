import { Anchor, Button, Card, Group, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type {
  ProcessingRecordContent,
  ProcessingRecordVersion,
} from '../../../../common/processing-record.ts'
import { apiGet, apiSend } from '../../api.ts'
import { FormProblem } from '../../components/FormProblem.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { formatDateTime } from '../../i18n.ts'
import { useCan } from '../../session.tsx'

type VersionSummary = { number: number; savedBy: string | null; savedAt: string; note: string }
type Activity = ProcessingRecordContent['activities'][number]

const recordKey = ['processing-record'] as const
const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)

/** The record of processing activities (Art. 30 GDPR): current version, history, downloads, editing. */
export function ProcessingRecordPage() {
  const { t } = useTranslation()
  const can = useCan()
  const [editing, setEditing] = useState(false)
  const record = useQuery({
    queryKey: [...recordKey, 'current'],
    queryFn: ({ signal }) => apiGet<ProcessingRecordVersion>('/processing-record', signal),
  })
  return (
    <Stack gap="lg" maw={1100}>
      <Title order={2}>{t('disclosure.record.title')}</Title>
      <Text>{t('disclosure.record.intro')}</Text>
      <QueryState query={record}>
        {(version) =>
          editing ? (
            <RecordEditor version={version} onDone={() => setEditing(false)} />
          ) : (
            <Stack gap="md">
              <Group>
                <Button component="a" href="/api/processing-record.docx" download>
                  {t('disclosure.record.docx')}
                </Button>
                <Button component="a" variant="light" href="/api/processing-record.pdf" download>
                  {t('disclosure.record.pdf')}
                </Button>
                {can('processing-record.manage') && (
                  <Button variant="default" onClick={() => setEditing(true)}>
                    {t('disclosure.record.edit')}
                  </Button>
                )}
              </Group>
              <RecordView version={version} />
            </Stack>
          )
        }
      </QueryState>
      <VersionHistory />
    </Stack>
  )
}

function RecordView({ version }: { version: ProcessingRecordVersion }) {
  const { t } = useTranslation()
  const { content } = version
  return (
    <Stack gap="sm">
      <Text fw={600}>{t('disclosure.record.versionNumber', { number: version.number })}</Text>
      <Text>
        <strong>{t('disclosure.record.controller')}:</strong> {content.controller.name}
      </Text>
      {content.activities.map((activity) => (
        <Card withBorder key={activity.name} component="section">
          <Title order={3} size="h5">
            {activity.name}
          </Title>
          <Text size="sm">
            <strong>{t('disclosure.record.purposes')}:</strong> {activity.purposes}
          </Text>
          <Text size="sm">
            <strong>{t('disclosure.record.recipients')}:</strong> {activity.recipients.join('; ')}
          </Text>
        </Card>
      ))}
      <section aria-labelledby="record-deletion">
        <Title order={3} size="h5" id="record-deletion" mb="xs">
          {t('disclosure.record.deletionPeriods')}
        </Title>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('disclosure.record.records')}</Table.Th>
              <Table.Th>{t('disclosure.record.start')}</Table.Th>
              <Table.Th>{t('disclosure.record.period')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {version.deletionPeriods.map((row) => (
              <Table.Tr key={row.record}>
                <Table.Td>{row.record}</Table.Td>
                <Table.Td>{row.start}</Table.Td>
                <Table.Td>{row.period}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </section>
    </Stack>
  )
}

function VersionHistory() {
  const { t, i18n } = useTranslation()
  const versions = useQuery({
    queryKey: [...recordKey, 'versions'],
    queryFn: ({ signal }) => apiGet<VersionSummary[]>('/processing-record/versions', signal),
  })
  return (
    <section aria-labelledby="record-history">
      <Title order={3} id="record-history" mb="xs">
        {t('disclosure.record.history')}
      </Title>
      <QueryState query={versions}>
        {(rows) => (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('disclosure.record.version')}</Table.Th>
                <Table.Th>{t('disclosure.record.savedAt')}</Table.Th>
                <Table.Th>{t('disclosure.record.savedBy')}</Table.Th>
                <Table.Th>{t('disclosure.record.note')}</Table.Th>
                <Table.Th>{t('disclosure.record.downloads')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.number}>
                  <Table.Td>{row.number}</Table.Td>
                  <Table.Td>{formatDateTime(row.savedAt, i18n.language)}</Table.Td>
                  <Table.Td>{row.savedBy ?? t('disclosure.record.default')}</Table.Td>
                  <Table.Td>{row.note}</Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      <Anchor href={`/api/processing-record.docx?version=${row.number}`} download>
                        {t('disclosure.record.docxOf', { number: row.number })}
                      </Anchor>
                      <Anchor href={`/api/processing-record.pdf?version=${row.number}`} download>
                        {t('disclosure.record.pdfOf', { number: row.number })}
                      </Anchor>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </section>
  )
}

type ActivityDraft = Omit<Activity, 'personCategories' | 'dataCategories' | 'recipients'> & {
  personCategories: string
  dataCategories: string
  recipients: string
}

function RecordEditor({ version, onDone }: { version: ProcessingRecordVersion; onDone: () => void }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [controller, setController] = useState(version.content.controller)
  const [activities, setActivities] = useState<ActivityDraft[]>(
    version.content.activities.map((activity) => ({
      ...activity,
      personCategories: activity.personCategories.join('\n'),
      dataCategories: activity.dataCategories.join('\n'),
      recipients: activity.recipients.join('\n'),
    })),
  )
  const [measures, setMeasures] = useState(version.content.technicalMeasures.join('\n'))
  const [note, setNote] = useState('')
  const save = useMutation({
    mutationFn: () =>
      apiSend<ProcessingRecordVersion>('PUT', '/processing-record', {
        basedOn: version.number,
        note,
        content: {
          controller,
          activities: activities.map((activity) => ({
            ...activity,
            personCategories: lines(activity.personCategories),
            dataCategories: lines(activity.dataCategories),
            recipients: lines(activity.recipients),
          })),
          technicalMeasures: lines(measures),
        },
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: recordKey })
      onDone()
    },
  })
  const change = (index: number, patch: Partial<ActivityDraft>) =>
    setActivities(activities.map((activity, at) => (at === index ? { ...activity, ...patch } : activity)))
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        save.mutate()
      }}
    >
      <Stack gap="md">
        <Card withBorder component="fieldset">
          <Title order={3} size="h5" component="legend">
            {t('disclosure.record.controller')}
          </Title>
          <TextInput
            label={t('disclosure.record.controllerName')}
            value={controller.name}
            onChange={(event) => setController({ ...controller, name: event.currentTarget.value })}
            required
          />
          <Textarea
            label={t('disclosure.record.address')}
            value={controller.address}
            onChange={(event) => setController({ ...controller, address: event.currentTarget.value })}
            autosize
          />
          <TextInput
            label={t('disclosure.record.representative')}
            value={controller.representative}
            onChange={(event) => setController({ ...controller, representative: event.currentTarget.value })}
          />
          <Textarea
            label={t('disclosure.record.dpo')}
            value={controller.dataProtectionOfficer}
            onChange={(event) =>
              setController({ ...controller, dataProtectionOfficer: event.currentTarget.value })
            }
            autosize
          />
        </Card>
        {activities.map((activity, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: activities have no id; their order is their identity while editing
          <Card withBorder component="fieldset" key={index}>
            <Title order={3} size="h5" component="legend">
              {t('disclosure.record.activity', { number: index + 1 })}
            </Title>
            <TextInput
              label={t('disclosure.record.activityName')}
              value={activity.name}
              onChange={(event) => change(index, { name: event.currentTarget.value })}
              required
            />
            <Textarea
              label={t('disclosure.record.purposes')}
              value={activity.purposes}
              onChange={(event) => change(index, { purposes: event.currentTarget.value })}
              autosize
              required
            />
            <Textarea
              label={t('disclosure.record.legalBasis')}
              value={activity.legalBasis}
              onChange={(event) => change(index, { legalBasis: event.currentTarget.value })}
              autosize
              required
            />
            <Textarea
              label={t('disclosure.record.personCategories')}
              description={t('disclosure.record.onePerLine')}
              value={activity.personCategories}
              onChange={(event) => change(index, { personCategories: event.currentTarget.value })}
              autosize
            />
            <Textarea
              label={t('disclosure.record.dataCategories')}
              description={t('disclosure.record.onePerLine')}
              value={activity.dataCategories}
              onChange={(event) => change(index, { dataCategories: event.currentTarget.value })}
              autosize
            />
            <Textarea
              label={t('disclosure.record.recipients')}
              description={t('disclosure.record.onePerLine')}
              value={activity.recipients}
              onChange={(event) => change(index, { recipients: event.currentTarget.value })}
              autosize
            />
            <Textarea
              label={t('disclosure.record.thirdCountries')}
              value={activity.thirdCountryTransfers}
              onChange={(event) => change(index, { thirdCountryTransfers: event.currentTarget.value })}
              autosize
            />
            <Textarea
              label={t('disclosure.record.activityDeletion')}
              value={activity.deletionPeriods}
              onChange={(event) => change(index, { deletionPeriods: event.currentTarget.value })}
              autosize
            />
          </Card>
        ))}
        <Textarea
          label={t('disclosure.record.measures')}
          description={t('disclosure.record.onePerLine')}
          value={measures}
          onChange={(event) => setMeasures(event.currentTarget.value)}
          autosize
          minRows={4}
        />
        <TextInput
          label={t('disclosure.record.note')}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          maxLength={2000}
        />
        <FormProblem error={save.error} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('disclosure.record.save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('disclosure.record.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
