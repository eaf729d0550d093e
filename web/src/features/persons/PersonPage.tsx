import { Anchor, Badge, Group, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { QueryState } from '../../components/QueryState.tsx'
import { formatBirthDate, personName } from '../casework/format.ts'
import { personQuery } from '../casework/queries.ts'
import { ConsentsSection } from '../network/ConsentsSection.tsx'
import { Household } from './Household.tsx'
import { MergePerson } from './MergePerson.tsx'
import { PersonCases } from './PersonCases.tsx'
import { PersonRecord } from './PersonRecord.tsx'
import { ResidenceStatuses } from './ResidenceStatuses.tsx'

/** A Klient:in's record with residence history, household, cases and merging of duplicates. */
export function PersonPage({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation()
  const person = useQuery(personQuery(personId))
  return (
    <Stack gap="lg" maw={1100}>
      <Anchor component={Link} to="/cases" size="sm">
        {t('casework.person.backToCases')}
      </Anchor>
      <QueryState query={person}>
        {(data) => (
          <>
            <div>
              <Group gap="sm" align="baseline" wrap="wrap">
                <Title order={2}>{personName(data)}</Title>
                {data.nameInOriginalScript && (
                  <Text size="xl" dir="auto">
                    {data.nameInOriginalScript}
                  </Text>
                )}
              </Group>
              <Group gap="sm" mt={4}>
                <Text>
                  {t('casework.list.born', { date: formatBirthDate(data.birthDate, i18n.language) })}
                </Text>
                {data.languages.some((entry) => entry.interpreterNeeded) && (
                  <Badge color="blue.8" variant="filled" tt="none">
                    {t('casework.person.interpreterNeeded')}
                  </Badge>
                )}
              </Group>
              {/* Requests under the GDPR (access, erasure) are answered by data protection with this number. */}
              <Text size="sm" mt={4}>
                {t('nav.personRecordId')}:{' '}
                <Text span ff="monospace">
                  {data.id}
                </Text>
              </Text>
              {data.id !== personId && (
                <Text size="sm" c="dimmed" mt={4} role="status">
                  {t('casework.person.mergedNotice')}
                </Text>
              )}
            </div>
            <PersonCases person={data} />
            <PersonRecord person={data} />
            <ResidenceStatuses person={data} />
            <Household person={data} />
            <ConsentsSection person={data} />
            <MergePerson person={data} />
          </>
        )}
      </QueryState>
    </Stack>
  )
}
