import { z } from 'zod'
import { problemSchema } from '../../../common/problem.ts'

export const tags = ['Case work']

/** The problem answers a case-work route may give. */
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

/** The path parameter of every route inside one case. */
export const caseParams = z.object({ caseId: z.uuid() })
