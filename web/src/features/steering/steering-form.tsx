import { Button, Group } from '@mantine/core'
import { type UseFormReturnType, useForm } from '@mantine/form'
import { useMutation } from '@tanstack/react-query'
import { type ReactNode, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSchemaValidator } from '../../schema-form.ts'
import { CaseworkFormProblem, focusFirstInvalid, useFieldError } from '../casework/problems.tsx'

type SchemaFormOptions<Values extends Record<string, unknown>, Input, Result> = {
  /** The API's schema of the request (`common/steering.ts`): the form checks what the server checks. */
  schema: Parameters<typeof useSchemaValidator>[0]
  initialValues: Values
  toInput: (values: Values) => Input
  send: (input: Input) => Promise<Result>
  onSuccess?: (result: Result, form: UseFormReturnType<Values>) => void | Promise<void>
}

/**
 * One steering form: @mantine/form checked with the API's schema, a mutation that sends it, and
 * the server's field errors shown at their fields. Every form of bodies and meetings is this.
 */
export function useSchemaForm<Values extends Record<string, unknown>, Input, Result>(
  options: SchemaFormOptions<Values, Input, Result>,
) {
  const ref = useRef<HTMLFormElement>(null)
  const form = useForm<Values>({
    initialValues: options.initialValues,
    validate: useSchemaValidator(options.schema, options.toInput),
  })
  const mutation = useMutation({
    mutationFn: options.send,
    onSuccess: (result) => options.onSuccess?.(result, form),
  })
  const error = useFieldError<Values>(form.errors, mutation.error)
  const onSubmit = form.onSubmit(
    (values) => mutation.mutate(options.toInput(values)),
    () => focusFirstInvalid(ref.current),
  )
  return { form, mutation, error, formProps: { ref, noValidate: true, onSubmit } }
}

/** The form element around a schema form's fields, with the problems no field shows. */
export function SchemaForm({
  state,
  fields,
  children,
}: {
  state: { mutation: { error: Error | null }; formProps: ReturnType<typeof useSchemaForm>['formProps'] }
  /** The fields the form shows, so that their problems appear there and not above. */
  fields: readonly string[]
  children: ReactNode
}) {
  return (
    <form {...state.formProps}>
      <CaseworkFormProblem error={state.mutation.error} shown={fields} />
      {children}
    </form>
  )
}

/** Save and, for an edit, cancel: the buttons under a steering form. */
export function FormButtons({
  label,
  pending,
  onCancel,
}: {
  label: string
  pending: boolean
  onCancel?: () => void
}) {
  const { t } = useTranslation()
  return (
    <Group gap="xs">
      <Button type="submit" loading={pending}>
        {label}
      </Button>
      {onCancel && (
        <Button variant="default" onClick={onCancel}>
          {t('steering.edit.cancel')}
        </Button>
      )}
    </Group>
  )
}

/** A delete that asks once more before it acts; the question names what goes. */
export function ConfirmDelete({
  label,
  pending,
  onConfirm,
}: {
  label: string
  pending: boolean
  onConfirm: () => void
}) {
  const { t } = useTranslation()
  const [asking, setAsking] = useState(false)
  if (!asking)
    return (
      <Button
        size="compact-sm"
        variant="subtle"
        color="red"
        aria-label={label}
        onClick={() => setAsking(true)}
      >
        {t('steering.edit.delete')}
      </Button>
    )
  return (
    <Group gap={4}>
      <Button size="compact-sm" color="red" loading={pending} onClick={onConfirm}>
        {t('steering.edit.confirmDelete')}
      </Button>
      <Button size="compact-sm" variant="default" onClick={() => setAsking(false)}>
        {t('steering.edit.cancel')}
      </Button>
    </Group>
  )
}
