/**
 * The fuzzer's view of `/api/openapi.json`: every operation with its path, query and body
 * schemas, so that a route is fuzzed the day it lands, with no list to keep up to date.
 */

export type JsonSchema = {
  $ref?: string
  type?: string | string[]
  format?: string
  pattern?: string
  enum?: unknown[]
  const?: unknown
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  allOf?: JsonSchema[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean | JsonSchema
  items?: JsonSchema
  minItems?: number
  maxItems?: number
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  default?: unknown
}

type OpenApiParameter = {
  name: string
  in: 'path' | 'query' | 'header'
  required?: boolean
  schema: JsonSchema
}
type OpenApiOperation = {
  parameters?: OpenApiParameter[]
  requestBody?: { content: Record<string, { schema: JsonSchema }> }
}
export type OpenApiDocument = {
  paths: Record<string, Record<string, OpenApiOperation>>
  components?: { schemas?: Record<string, JsonSchema> }
}

export type Operation = {
  /** `POST /api/cases/{caseId}/goals`: the key in the figures per route. */
  key: string
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  path: string
  pathParams: { name: string; schema: JsonSchema }[]
  queryParams: { name: string; required: boolean; schema: JsonSchema }[]
  /** The JSON body's schema; undefined for routes without a JSON body. */
  body: JsonSchema | undefined
  /** Takes a file (multipart/form-data) instead of JSON. */
  multipart: boolean
  /** Takes the record's version in If-Match (optimistic locking). */
  versioned: boolean
}

/**
 * Routes whose body Fastify reads as multipart in the handler, so that OpenAPI shows no body.
 * A new upload route without an entry here is still fuzzed, only without valid files.
 */
const multipartOperations = new Set(['POST /api/cases/{caseId}/documents'])
/** Writes that take If-Match besides every PUT and PATCH. */
const versionedPosts = new Set(['POST /api/cases/{caseId}/phase'])

export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = []
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [lower, operation] of Object.entries(methods)) {
      const method = lower.toUpperCase() as Operation['method']
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) continue
      const key = `${method} ${path}`
      const parameters = operation.parameters ?? []
      operations.push({
        key,
        method,
        path,
        pathParams: parameters
          .filter((p) => p.in === 'path')
          .map((p) => ({ name: p.name, schema: p.schema })),
        queryParams: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, required: p.required ?? false, schema: p.schema })),
        body: operation.requestBody?.content['application/json']?.schema,
        multipart: multipartOperations.has(key),
        versioned: method === 'PUT' || method === 'PATCH' || versionedPosts.has(key),
      })
    }
  }
  return operations.sort((a, b) => a.key.localeCompare(b.key))
}

/** Follows `$ref`s into `components.schemas`. */
export function resolver(document: OpenApiDocument): (schema: JsonSchema) => JsonSchema {
  const components = document.components?.schemas ?? {}
  return function resolve(schema: JsonSchema): JsonSchema {
    let current = schema
    for (let depth = 0; current.$ref && depth < 20; depth++) {
      const name = current.$ref.replace('#/components/schemas/', '')
      const target = components[name]
      if (!target) throw new Error(`OpenAPI: unresolved ${current.$ref}`)
      current = target
    }
    return current
  }
}
