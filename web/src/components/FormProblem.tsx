import { Alert } from '@mantine/core'
import { useProblemText } from '../problems.ts'

/** A form's general error; errors that name fields are shown at the fields instead. */
export function FormProblem({ error }: { error: Error | null }) {
  const problems = useProblemText()
  if (!error || problems.hasFields(error)) return null
  return (
    <Alert color="red" role="alert">
      {problems.message(error)}
    </Alert>
  )
}
