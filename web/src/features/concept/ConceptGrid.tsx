import { Button, Group, NativeSelect, Select, Stack, Table, Text, VisuallyHidden } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ConceptVersionDetail, GridRole } from '../../../../common/concept.ts'
import { apiSend } from '../../api.ts'
import { FormProblem } from '../../components/FormProblem.tsx'
import { useVersionChange } from './queries.ts'
import { ScrollRegion } from './ScrollRegion.tsx'

const cellKey = (domain: string, organisationId: string) => `${domain}|${organisationId}`
const symbols: Record<GridRole, string> = { responsible: '●', contributing: '○', none: '' }

/** The actors the grid shows: those with a role anywhere, in the order of the district's list. */
function actorsWithRoles(version: ConceptVersionDetail, roles: Map<string, GridRole>, added: string[]) {
  const used = new Set(
    [...roles.entries()].filter(([, role]) => role !== 'none').map(([key]) => key.split('|')[1]),
  )
  return version.grid.actors.filter((actor) => used.has(actor.id) || added.includes(actor.id))
}

/**
 * The grid (Raster) of life domains × actors. Read: a dot for the lead, a ring for contributing.
 * Edit: a choice per cell; an actor is added as a column, and one without any role drops out.
 */
export function ConceptGrid({ version, editable }: { version: ConceptVersionDetail; editable: boolean }) {
  const { t } = useTranslation()
  const initial = () =>
    new Map<string, GridRole>(
      version.grid.cells.map((cell) => [cellKey(cell.domain, cell.organisationId), cell.role]),
    )
  const [editing, setEditing] = useState(false)
  const [roles, setRoles] = useState(initial)
  const [added, setAdded] = useState<string[]>([])
  const save = useVersionChange(
    version.id,
    (cells: { domain: string; organisationId: string; role: GridRole }[]) =>
      apiSend<ConceptVersionDetail>('PUT', `/concept/versions/${version.id}/grid`, { cells }),
  )
  const shown = editing ? roles : initial()
  const actors = actorsWithRoles(version, shown, editing ? added : [])
  const others = version.grid.actors.filter((actor) => !actors.some((each) => each.id === actor.id))
  const roleLabel = (role: GridRole) => t(`concept.grid.roles.${role}`)
  const submit = () => {
    const cells = [...roles.entries()]
      .filter(([, role]) => role !== 'none')
      .map(([key, role]) => {
        const [domain, organisationId] = key.split('|') as [string, string]
        return { domain, organisationId, role }
      })
    save.mutate(cells, {
      onSuccess: () => {
        setEditing(false)
        setAdded([])
      },
    })
  }
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('concept.grid.legend')}
      </Text>
      {actors.length === 0 && !editing ? (
        <Text c="dimmed">{t('concept.grid.empty')}</Text>
      ) : (
        <ScrollRegion label={t('concept.grid.title')} minWidth={240 + actors.length * 120}>
          <Table withTableBorder withColumnBorders striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('concept.grid.domain')}</Table.Th>
                {actors.map((actor) => (
                  <Table.Th key={actor.id} fz="xs" style={{ verticalAlign: 'bottom' }}>
                    {actor.name}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {version.grid.domains.map((domain) => (
                <Table.Tr key={domain}>
                  <Table.Th scope="row" fw={500}>
                    {t(`casework.domains.${domain}`)}
                  </Table.Th>
                  {actors.map((actor) => {
                    const role = shown.get(cellKey(domain, actor.id)) ?? 'none'
                    return (
                      <Table.Td key={actor.id} ta="center">
                        {editing ? (
                          <NativeSelect
                            size="xs"
                            aria-label={t('concept.grid.cellOf', {
                              domain: t(`casework.domains.${domain}`),
                              actor: actor.name,
                            })}
                            data={(['none', 'contributing', 'responsible'] as const).map((value) => ({
                              value,
                              label: roleLabel(value),
                            }))}
                            value={role}
                            onChange={(event) => {
                              const value = event.currentTarget.value as GridRole
                              setRoles((current) => new Map(current).set(cellKey(domain, actor.id), value))
                            }}
                          />
                        ) : role === 'none' ? null : (
                          <>
                            <span aria-hidden="true">{symbols[role]}</span>
                            <VisuallyHidden>{roleLabel(role)}</VisuallyHidden>
                          </>
                        )}
                      </Table.Td>
                    )
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
      {editing && (
        <Group align="flex-end">
          <Select
            label={t('concept.grid.addActor')}
            data={others.map((actor) => ({ value: actor.id, label: actor.name }))}
            value={null}
            onChange={(value) => value && setAdded((current) => [...current, value])}
            searchable
            w={360}
          />
        </Group>
      )}
      <FormProblem error={save.error} />
      {editable && (
        <Group>
          {editing ? (
            <>
              <Button onClick={submit} loading={save.isPending}>
                {t('concept.grid.save')}
              </Button>
              <Button
                variant="subtle"
                onClick={() => {
                  setEditing(false)
                  setRoles(initial())
                  setAdded([])
                }}
              >
                {t('concept.cancel')}
              </Button>
            </>
          ) : (
            <Button
              variant="light"
              onClick={() => {
                setRoles(initial())
                setEditing(true)
              }}
            >
              {t('concept.grid.edit')}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  )
}
