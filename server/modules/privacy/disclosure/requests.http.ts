import { z } from 'zod'
import { problemSchema } from '../../../../common/problem.ts'

export const privacyRequestTags = ['Data subject requests']

/** The problem answers a data-subject-request route may give. */
export const privacyProblems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  422: problemSchema,
}

export const personParams = z.object({ personId: z.uuid() })
