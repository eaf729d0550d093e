import type { FastifyRequest } from 'fastify'

export type Language = 'de' | 'en'

/** German unless the client prefers English (Accept-Language), for files the server writes. */
export function preferredLanguage(request: FastifyRequest): Language {
  const header = request.headers['accept-language'] ?? ''
  const first = header.split(',')[0]?.trim().toLowerCase() ?? ''
  return first.startsWith('en') ? 'en' : 'de'
}
