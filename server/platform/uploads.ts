import multipart from '@fastify/multipart'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppDeps } from './deps.ts'
import { DomainError, fieldError } from './errors.ts'

const multipartLimitCodes = new Set([
  'FST_REQ_FILE_TOO_LARGE',
  'FST_PARTS_LIMIT',
  'FST_FILES_LIMIT',
  'FST_FIELDS_LIMIT',
])

/**
 * The upload's own limit for the routes of one plugin. The multipart parser leaves the stream
 * unread until the handler asks for the file, so those routes keep the small body limit for
 * everything else (a JSON body sent there is refused at 1 MiB, before any authorisation).
 */
export async function registerUploads(
  app: FastifyInstance,
  deps: AppDeps,
  options: { fileSize?: number } = {},
): Promise<void> {
  await app.register(multipart, {
    limits: {
      fileSize: options.fileSize ?? deps.config.uploadLimitBytes,
      files: 1,
      fields: 5,
      fieldSize: 1024,
      parts: 6,
    },
  })
}

/**
 * The one file of an upload. A body that is no well-formed multipart (no boundary, cut off,
 * garbage) is the client's fault: 400, never a server error; a file over the limit is 413.
 */
export async function readUploadedFile(
  request: FastifyRequest,
): Promise<{ fileName: string; content: Buffer }> {
  if (!request.isMultipart()) throw fieldError('document-missing', 'invalid', 'file')
  try {
    const file = await request.file()
    if (!file) throw fieldError('document-missing', 'invalid', 'file')
    return { fileName: file.filename, content: await file.toBuffer() }
  } catch (error) {
    if (error instanceof DomainError) throw error
    const code = (error as { code?: unknown }).code
    if (typeof code === 'string' && multipartLimitCodes.has(code))
      throw fieldError('payload-too-large', 'too-large', 'file')
    throw fieldError('multipart-malformed', 'invalid', '')
  }
}

/** A stored file as a download: never rendered in the app's origin, never cached. */
export function sendDownload(
  reply: FastifyReply,
  file: { fileName: string; mediaType: string; content: Buffer },
): FastifyReply {
  return reply
    .header('content-type', file.mediaType)
    .header(
      'content-disposition',
      `attachment; filename="${file.fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(file.content)
}
