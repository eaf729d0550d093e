import { Anchor, Group, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import type { ConceptVersionDetail } from '../../../../common/concept.ts'
import { QueryState } from '../../components/QueryState.tsx'
import { useCan } from '../../session.tsx'
import { formatDay } from '../casework/format.ts'
import { ConceptAdoption } from './ConceptAdoption.tsx'
import { ConsultationForm, ConsultationList } from './ConceptConsultations.tsx'
import { ConceptGrid } from './ConceptGrid.tsx'
import { ConceptInterfaces } from './ConceptInterfaces.tsx'
import { ConceptSections } from './ConceptSections.tsx'
import { conceptVersionQuery, exportLanguage } from './queries.ts'
import { VersionStatus } from './VersionStatus.tsx'

function AdoptionLine({ version }: { version: ConceptVersionDetail }) {
  const { t, i18n } = useTranslation()
  if (version.status !== 'adopted') return <Text size="sm">{t('concept.draftHint')}</Text>
  const by = [
    version.adoptedBodyName,
    version.adoptedDecisionNumber &&
      t('concept.adoption.decisionNumber', { number: version.adoptedDecisionNumber }),
    version.adoptedReference,
  ]
    .filter(Boolean)
    .join(', ')
  return (
    <Text size="sm">
      {t('concept.adoption.line', { date: formatDay(version.adoptedOn ?? '', i18n.language), by })}
    </Text>
  )
}

function VersionView({ version }: { version: ConceptVersionDetail }) {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const manage = can('steering.manage')
  const editable = manage && version.status === 'draft'
  const language = exportLanguage(i18n.language)
  return (
    <Stack maw={1400} gap="lg">
      <Stack gap={4}>
        <Anchor component={Link} to="/steering/concept" size="sm">
          {t('concept.back')}
        </Anchor>
        <Group gap="sm">
          <Title order={2}>{version.title}</Title>
          <VersionStatus version={version} />
        </Group>
        <Text>{t('concept.versionNumber', { number: version.number })}</Text>
        <AdoptionLine version={version} />
        <Group gap="md" mt="xs">
          <Anchor href={`/api/concept/versions/${version.id}/document.docx?language=${language}`}>
            {t('concept.exportDocx')}
          </Anchor>
          <Anchor
            href={`/api/concept/versions/${version.id}/document.pdf?language=${language}`}
            target="_blank"
          >
            {t('concept.exportPdf')}
          </Anchor>
          {version.basedOnId && (
            <Anchor
              component={Link}
              to="/steering/concept/compare"
              search={(() => ({ from: version.basedOnId, to: version.id })) as never}
            >
              {t('concept.compare.withPrevious')}
            </Anchor>
          )}
        </Group>
      </Stack>

      <Stack gap="xs">
        <Title order={3}>{t('concept.sections.title')}</Title>
        <ConceptSections version={version} editable={editable} />
      </Stack>

      <Stack gap="xs">
        <Title order={3}>{t('concept.grid.title')}</Title>
        <ConceptGrid version={version} editable={editable} />
      </Stack>

      <Stack gap="xs">
        <Title order={3}>{t('concept.interfaces.title')}</Title>
        <ConceptInterfaces version={version} editable={editable} />
      </Stack>

      <Stack gap="xs">
        <Title order={3}>{t('concept.consultations.title')}</Title>
        <ConsultationList consultations={version.consultations} />
        {manage && <ConsultationForm version={version} />}
      </Stack>

      {editable && <ConceptAdoption version={version} />}
    </Stack>
  )
}

/** One version of the concept: sections, grid, interfaces, consultations; a draft is edited here. */
export function ConceptVersionPage({ versionId }: { versionId: string }) {
  const version = useQuery(conceptVersionQuery(versionId))
  return <QueryState query={version}>{(data) => <VersionView version={data} />}</QueryState>
}
