import { problemSchema } from '../../../common/problem.ts'

export const tags = ['Data protection']

/** The problem answers a privacy route may give. */
export const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  428: problemSchema,
}
