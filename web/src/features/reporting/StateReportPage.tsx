import { Button, Group, NativeSelect, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { districtToday } from '../../district-time.ts'

/** Complete years and the current one (its complete months): the years a report to the state covers. */
function years(today: string): string[] {
  const current = Number(today.slice(0, 4))
  const first = today.slice(5, 7) === '01' ? current - 1 : current
  return Array.from({ length: 6 }, (_, index) => String(first - index))
}

/**
 * The report to the state (KIM monitoring, Sachbericht): pick the year, download XLSX or CSV.
 * The server computes, protects and audits each download; this page only links to it.
 */
export function StateReportPage() {
  const { t } = useTranslation()
  const options = years(districtToday())
  const [year, setYear] = useState(options[0] as string)
  return (
    <Stack gap="md" maw={640}>
      <Title order={2}>{t('reporting.stateReport.title')}</Title>
      <Text>{t('reporting.stateReport.intro')}</Text>
      <NativeSelect
        label={t('reporting.stateReport.year')}
        data={options}
        value={year}
        onChange={(event) => setYear(event.currentTarget.value)}
        w={200}
      />
      <Group>
        <Button component="a" href={`/api/state-reports/${year}.xlsx`} download>
          {t('reporting.stateReport.xlsx')}
        </Button>
        <Button component="a" variant="default" href={`/api/state-reports/${year}.csv`} download>
          {t('reporting.stateReport.csv')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('reporting.stateReport.note')}
      </Text>
    </Stack>
  )
}
