import { Anchor, Table } from '@mantine/core'
import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import type { District } from '../../../../common/districts.ts'
import { formatNumber } from '../../i18n.ts'

export function DistrictTable({ districts, caption }: { districts: District[]; caption: string }) {
  const { t, i18n } = useTranslation()
  return (
    <Table striped withTableBorder>
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('districts.name')}</Table.Th>
          <Table.Th scope="col">{t('districts.code')}</Table.Th>
          <Table.Th scope="col">{t('districts.kind')}</Table.Th>
          <Table.Th scope="col" ta="right">
            {t('districts.municipalities')}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {districts.map((district) => (
          <Table.Tr key={district.id}>
            <Table.Td>
              <Anchor component={Link} to={`/districts/${district.id}`}>
                {district.name}
              </Anchor>
            </Table.Td>
            <Table.Td>{district.code}</Table.Td>
            <Table.Td>{t(`districts.kind_${district.kind}`)}</Table.Td>
            <Table.Td ta="right">{formatNumber(district.municipalityCount, i18n.language)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}
