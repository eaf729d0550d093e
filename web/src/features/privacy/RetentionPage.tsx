import { Divider, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { QueryState } from '../../components/QueryState.tsx'
import { useCan } from '../../session.tsx'
import { ErasureForm } from './ErasureForm.tsx'
import { LegalHolds } from './LegalHolds.tsx'
import { PreviewPanel } from './PreviewPanel.tsx'
import { legalHoldsQuery, retentionPreviewQuery, retentionRulesQuery } from './queries.ts'
import { RulesEditor } from './RulesEditor.tsx'

/** Retention rules, the preview of the next run, legal holds and erasure on request (DPO, admin). */
export function RetentionPage() {
  const { t } = useTranslation()
  const can = useCan()
  const rules = useQuery(retentionRulesQuery)
  const preview = useQuery(retentionPreviewQuery)
  const holds = useQuery(legalHoldsQuery)
  return (
    <Stack gap="lg" maw={1100}>
      <Title order={2}>{t('privacy.title')}</Title>
      <Text maw={760}>{t('privacy.intro')}</Text>
      <QueryState query={rules}>{(data) => <RulesEditor rules={data} />}</QueryState>
      <Divider />
      <QueryState query={preview}>{(data) => <PreviewPanel preview={data} />}</QueryState>
      <Divider />
      <QueryState query={holds}>
        {(data) => <LegalHolds holds={data.items} canLift={can('legal-hold.lift')} />}
      </QueryState>
      {can('person.erase') && (
        <>
          <Divider />
          <ErasureForm />
        </>
      )}
    </Stack>
  )
}
