import { z } from 'zod'
import { problemSchema } from '../../../common/problem.ts'

export const tags = ['Network']

/** The problem answers a network route may give. */
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

export const personParams = z.object({ personId: z.uuid() })
export const caseParams = z.object({ caseId: z.uuid() })
