import { Alert, Badge, Button, Card, Group, Stack, Table, Text, Textarea, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RequestSubjectDetail } from '../../../../common/privacy-requests.ts'
import { apiGet, apiSend } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { FormProblem } from '../../components/FormProblem.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { formatDate, formatDateTime } from '../../i18n.ts'

const subjectKey = (personId: string) => ['privacy-requests', 'subject', personId]

/** One person as the subject of requests: access (PDF, JSON), restriction of processing, rectification. */
export function RequestSubjectPage({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation()
  const subject = useQuery({
    queryKey: subjectKey(personId),
    queryFn: ({ signal }) => apiGet<RequestSubjectDetail>(`/privacy-requests/subjects/${personId}`, signal),
  })
  return (
    <QueryState query={subject}>
      {({ person, restrictions }) => (
        <Stack gap="lg" maw={1000}>
          <div>
            <Title order={2}>
              {person.givenNames} {person.familyName}
            </Title>
            <Text c="dimmed">
              {t('disclosure.person.birthDate')}: {formatDate(person.birthDate, i18n.language)}
              {person.city ? ` · ${person.city}` : ''}
            </Text>
          </div>
          <Card withBorder component="section" aria-labelledby="disclosure-access">
            <Title order={3} id="disclosure-access" mb="xs">
              {t('disclosure.access.title')}
            </Title>
            <Text mb="sm">{t('disclosure.access.intro')}</Text>
            <Group>
              <Button component="a" href={`/api/persons/${personId}/disclosure.pdf`} download>
                {t('disclosure.access.pdf')}
              </Button>
              <Button
                component="a"
                variant="light"
                href={`/api/persons/${personId}/disclosure.json`}
                download
              >
                {t('disclosure.access.json')}
              </Button>
            </Group>
          </Card>
          <RestrictionCard personId={personId} restricted={person.processingRestricted} />
          {restrictions.length > 0 && (
            <section aria-labelledby="disclosure-history">
              <Title order={3} id="disclosure-history" mb="xs">
                {t('disclosure.restriction.history')}
              </Title>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('disclosure.restriction.when')}</Table.Th>
                    <Table.Th>{t('disclosure.restriction.decision')}</Table.Th>
                    <Table.Th>{t('disclosure.restriction.reason')}</Table.Th>
                    <Table.Th>{t('disclosure.restriction.by')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {restrictions.map((entry) => (
                    <Table.Tr key={entry.decidedAt}>
                      <Table.Td>{formatDateTime(entry.decidedAt, i18n.language)}</Table.Td>
                      <Table.Td>
                        {entry.restricted
                          ? t('disclosure.restriction.set')
                          : t('disclosure.restriction.lifted')}
                      </Table.Td>
                      <Table.Td>{entry.reason}</Table.Td>
                      <Table.Td>{entry.decidedBy}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </section>
          )}
          <RectificationCard personId={personId} />
        </Stack>
      )}
    </QueryState>
  )
}

function RestrictionCard({ personId, restricted }: { personId: string; restricted: boolean }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [reason, setReason] = useState('')
  const decide = useMutation({
    mutationFn: () =>
      apiSend<RequestSubjectDetail>('PUT', `/persons/${personId}/restriction`, {
        restricted: !restricted,
        reason: reason.trim(),
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(subjectKey(personId), saved)
      setReason('')
    },
  })
  return (
    <Card withBorder component="section" aria-labelledby="disclosure-restriction">
      <Group justify="space-between" mb="xs">
        <Title order={3} id="disclosure-restriction">
          {t('disclosure.restriction.title')}
        </Title>
        <Badge color={restricted ? statusColors.warning : statusColors.neutral}>
          {restricted ? t('disclosure.restriction.restricted') : t('disclosure.restriction.notRestricted')}
        </Badge>
      </Group>
      <Text mb="sm">{t('disclosure.restriction.intro')}</Text>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          decide.mutate()
        }}
      >
        <Stack gap="sm">
          <Textarea
            label={t('disclosure.restriction.reason')}
            description={t('disclosure.restriction.reasonHint')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            required
            minLength={3}
            maxLength={2000}
            autosize
            minRows={2}
          />
          <FormProblem error={decide.error} />
          <Group>
            <Button
              type="submit"
              color={restricted ? undefined : statusColors.warning}
              loading={decide.isPending}
            >
              {restricted ? t('disclosure.restriction.lift') : t('disclosure.restriction.restrict')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  )
}

function RectificationCard({ personId }: { personId: string }) {
  const { t } = useTranslation()
  const record = useMutation({
    mutationFn: () => apiSend<null>('POST', `/persons/${personId}/rectification-requests`),
  })
  return (
    <Card withBorder component="section" aria-labelledby="disclosure-rectification">
      <Title order={3} id="disclosure-rectification" mb="xs">
        {t('disclosure.rectification.title')}
      </Title>
      <Text mb="sm">{t('disclosure.rectification.intro')}</Text>
      <FormProblem error={record.error} />
      {record.isSuccess && (
        <Alert color="green" role="status" mb="sm">
          {t('disclosure.rectification.recorded')}
        </Alert>
      )}
      <Button variant="light" onClick={() => record.mutate()} loading={record.isPending}>
        {t('disclosure.rectification.record')}
      </Button>
    </Card>
  )
}
