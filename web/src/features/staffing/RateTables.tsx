import { Button, Table, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import type { fundingRateSchema, payGradeSchema } from '../../../../common/staffing.ts'
import { apiGet } from '../../api.ts'
import { QueryState } from '../../components/QueryState.tsx'
import { useCan } from '../../session.tsx'
import { formatDay } from '../casework/format.ts'
import { fteFormat, numberFormat, staffingKeys } from './queries.ts'
import { CloseRateForm, FundingRateForm, PayGradeForm } from './RateForms.tsx'

type FundingRate = z.infer<typeof fundingRateSchema>
type PayGrade = z.infer<typeof payGradeSchema>

/** The two dated tables the budget is computed from: funding rates and pay-grade costs. */
export function RateTables() {
  const { t, i18n } = useTranslation()
  const rates = useQuery({
    queryKey: [...staffingKeys.all, 'funding-rates'],
    queryFn: ({ signal }) => apiGet<{ items: FundingRate[] }>('/funding-rates', signal),
  })
  const grades = useQuery({
    queryKey: [...staffingKeys.all, 'pay-grades'],
    queryFn: ({ signal }) => apiGet<{ items: PayGrade[] }>('/pay-grades', signal),
  })
  const manage = useCan()('staffing.manage')
  const [closing, setClosing] = useState<string | null>(null)
  const euro = (value: number) => `${numberFormat(i18n.language).format(value)} €`
  const day = (value: string | null) => formatDay(value, i18n.language)
  return (
    <>
      <section aria-labelledby="budget-rates">
        <Title order={3} size="h4" id="budget-rates" mb="sm">
          {t('staffing.rates.fundingTitle')}
        </Title>
        <QueryState query={rates}>
          {({ items }) => (
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('staffing.position.baustein')}</Table.Th>
                  <Table.Th scope="col">{t('staffing.rates.amount')}</Table.Th>
                  <Table.Th scope="col">{t('staffing.rates.validity')}</Table.Th>
                  {manage && <Table.Th scope="col">{t('staffing.rateForm.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((rate) => (
                  <Table.Tr key={rate.id}>
                    <Table.Td>{t(`staffing.bausteine.${rate.baustein}`)}</Table.Td>
                    <Table.Td>
                      {rate.kind === 'workplace-once'
                        ? t('staffing.rates.once', { amount: euro(rate.amount) })
                        : t('staffing.rates.perFte', {
                            amount: euro(rate.amount),
                            fte: fteFormat(rate.fteBasis, i18n.language),
                          })}
                    </Table.Td>
                    <Table.Td>
                      {day(rate.validFrom)} – {day(rate.validUntil)}
                    </Table.Td>
                    {manage && (
                      <Table.Td>
                        {closing === rate.id ? (
                          <CloseRateForm
                            rateId={rate.id}
                            validUntil={rate.validUntil}
                            onDone={() => setClosing(null)}
                          />
                        ) : (
                          <Button variant="subtle" size="xs" onClick={() => setClosing(rate.id)}>
                            {t('staffing.rateForm.close')}
                          </Button>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </QueryState>
        {manage && <FundingRateForm />}
      </section>
      <section aria-labelledby="budget-grades">
        <Title order={3} size="h4" id="budget-grades" mb="sm">
          {t('staffing.rates.payGradeTitle')}
        </Title>
        <QueryState query={grades}>
          {({ items }) => (
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('staffing.position.payGrade')}</Table.Th>
                  <Table.Th scope="col">{t('staffing.rates.annualCost')}</Table.Th>
                  <Table.Th scope="col">{t('staffing.rates.validity')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((grade) => (
                  <Table.Tr key={grade.id}>
                    <Table.Td>{grade.payGrade}</Table.Td>
                    <Table.Td>{euro(grade.annualCost)}</Table.Td>
                    <Table.Td>
                      {day(grade.validFrom)} –{' '}
                      {grade.validUntil ? day(grade.validUntil) : t('staffing.rates.open')}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </QueryState>
        {manage && <PayGradeForm />}
      </section>
    </>
  )
}
