import { problemSchema } from '../../../common/problem.ts'

/** The problem answers a reporting route may give. */
export const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
}
