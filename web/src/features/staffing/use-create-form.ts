import { useForm } from '@mantine/form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useRef } from 'react'
import type { z } from 'zod'
import { apiSend } from '../../api.ts'
import { useSchemaValidator } from '../../schema-form.ts'
import { focusFirstInvalid, useFieldError } from '../casework/problems.tsx'
import { staffingKeys } from './queries.ts'

/**
 * A form that adds one staffing record (a funding rate, a pay grade) and starts afresh once it is
 * saved: validation from the shared schema, the first invalid field focused, the server's problems
 * shown at their fields.
 */
export function useCreateForm<Values extends Record<string, unknown>, Input>({
  defaults,
  schema,
  toInput,
  path,
}: {
  defaults: Values
  schema: z.ZodType
  toInput: (values: Values) => Input
  path: string
}) {
  const queryClient = useQueryClient()
  const formRef = useRef<HTMLFormElement>(null)
  const form = useForm<Values>({ initialValues: defaults, validate: useSchemaValidator(schema, toInput) })
  const create = useMutation({
    mutationFn: (input: Input) => apiSend('POST', path, input),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: staffingKeys.all })
      form.setValues(defaults)
    },
  })
  const error = useFieldError<Values>(form.errors, create.error)
  const onSubmit = form.onSubmit(
    (values) => create.mutate(toInput(values)),
    () => focusFirstInvalid(formRef.current),
  )
  return { form, create, error, formRef, onSubmit }
}
