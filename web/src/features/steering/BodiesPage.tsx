import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import {
  type Body,
  type BodyDetail,
  type BodyKind,
  bodyInputSchema,
  bodyKinds,
} from '../../../../common/steering.ts'
import { apiSend } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { QueryState } from '../../components/QueryState.tsx'
import { displayTimeZone } from '../../district-time.ts'
import { useCan } from '../../session.tsx'
import { bodiesQuery, meetingsQuery, meetingWhen, steeringKeys } from './queries.ts'
import { SchemaForm, useSchemaForm } from './steering-form.tsx'

type BodyFormValues = { kind: BodyKind; name: string; topic: string; parentBodyId: string | null }

function BodyForm({ bodies }: { bodies: Body[] }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const state = useSchemaForm({
    schema: bodyInputSchema,
    initialValues: { kind: 'working_group', name: '', topic: '', parentBodyId: null } as BodyFormValues,
    toInput: (values: BodyFormValues) => ({
      kind: values.kind,
      name: values.name,
      topic: values.topic,
      parentBodyId: values.parentBodyId || null,
    }),
    send: (input: object) => apiSend<BodyDetail>('POST', '/bodies', input),
    onSuccess: async (body) => {
      await queryClient.invalidateQueries({ queryKey: steeringKeys.all })
      void navigate({ to: `/steering/bodies/${body.id}` })
    },
  })
  const { form, error } = state
  return (
    <SchemaForm state={state} fields={['kind', 'name', 'topic', 'parentBodyId']}>
      <Stack gap="xs">
        <Group align="flex-start" wrap="wrap">
          <Select
            label={t('steering.body.kind')}
            data={bodyKinds.map((kind) => ({ value: kind, label: t(`steering.kinds.${kind}`) }))}
            allowDeselect={false}
            required
            {...form.getInputProps('kind')}
            error={error('kind')}
            w={260}
          />
          <TextInput
            label={t('steering.body.name')}
            required
            maxLength={200}
            {...form.getInputProps('name')}
            error={error('name')}
            w={300}
          />
          <TextInput
            label={t('steering.body.topic')}
            maxLength={300}
            {...form.getInputProps('topic')}
            error={error('topic')}
            w={300}
          />
          <Select
            label={t('steering.body.parent')}
            data={bodies.map((body) => ({ value: body.id, label: body.name }))}
            clearable
            {...form.getInputProps('parentBodyId')}
            error={error('parentBodyId')}
            w={300}
          />
          <Button type="submit" mt={25} loading={state.mutation.isPending}>
            {t('steering.body.create')}
          </Button>
        </Group>
      </Stack>
    </SchemaForm>
  )
}

/** Bodies (Gremien) of the district with their seat plans at a glance, and the coming meetings. */
export function BodiesPage() {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const bodies = useQuery(bodiesQuery)
  const upcoming = useQuery(meetingsQuery(new URLSearchParams({ upcoming: 'true', limit: '10' })))
  return (
    <Stack maw={1200} gap="lg">
      <Group justify="space-between">
        <Title order={2}>{t('steering.bodies.title')}</Title>
        <Anchor component={Link} to="/decisions">
          {t('steering.register.title')}
        </Anchor>
      </Group>
      <QueryState query={bodies}>
        {(data) => (
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('steering.body.name')}</Table.Th>
                <Table.Th>{t('steering.body.kind')}</Table.Th>
                <Table.Th>{t('steering.body.seats')}</Table.Th>
                <Table.Th>{t('steering.body.members')}</Table.Th>
                <Table.Th>{t('steering.body.nextMeeting')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((body) => (
                <Table.Tr key={body.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/steering/bodies/${body.id}`}>
                      {body.name}
                    </Anchor>
                    {body.parentBodyName && (
                      <Text size="xs" c="dimmed">
                        {t('steering.body.under', { name: body.parentBodyName })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{t(`steering.kinds.${body.kind}`)}</Table.Td>
                  <Table.Td>
                    {body.seatCount === 0 ? (
                      '–'
                    ) : (
                      <Group gap={6}>
                        <Text size="sm">
                          {t('steering.body.filledOf', {
                            filled: body.filledSeatCount,
                            total: body.seatCount,
                          })}
                        </Text>
                        {body.filledSeatCount < body.seatCount && (
                          <Badge color={statusColors.warning}>
                            {t('steering.body.unfilled', { count: body.seatCount - body.filledSeatCount })}
                          </Badge>
                        )}
                      </Group>
                    )}
                  </Table.Td>
                  <Table.Td>{body.memberCount}</Table.Td>
                  <Table.Td>
                    {body.nextMeetingAt
                      ? new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'de-DE', {
                          dateStyle: 'medium',
                          timeStyle: 'short',
                          timeZone: displayTimeZone(),
                        }).format(new Date(body.nextMeetingAt))
                      : '–'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      <Stack gap="xs">
        <Title order={3}>{t('steering.meetings.upcoming')}</Title>
        <QueryState query={upcoming}>
          {(page) =>
            page.items.length === 0 ? (
              <Text c="dimmed">{t('steering.meetings.none')}</Text>
            ) : (
              <Stack gap={4}>
                {page.items.map((meeting) => (
                  <Group key={meeting.id} gap="sm">
                    <Anchor component={Link} to={`/steering/meetings/${meeting.id}`}>
                      {meeting.bodyName}: {meeting.title}
                    </Anchor>
                    <Text size="sm" c="dimmed">
                      {meetingWhen(meeting, i18n.language)}
                    </Text>
                  </Group>
                ))}
              </Stack>
            )
          }
        </QueryState>
      </Stack>
      {can('steering.manage') && bodies.data && (
        <Stack gap="xs">
          <Title order={3}>{t('steering.body.new')}</Title>
          <BodyForm bodies={bodies.data.items} />
        </Stack>
      )}
    </Stack>
  )
}
