import { Anchor, Button, FileInput, Group, Stack, Table, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Case, CaseDocument } from '../../../../common/casework.ts'
import { apiUpload } from '../../api.ts'
import { statusColors } from '../../colors.ts'
import { QueryState } from '../../components/QueryState.tsx'
import { formatDateTime } from '../../i18n.ts'
import { ClosedNotice, canWrite } from '../casework/bits.tsx'
import { formatFileSize } from '../casework/format.ts'
import { useCaseworkProblems } from '../casework/problems.tsx'
import { caseworkKeys, documentsQuery } from '../casework/queries.ts'

function UploadForm({ item }: { item: Case }) {
  const { t } = useTranslation()
  const problems = useCaseworkProblems()
  const queryClient = useQueryClient()
  const [file, setFile] = useState<File | null>(null)
  const [notice, setNotice] = useState('')
  const upload = useMutation({
    mutationFn: (chosen: File) => {
      const form = new FormData()
      form.append('file', chosen, chosen.name)
      return apiUpload<CaseDocument[]>(`/cases/${item.id}/documents`, form)
    },
    onSuccess: (documents, chosen) => {
      queryClient.setQueryData(documentsQuery(item.id).queryKey, documents)
      void queryClient.invalidateQueries({ queryKey: caseworkKeys.caseRecord(item.id, 'timeline') })
      setNotice(t('casework.documents.uploaded', { name: chosen.name }))
      setFile(null)
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setNotice('')
    if (file) upload.mutate(file)
  }
  const error =
    problems.field(upload.error, 'file') ?? (upload.error ? problems.message(upload.error) : undefined)
  return (
    <Stack component="form" onSubmit={submit} gap="xs">
      <Group align="flex-start" gap="sm">
        <FileInput
          label={t('casework.documents.file')}
          description={t('casework.documents.allowed')}
          value={file}
          onChange={(chosen) => {
            setFile(chosen)
            setNotice('')
            upload.reset()
          }}
          error={error}
          clearable
          clearButtonProps={{ 'aria-label': t('casework.documents.clear') }}
          w={360}
        />
        <Button type="submit" loading={upload.isPending} disabled={!file} mt={47}>
          {t('casework.documents.upload')}
        </Button>
      </Group>
      <Text size="sm" role="status" c={statusColors.positive} fw={600}>
        {notice}
      </Text>
    </Stack>
  )
}

/** Files of the case: upload (case managers of an open case) and download (everyone who reads it). */
export function DocumentsTab({ item }: { item: Case }) {
  const { t, i18n } = useTranslation()
  const documents = useQuery(documentsQuery(item.id))
  return (
    <section aria-labelledby="documents-heading">
      <Title order={3} size="h4" id="documents-heading" mb="sm">
        {t('casework.tabs.documents')}
      </Title>
      <ClosedNotice item={item} />
      <Stack gap="md">
        {canWrite(item) && <UploadForm item={item} />}
        <QueryState query={documents}>
          {(list) =>
            list.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('casework.documents.none')}
              </Text>
            ) : (
              <Table withTableBorder striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('casework.documents.name')}</Table.Th>
                    <Table.Th scope="col">{t('casework.documents.size')}</Table.Th>
                    <Table.Th scope="col">{t('casework.documents.uploadedAt')}</Table.Th>
                    <Table.Th scope="col">{t('casework.documents.uploadedBy')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((document) => (
                    <Table.Tr key={document.id}>
                      <Table.Td>
                        <Anchor
                          href={`/api/cases/${item.id}/documents/${document.id}`}
                          download={document.fileName}
                        >
                          {document.fileName}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{formatFileSize(document.sizeBytes, i18n.language)}</Table.Td>
                      <Table.Td>{formatDateTime(document.uploadedAt, i18n.language)}</Table.Td>
                      <Table.Td>{document.uploadedBy}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )
          }
        </QueryState>
      </Stack>
    </section>
  )
}
