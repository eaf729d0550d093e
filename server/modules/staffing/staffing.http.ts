import { problemSchema } from '../../../common/problem.ts'

/** The problem answers a staffing route may give. */
export const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  413: problemSchema,
  415: problemSchema,
  422: problemSchema,
  428: problemSchema,
}
