import { Button, Group, Select, Stack, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useDisclosure } from '@mantine/hooks'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { savedViewInputSchema } from '../../../../common/casework.ts'
import { apiSend } from '../../api.ts'
import { Dialog } from '../../components/Dialog.tsx'
import { maxLengthOf, useSchemaValidator } from '../../schema-form.ts'
import { type CaseListSearch, parseCaseListSearch, viewFilters } from '../cases/case-search.ts'
import {
  CaseworkFormProblem,
  focusFirstInvalid,
  useCaseworkProblems,
  useFieldError,
} from '../casework/problems.tsx'
import { caseworkKeys, type SavedView, savedViewsQuery } from '../casework/queries.ts'

const sameFilters = (a: Record<string, unknown>, b: Record<string, unknown>) => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  return [...keys].every((key) => String(a[key] ?? '') === String(b[key] ?? ''))
}

type ViewValues = { name: string }

function SaveViewForm({ search, onDone }: { search: CaseListSearch; onDone: () => void }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const formRef = useRef<HTMLFormElement>(null)
  const viewInput = (values: ViewValues) => ({ name: values.name, filters: viewFilters(search) })
  const form = useForm<ViewValues>({
    initialValues: { name: '' },
    validate: useSchemaValidator(savedViewInputSchema, viewInput),
  })
  const save = useMutation({
    mutationFn: (body: ReturnType<typeof viewInput>) => apiSend<SavedView>('POST', '/case-views', body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: caseworkKeys.views })
      onDone()
    },
  })
  const submit = form.onSubmit(
    (values) => save.mutate(viewInput(values)),
    () => focusFirstInvalid(formRef.current),
  )
  const fieldError = useFieldError<ViewValues>(form.errors, save.error)
  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <CaseworkFormProblem error={save.error} shown={['name']} />
        <TextInput
          label={t('casework.views.name')}
          description={t('casework.views.nameHint')}
          required
          maxLength={maxLengthOf(savedViewInputSchema, 'name')}
          data-autofocus
          {...form.getInputProps('name')}
          error={fieldError('name')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('casework.views.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** Saved filter sets of the case list: pick one to apply it, save the current filters, delete one. */
export function SavedViews({
  search,
  onApply,
}: {
  search: CaseListSearch
  onApply: (search: CaseListSearch) => void
}) {
  const { t } = useTranslation()
  const problems = useCaseworkProblems()
  const queryClient = useQueryClient()
  const views = useQuery(savedViewsQuery)
  const [saving, { open, close }] = useDisclosure(false)
  const current = viewFilters(search)
  const active = views.data?.find((view) => sameFilters(view.filters, current))
  const remove = useMutation({
    mutationFn: (viewId: string) => apiSend('DELETE', `/case-views/${viewId}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: caseworkKeys.views }),
  })
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <Select
        label={t('casework.views.label')}
        placeholder={views.data?.length ? t('casework.views.choose') : t('casework.views.none')}
        data={(views.data ?? []).map((view) => ({ value: view.id, label: view.name }))}
        value={active?.id ?? null}
        onChange={(viewId) => {
          const view = views.data?.find((entry) => entry.id === viewId)
          if (view) onApply(parseCaseListSearch(view.filters))
        }}
        disabled={!views.data?.length}
        w={260}
        error={problems.message(remove.error)}
      />
      {active && (
        <Button
          variant="default"
          onClick={() => remove.mutate(active.id)}
          loading={remove.isPending}
          aria-label={t('casework.views.deleteNamed', { name: active.name })}
        >
          {t('casework.views.delete')}
        </Button>
      )}
      <Button variant="default" onClick={open}>
        {t('casework.views.saveCurrent')}
      </Button>
      <Dialog opened={saving} onClose={close} title={t('casework.views.saveTitle')}>
        <SaveViewForm search={search} onDone={close} />
      </Dialog>
    </Group>
  )
}
