import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Progress,
  Radio,
  Select,
  Stack,
  Stepper,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type AnyImportField,
  countImportFields,
  type DryRun,
  type Import,
  type ImportEncoding,
  type ImportKind,
  type ImportRow,
  importEncodings,
  importFields,
  importKinds,
} from '../../../../common/import.ts'
import { ApiError, apiGet, apiSend, apiUpload } from '../../api.ts'
import { statusColors } from '../../colors.ts'

type Page = { rows: ImportRow[]; total: number }

/**
 * Moving in: a coordinator imports a case list from Excel or CSV in four steps: upload, mapping
 * of columns to fields, preview with every problem and a dry run, the run with a progress bar, and
 * the error report of every row that was not imported.
 */
export function ImportPage() {
  const { t, i18n } = useTranslation()
  const [file, setFile] = useState<File | null>(null)
  const [kind, setKind] = useState<ImportKind>('cases')
  const [current, setCurrent] = useState<Import | null>(null)
  const [columns, setColumns] = useState<Record<string, AnyImportField>>({})
  const [encoding, setEncoding] = useState<ImportEncoding | null>(null)
  const [preview, setPreview] = useState<Page | null>(null)
  const [dryRun, setDryRun] = useState<DryRun | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const fail = (caught: unknown) =>
    setError(caught instanceof ApiError ? caught.messageIn(i18n.language) : String(caught))
  const step = !current
    ? 0
    : current.status === 'completed'
      ? 3
      : current.status === 'running' || dryRun
        ? 2
        : 1

  const work = async (action: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await action()
    } catch (caught) {
      fail(caught)
    } finally {
      setBusy(false)
    }
  }

  const loadPreview = async (id: string) =>
    setPreview(await apiGet<Page>(`/imports/${id}/rows?show=problems&limit=200`))

  const upload = () =>
    work(async () => {
      if (!file) return
      const form = new FormData()
      form.append('file', file)
      const created = await apiUpload<Import>(`/imports?kind=${kind}`, form)
      setCurrent(created)
      setColumns(created.mapping)
      setEncoding(created.encoding)
      setPreview(null)
      setDryRun(null)
    })

  const duplicateField = (() => {
    const fields = Object.values(columns)
    return fields.find((field, index) => fields.indexOf(field) !== index)
  })()

  const saveMapping = () =>
    work(async () => {
      if (!current) return
      const saved = await apiSend<Import>('PUT', `/imports/${current.id}/mapping`, {
        columns,
        ...(current.format === 'csv' && encoding ? { encoding } : {}),
      })
      setCurrent(saved)
      setDryRun(null)
      await loadPreview(saved.id)
    })

  const runDry = () =>
    work(async () => {
      if (!current) return
      setDryRun(await apiSend<DryRun>('POST', `/imports/${current.id}/dry-run`))
      setCurrent(await apiGet<Import>(`/imports/${current.id}`))
      await loadPreview(current.id)
    })

  const decide = (row: number, decision: 'same' | 'other') =>
    work(async () => {
      if (!current) return
      setCurrent(await apiSend<Import>('PUT', `/imports/${current.id}/rows/${row}/match`, { decision }))
      setDryRun(await apiSend<DryRun>('POST', `/imports/${current.id}/dry-run`))
      await loadPreview(current.id)
    })

  const run = () =>
    work(async () => {
      if (!current) return
      let state = await apiSend<Import>('POST', `/imports/${current.id}/run`)
      setCurrent(state)
      // Each call runs batches for a while and answers with the progress; the next one continues.
      while (state.status !== 'completed') {
        state = await apiSend<Import>('POST', `/imports/${current.id}/run`)
        setCurrent(state)
      }
      await loadPreview(current.id)
    })

  const discard = () =>
    work(async () => {
      if (!current) return
      await apiSend<void>('DELETE', `/imports/${current.id}`)
      restart()
    })

  const restart = () => {
    setFile(null)
    setCurrent(null)
    setPreview(null)
    setDryRun(null)
    setError(null)
  }

  const fieldOptions = [
    { value: '', label: t('imports.mapping.none') },
    ...(current?.kind === 'counts' ? countImportFields : importFields).map((field) => ({
      value: field,
      label: t(`imports.fields.${field}`),
    })),
  ]
  const done = current ? current.imported + current.rejected + current.duplicates : 0

  return (
    <Stack gap="lg" maw={1100}>
      <Title order={2}>{t('imports.title')}</Title>
      <Text maw={760}>{t('imports.intro')}</Text>
      <Stepper active={step} size="sm" allowNextStepsSelect={false}>
        <Stepper.Step label={t('imports.steps.upload')} />
        <Stepper.Step label={t('imports.steps.mapping')} />
        <Stepper.Step label={t('imports.steps.run')} />
        <Stepper.Step label={t('imports.steps.report')} />
      </Stepper>
      {error && (
        <Alert color="red" role="alert" title={t('imports.error')}>
          {error}
        </Alert>
      )}

      {!current && (
        <Radio.Group
          label={t('imports.kind.label')}
          value={kind}
          onChange={(value) => setKind(value as ImportKind)}
        >
          <Stack gap="xs" mt="xs">
            {importKinds.map((value) => (
              <Radio key={value} value={value} label={t(`imports.kind.${value}`)} />
            ))}
          </Stack>
        </Radio.Group>
      )}
      {(current?.kind ?? kind) === 'counts' && <Text maw={760}>{t('imports.countsIntro')}</Text>}

      {!current && (
        <Group align="end">
          <FileInput
            label={t('imports.upload.file')}
            description={t('imports.upload.hint')}
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            value={file}
            onChange={setFile}
            w={420}
          />
          <Button onClick={upload} disabled={!file} loading={busy}>
            {t('imports.upload.submit')}
          </Button>
        </Group>
      )}

      {current && (
        <Stack gap="sm">
          <Text>
            {t('imports.file', {
              name: current.fileName,
              rows: current.rows,
              header: current.headerRow,
            })}
          </Text>
          {current.format === 'csv' && (
            <Group>
              <Select
                label={t('imports.encoding.label')}
                description={t('imports.encoding.hint')}
                data={importEncodings.map((value) => ({ value, label: t(`imports.encoding.${value}`) }))}
                value={encoding}
                onChange={(value) => setEncoding(value as ImportEncoding)}
                allowDeselect={false}
                disabled={current.status === 'running' || current.status === 'completed'}
                w={320}
              />
              <Text size="sm" mt="lg">
                {t('imports.delimiter', {
                  delimiter: current.delimiter === '\t' ? 'Tab' : current.delimiter,
                })}
              </Text>
            </Group>
          )}
        </Stack>
      )}

      {current && current.status !== 'completed' && current.status !== 'running' && (
        <Stack gap="sm">
          <Title order={3}>{t('imports.mapping.title')}</Title>
          {current.mappingSuggested && <Text size="sm">{t('imports.mapping.suggested')}</Text>}
          <Table withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('imports.mapping.column')}</Table.Th>
                <Table.Th>{t('imports.mapping.field')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {current.headers.map((header, index) => {
                const key = String(index)
                const name = header || t('imports.mapping.unnamed', { number: index + 1 })
                return (
                  <Table.Tr key={key}>
                    <Table.Td>{name}</Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={t('imports.mapping.fieldOf', { column: name })}
                        data={fieldOptions}
                        value={columns[key] ?? ''}
                        allowDeselect={false}
                        onChange={(value) => {
                          const next = { ...columns }
                          if (value) next[key] = value as AnyImportField
                          else delete next[key]
                          setColumns(next)
                        }}
                        error={
                          columns[key] !== undefined && columns[key] === duplicateField
                            ? t('imports.mapping.twice')
                            : undefined
                        }
                      />
                    </Table.Td>
                  </Table.Tr>
                )
              })}
            </Table.Tbody>
          </Table>
          <Group>
            <Button onClick={saveMapping} loading={busy} disabled={duplicateField !== undefined}>
              {t('imports.mapping.save')}
            </Button>
            {current.check && (
              <Button variant="default" onClick={runDry} loading={busy}>
                {t('imports.dryRun.submit')}
              </Button>
            )}
            <Button variant="subtle" color={statusColors.negative} onClick={discard} disabled={busy}>
              {t('imports.discard')}
            </Button>
          </Group>
        </Stack>
      )}

      {current?.check && (
        <Group gap="xs">
          <Badge color={statusColors.positive}>
            {t('imports.check.valid', { count: current.check.valid })}
          </Badge>
          <Badge color={statusColors.negative}>
            {t('imports.check.invalid', { count: current.check.invalid })}
          </Badge>
          <Badge color={statusColors.neutral}>
            {t('imports.check.duplicate', { count: current.check.duplicate })}
          </Badge>
          {current.kind === 'cases' && (
            <Badge color={statusColors.warning}>
              {t('imports.check.match', { count: current.check.match })}
            </Badge>
          )}
        </Group>
      )}

      {dryRun && current?.status !== 'completed' && (
        <Stack gap="xs">
          <Title order={3}>{t('imports.dryRun.title')}</Title>
          <Text>{t('imports.dryRun.result', dryRun)}</Text>
          {dryRun.undecided > 0 && (
            <Text size="sm">{t('imports.dryRun.undecided', { count: dryRun.undecided })}</Text>
          )}
          <Group>
            <Button onClick={run} loading={busy}>
              {t('imports.run.submit')}
            </Button>
          </Group>
        </Stack>
      )}

      {current && (current.status === 'running' || current.status === 'completed') && (
        <Stack gap="xs">
          <Title order={3}>{t('imports.run.title')}</Title>
          <Progress
            value={current.rows === 0 ? 100 : (done / current.rows) * 100}
            aria-label={t('imports.run.progress')}
            size="lg"
          />
          <Text role="status">
            {t('imports.run.totals', {
              rows: current.rows,
              imported: current.imported,
              rejected: current.rejected,
              duplicates: current.duplicates,
              pending: current.pending,
            })}
          </Text>
          {current.status === 'completed' && (
            <Group>
              <Anchor href={`/api/imports/${current.id}/errors.csv`} download>
                {t('imports.report.download')}
              </Anchor>
              <Button variant="default" onClick={restart}>
                {t('imports.restart')}
              </Button>
            </Group>
          )}
        </Stack>
      )}

      {preview && preview.rows.length > 0 && (
        <Stack gap="xs">
          <Title order={3}>{t('imports.preview.title', { count: preview.total })}</Title>
          <Table withTableBorder striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('imports.preview.row')}</Table.Th>
                <Table.Th>{t('imports.preview.values')}</Table.Th>
                <Table.Th>{t('imports.preview.problems')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.rows.map((row) => (
                <Table.Tr key={row.rowNumber}>
                  <Table.Td>{row.rowNumber}</Table.Td>
                  <Table.Td>{row.cells.filter(Boolean).join(' · ')}</Table.Td>
                  <Table.Td>
                    <Stack gap={4}>
                      {row.problems.map((problem) => (
                        <Text size="sm" key={`${problem.column}-${problem.code}`}>
                          {problem.column !== null ? `${current?.headers[problem.column] ?? ''}: ` : ''}
                          {t(`imports.problems.${problem.code}`)}
                        </Text>
                      ))}
                      {row.outcome === 'duplicate' && row.reason === 'match-unconfirmed' && (
                        <Text size="sm">{t('imports.problems.match-unconfirmed')}</Text>
                      )}
                      {row.match && (
                        <Group gap="xs">
                          <Text size="sm">
                            {t('imports.match.found', { score: Math.round(row.match.score * 100) })}
                          </Text>
                          {row.match.decision ? (
                            <Badge color={statusColors.neutral}>
                              {t(`imports.match.${row.match.decision}`)}
                            </Badge>
                          ) : (
                            current?.status !== 'completed' && (
                              <>
                                <Button size="compact-xs" onClick={() => decide(row.rowNumber, 'same')}>
                                  {t('imports.match.confirm')}
                                </Button>
                                <Button
                                  size="compact-xs"
                                  variant="default"
                                  onClick={() => decide(row.rowNumber, 'other')}
                                >
                                  {t('imports.match.reject')}
                                </Button>
                              </>
                            )
                          )}
                        </Group>
                      )}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Stack>
  )
}
