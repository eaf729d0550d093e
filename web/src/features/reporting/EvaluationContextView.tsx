import { Badge, Card, Stack, Table, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { EvaluationContext } from '../../../../common/evaluation-context.ts'
import type { IndicatorStatus } from '../../../../common/goals.ts'
import { statusColors } from '../../colors.ts'
import { formatDate, formatNumber } from '../../i18n.ts'

type Language = 'de' | 'en'
const number = (value: number | null, language: string) =>
  value === null ? '–' : formatNumber(value, language)
const right = { textAlign: 'right' } as const

/** Keys for rows that may repeat (two contracts of one position ending the same day): the row, then its occurrence. */
function keyed<T>(items: readonly T[], keyOf: (item: T) => string): (T & { key: string })[] {
  const seen = new Map<string, number>()
  return items.map((item) => {
    const base = keyOf(item)
    const count = (seen.get(base) ?? 0) + 1
    seen.set(base, count)
    return { ...item, key: `${base}#${count}` }
  })
}

// The goals' colours, kept here so this page loads no text of the goals feature.
const statusColor: Record<IndicatorStatus, string> = {
  on_track: statusColors.positive,
  at_risk: statusColors.warning,
  off_track: statusColors.negative,
  no_data: statusColors.neutral,
}

/** On track, at risk, off track or no data: in words, never in colour alone. */
function Status({ status }: { status: IndicatorStatus }) {
  const { t } = useTranslation()
  return (
    <Badge color={statusColor[status]} variant="filled" style={{ flexShrink: 0 }} miw="fit-content">
      {t(`reporting.goalStatuses.${status}`)}
    </Badge>
  )
}

function Staffing({ staffing, language }: { staffing: EvaluationContext['staffing']; language: Language }) {
  const { t } = useTranslation()
  return (
    <Card withBorder component="section" aria-labelledby="evaluation-staffing">
      <Title order={4} size="h5" id="evaluation-staffing" mb="xs">
        {t('reporting.evaluations.context.staffing', { date: formatDate(staffing.asOf, language) })}
      </Title>
      <Stack gap="sm">
        <Table.ScrollContainer minWidth={560}>
          <Table striped withTableBorder fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('reporting.dimensions.baustein')}</Table.Th>
                <Table.Th scope="col" style={right}>
                  {t('reporting.evaluations.context.positions')}
                </Table.Th>
                <Table.Th scope="col" style={right}>
                  {t('reporting.evaluations.context.fte')}
                </Table.Th>
                <Table.Th scope="col" style={right}>
                  {t('reporting.evaluations.context.filled')}
                </Table.Th>
                <Table.Th scope="col" style={right}>
                  {t('reporting.evaluations.context.vacant')}
                </Table.Th>
                <Table.Th scope="col" style={right}>
                  {t('reporting.evaluations.context.inRecruitment')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {staffing.bausteine.map((row) => (
                <Table.Tr key={row.baustein}>
                  <Table.Th scope="row" fw={400}>
                    {t(`reporting.bausteine.${row.baustein}`)}
                  </Table.Th>
                  <Table.Td style={right}>{number(row.positions, language)}</Table.Td>
                  <Table.Td style={right}>{number(row.fte, language)}</Table.Td>
                  <Table.Td style={right}>{number(row.filledFte, language)}</Table.Td>
                  <Table.Td style={right}>{number(row.vacantFte, language)}</Table.Td>
                  <Table.Td style={right}>{number(row.inRecruitment, language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="sm">
          {staffing.caseloadPerFte === null
            ? t('reporting.evaluations.context.caseloadWithheld')
            : t('reporting.evaluations.context.caseload', {
                value: number(staffing.caseloadPerFte, language),
              })}
        </Text>
        <Title order={5} size="h6" id="evaluation-contracts-ending">
          {t('reporting.evaluations.context.contractsEnding')}
        </Title>
        {staffing.contractsEnding.length === 0 ? (
          <Text size="sm">{t('reporting.evaluations.context.noContractsEnding')}</Text>
        ) : (
          <Table striped withTableBorder fz="sm" aria-labelledby="evaluation-contracts-ending">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('reporting.evaluations.context.position')}</Table.Th>
                <Table.Th scope="col">{t('reporting.dimensions.baustein')}</Table.Th>
                <Table.Th scope="col" style={right}>
                  {t('reporting.evaluations.context.fte')}
                </Table.Th>
                <Table.Th scope="col">{t('reporting.evaluations.context.endsOn')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keyed(staffing.contractsEnding, (row) => `${row.position}-${row.endsOn}`).map((row) => (
                <Table.Tr key={row.key}>
                  <Table.Th scope="row" fw={400}>
                    {row.position}
                  </Table.Th>
                  <Table.Td>{row.baustein}</Table.Td>
                  <Table.Td style={right}>{number(row.fte, language)}</Table.Td>
                  <Table.Td>{formatDate(row.endsOn, language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  )
}

function Steering({ steering, language }: { steering: EvaluationContext['steering']; language: Language }) {
  const { t } = useTranslation()
  return (
    <Card withBorder component="section" aria-labelledby="evaluation-steering">
      <Title order={4} size="h5" id="evaluation-steering" mb="xs">
        {t('reporting.evaluations.context.steering')}
      </Title>
      <Stack gap="sm">
        <Text size="sm">
          {t('reporting.evaluations.context.steeringTotals', {
            meetings: number(steering.meetings, language),
            decisions: number(steering.decisions, language),
          })}
        </Text>
        {steering.bodies.length > 0 && (
          <Table striped withTableBorder fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('reporting.evaluations.context.body')}</Table.Th>
                <Table.Th scope="col" style={right}>
                  {t('reporting.evaluations.context.meetings')}
                </Table.Th>
                <Table.Th scope="col" style={right}>
                  {t('reporting.evaluations.context.decisions')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {steering.bodies.map((body) => (
                <Table.Tr key={body.name}>
                  <Table.Th scope="row" fw={400}>
                    {body.name}
                  </Table.Th>
                  <Table.Td style={right}>{number(body.meetings, language)}</Table.Td>
                  <Table.Td style={right}>{number(body.decisions, language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  )
}

function Goals({ goals, language }: { goals: EvaluationContext['goals']; language: Language }) {
  const { t } = useTranslation()
  return (
    <Card withBorder component="section" aria-labelledby="evaluation-goals">
      <Title order={4} size="h5" id="evaluation-goals" mb="xs">
        {t('reporting.evaluations.context.goals')}
      </Title>
      {goals.length === 0 ? (
        <Text size="sm">{t('reporting.evaluations.context.noGoals')}</Text>
      ) : (
        <Stack gap="md">
          {keyed(goals, (goal) => goal.title).map((goal) => (
            <Stack key={goal.key} gap={6}>
              <Text fw={600} size="sm">
                {goal.title} <Status status={goal.status} />
              </Text>
              {goal.indicators.length > 0 && (
                <Table striped withTableBorder fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('reporting.evaluations.context.indicator')}</Table.Th>
                      <Table.Th scope="col" style={right}>
                        {t('reporting.evaluations.context.actual')}
                      </Table.Th>
                      <Table.Th scope="col" style={right}>
                        {t('reporting.evaluations.context.target')}
                      </Table.Th>
                      <Table.Th scope="col">{t('reporting.evaluations.context.unit')}</Table.Th>
                      <Table.Th scope="col">{t('reporting.dimensions.goal-status')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {keyed(goal.indicators, (indicator) => indicator.name).map((indicator) => (
                      <Table.Tr key={indicator.key}>
                        <Table.Th scope="row" fw={400}>
                          {indicator.name}
                        </Table.Th>
                        <Table.Td style={right}>{number(indicator.actual, language)}</Table.Td>
                        <Table.Td style={right}>{number(indicator.target, language)}</Table.Td>
                        <Table.Td>{indicator.unit[language]}</Table.Td>
                        <Table.Td>
                          <Status status={indicator.status} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Stack>
          ))}
        </Stack>
      )}
    </Card>
  )
}

/** What the evaluation froze beside its figures: staffing, steering activity, goal agreements. */
export function EvaluationContextView({ context }: { context: EvaluationContext }) {
  const { t, i18n } = useTranslation()
  const language = (i18n.language === 'en' ? 'en' : 'de') as Language
  return (
    <Stack component="section" aria-labelledby="evaluation-context" gap="sm">
      <Title order={3} size="h4" id="evaluation-context">
        {t('reporting.evaluations.context.title')}
      </Title>
      <Staffing staffing={context.staffing} language={language} />
      <Steering steering={context.steering} language={language} />
      <Goals goals={context.goals} language={language} />
    </Stack>
  )
}
