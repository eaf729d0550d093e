import fc from 'fast-check'
import type { JsonSchema, Operation } from './openapi.ts'

/**
 * Requests generated from the OpenAPI document: a valid request first (so that inputs reach the
 * services and the database, not only the schema check), then one to three hostile changes.
 *
 * Inputs are symbolic, so that a printed failure reads well and replays: record ids are
 * placeholders such as `@@own.case@@` (the actor's district) or `@@other.case@@` (the other
 * district), filled in at send time; the If-Match version is looked up at send time too.
 */

export const actorNames = [
  'admin',
  'koordination',
  'fallmanagement',
  'teamleitung',
  'partner.jobcenter',
  'bericht',
  'datenschutz',
  // The second district: its administrator and a case manager made by the harness.
  'admin.lindenau',
  'fuzz.lindenau',
  'anonymous',
] as const
export type ActorName = (typeof actorNames)[number]

/** What kind of hostile value an input carries, printed with each finding. */
export type Tag =
  | 'valid'
  | 'wrong-type'
  | 'empty-string'
  | 'huge-string'
  | 'nul'
  | 'control-char'
  | 'lone-surrogate'
  | 'bidi-format'
  | 'odd-string'
  | 'proto-key'
  | 'deep-nesting'
  | 'beyond-int32'
  | 'beyond-int64'
  | 'odd-number'
  | 'date-extreme'
  | 'missing-field'
  | 'extra-field'
  | 'wrong-top-level'
  | 'raw-body'
  | 'invalid-utf8'
  | 'content-type'
  | 'charset'
  | 'bad-path'
  | 'foreign-id'
  | 'unknown-id'
  | 'bad-query'
  | 'bad-if-match'
  | 'bad-csrf'
  | 'malformed-multipart'
  | 'odd-file-name'

export type FuzzBody =
  | { kind: 'none' }
  /** JSON text (possibly broken on purpose) with the content type to send it under. */
  | { kind: 'text'; text: string; contentType: string | null }
  /** Bytes that are not UTF-8 text, as hex. */
  | { kind: 'bytes'; hex: string; contentType: string | null }
  | {
      kind: 'multipart'
      variant: 'valid' | 'truncated' | 'garbage' | 'no-boundary' | 'no-file'
      fileName: string
    }

export type FuzzIfMatch =
  | { kind: 'current' }
  | { kind: 'stale' }
  | { kind: 'absent' }
  | { kind: 'raw'; value: string }

export type FuzzInput = {
  operation: string
  actor: ActorName
  /** Path with its parameters filled in (placeholders and raw, already percent-encoded segments). */
  url: string
  body: FuzzBody
  ifMatch: FuzzIfMatch
  csrf: 'valid' | 'missing' | 'wrong'
  tags: Tag[]
}

/** A JSON literal written as is: numbers beyond what a JS number keeps, nesting built as text. */
class RawJson {
  constructor(readonly text: string) {}
}
type Tagged = { value: unknown; tag: Tag }
const tagged = (tag: Tag, values: unknown[]): Tagged[] => values.map((value) => ({ value, tag }))

const hugeString = 'x'.repeat(70_000)
const veryHugeString = 'ä'.repeat(600_000)

export const hostileStrings: Tagged[] = [
  ...tagged('empty-string', ['', ' ', '\t\n']),
  ...tagged('huge-string', [hugeString, veryHugeString]),
  ...tagged('nul', ['\u0000', 'Erika\u0000Muster', 'a\u0000']),
  ...tagged('control-char', ['\u0001\u0007\u001b[31mrot', '\r\n\r\n', '\u007f', '\u0085', '\u2028']),
  ...tagged('lone-surrogate', ['\ud800', 'a\udc00b', 'Erika\udbff']),
  ...tagged('bidi-format', [
    'rechnung\u202efdp.exe.pdf',
    '\u202e',
    '\u2066x\u2069',
    'a\u200bb',
    '\ufeffErika',
  ]),
  ...tagged('proto-key', ['__proto__', 'constructor', 'prototype', 'toString']),
  ...tagged('odd-string', [
    "' OR 1=1 --",
    '"; DROP TABLE person; --',
    '%00',
    '%',
    '\\',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: template injection is the point
    '${7*7}{{7*7}}',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '🏳️‍🌈👨‍👩‍👧',
    'e\u0301',
    '𝕬𝖗𝖆',
    'محمد',
    'İı',
    '=1+1',
    '|cmd',
    '@SUM(A1)',
    'null',
    'NaN',
    '-0',
    '1e30',
    '2147483648',
    '0x10',
  ]),
  ...tagged('date-extreme', ['0001-01-01', '9999-12-31', '0000-01-01']),
]

export const hostileNumbers: Tagged[] = [
  ...tagged('beyond-int32', [2147483647, 2147483648, -2147483648, -2147483649, 4294967296]),
  ...tagged('beyond-int64', [
    new RawJson('9007199254740993'),
    new RawJson('9223372036854775807'),
    new RawJson('9223372036854775808'),
    new RawJson('-9223372036854775809'),
    new RawJson('123456789012345678901234567890'),
    1e308,
    -1e308,
    new RawJson('1e400'),
    new RawJson('-1e400'),
  ]),
  ...tagged('odd-number', [5e-324, new RawJson('-0'), 0.5, -1, 0, new RawJson('1.0'), new RawJson('1E2')]),
]

export const hostileDates: Tagged[] = tagged('date-extreme', [
  '0001-01-01',
  '0001-06-15',
  '0050-01-01',
  '0099-12-31',
  '0000-01-01',
  '1899-12-31',
  '1969-12-31',
  '9999-12-31',
  '10000-01-01',
  '2023-02-29',
  '2024-13-01',
  '0001-01-01T00:00:00Z',
  '0001-06-15T10:00:00Z',
  '0050-01-01T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '9999-12-31T23:59:59-12:00',
  '0001-01-01T00:00:00+14:00',
  '2024-03-31T02:30:00+01:00',
  '2024-01-01T24:00:00Z',
  '+275760-09-13T00:00:00Z',
])

const wrongTypes: unknown[] = [null, true, false, 0, 1, -1, 1.5, '', 'x', '1', [], [null], {}, { a: 1 }, [[]]]
const typeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value)

const deepNesting: Tagged[] = tagged(
  'deep-nesting',
  [100, 1_000, 10_000, 100_000].flatMap((depth) => [
    new RawJson(`${'['.repeat(depth)}${']'.repeat(depth)}`),
    new RawJson(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  ]),
)

/** A replacement for a value of this JS type: another type, or a hostile value of the same type. */
function hostileFor(current: unknown): fc.Arbitrary<Tagged> {
  const kind = typeOf(current)
  const others = tagged(
    'wrong-type',
    wrongTypes.filter((value) => typeOf(value) !== kind),
  )
  const options: fc.Arbitrary<Tagged>[] = [fc.constantFrom(...others), fc.constantFrom(...deepNesting)]
  if (kind === 'string') {
    options.push(fc.constantFrom(...hostileStrings), fc.constantFrom(...hostileDates))
    // Random text of any code point, lone surrogates included.
    options.push(
      fc.string({ unit: 'binary', maxLength: 40 }).map((value) => ({ value, tag: 'odd-string' as Tag })),
    )
  } else if (kind === 'number') {
    options.push(fc.constantFrom(...hostileNumbers), fc.constantFrom(...hostileNumbers))
  } else {
    options.push(fc.constantFrom(...hostileStrings), fc.constantFrom(...hostileNumbers))
  }
  return fc.oneof(...options)
}

// ---------------------------------------------------------------------------------------------
// Valid values

export type Resolve = (schema: JsonSchema) => JsonSchema

/** The kind of record a uuid names, by the property or parameter that holds it. */
const recordKinds: Record<string, string> = {
  districtId: 'district',
  municipalityId: 'municipality',
  userId: 'user',
  sessionId: 'session',
  teamId: 'team',
  teamIds: 'team',
  organisationId: 'organisation',
  caseId: 'case',
  personId: 'person',
  personIds: 'person',
  relatedPersonId: 'person',
  duplicatePersonId: 'person',
  participantPersonIds: 'person',
  taskId: 'task',
  goalId: 'goal',
  measureId: 'measure',
  documentId: 'document',
  viewId: 'view',
  managerId: 'manager',
  managerIds: 'manager',
  assigneeId: 'manager',
  actorId: 'manager',
  subjectId: 'case',
  districtCode: 'districtCode',
}

/** An id for a property: mostly a record of the own district, sometimes another district's or none. */
function idFor(name: string): fc.Arbitrary<string> {
  const kind = recordKinds[name]
  if (!kind) return fc.uuid()
  return fc.oneof(
    { arbitrary: fc.constant(`@@own.${kind}@@`), weight: 8 },
    { arbitrary: fc.constant(`@@other.${kind}@@`), weight: 1 },
    { arbitrary: fc.uuid(), weight: 1 },
  )
}

const word = fc.stringMatching(/^[A-Z][a-zäöüß]{2,12}( [A-Z][a-zäöü]{2,10})?$/)
const pad = (value: string, min: number, max: number) =>
  (value.length < min ? value.padEnd(min, 'x') : value).slice(0, max)
const dateArb = fc
  .integer({ min: 0, max: 365 * 7 })
  .map((days) => new Date(Date.UTC(2018, 0, 1) + days * 86_400_000).toISOString().slice(0, 10))
const dateTimeArb = fc
  .tuple(dateArb, fc.integer({ min: 7, max: 18 }), fc.integer({ min: 0, max: 59 }))
  .map(
    ([date, hour, minute]) =>
      `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`,
  )

/**
 * Fixed valid values where a random one would change what the other inputs see: requiring a
 * second factor of every role or enabling single sign-on (whose issuer nobody runs) would lock
 * the actors out; sign-in attempts with real usernames would throttle the actors' accounts.
 */
const pinned: Record<string, Record<string, fc.Arbitrary<unknown>>> = {
  'PUT /api/identity-policy': { roles: fc.constant([]) },
  'PUT /api/identity-policy/sso': {
    enabled: fc.constant(false),
    issuer: fc.constant('https://login.example.org/realms/lotse'),
  },
  'POST /api/auth/login': { username: fc.stringMatching(/^fuzz-[0-9a-f]{8}$/) },
}

export function validValue(
  schema: JsonSchema,
  resolve: Resolve,
  name = '',
  pins: Record<string, fc.Arbitrary<unknown>> = {},
): fc.Arbitrary<unknown> {
  const s = resolve(schema)
  if (s.const !== undefined) return fc.constant(s.const)
  if (s.enum) return fc.constantFrom(...s.enum)
  const alternatives = s.anyOf ?? s.oneOf
  if (alternatives) return fc.oneof(...alternatives.map((each) => validValue(each, resolve, name)))
  if (s.allOf?.[0]) return validValue(s.allOf[0], resolve, name)
  const type = Array.isArray(s.type) ? s.type : s.type ? [s.type] : []
  if (type.length > 1) return fc.oneof(...type.map((t) => validValue({ ...s, type: t }, resolve, name)))
  switch (type[0]) {
    case 'null':
      return fc.constant(null)
    case 'boolean':
      return fc.boolean()
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 1000 })
    case 'number':
      return fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 1000, noNaN: true })
    case 'string':
      return validString(s, name)
    case 'array': {
      const items = s.items ?? {}
      const item = recordKinds[name] ? idFor(name) : validValue(items, resolve, name)
      return fc.array(item, {
        minLength: s.minItems ?? 0,
        maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 3, 3)),
      })
    }
    default: {
      if (s.properties) {
        const model: Record<string, fc.Arbitrary<unknown>> = {}
        for (const [key, property] of Object.entries(s.properties)) {
          model[key] = pins[key] ?? validValue(property, resolve, key)
        }
        return fc.record(model, { requiredKeys: (s.required ?? []).filter((key) => key in model) })
      }
      if (typeof s.additionalProperties === 'object') {
        return fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), validValue(s.additionalProperties, resolve), {
          maxKeys: 3,
        })
      }
      return fc.constant({})
    }
  }
}

function validString(s: JsonSchema, name: string): fc.Arbitrary<string> {
  const min = s.minLength ?? 0
  const max = s.maxLength ?? 200
  if (s.format === 'uuid' || recordKinds[name]) return idFor(name)
  if (s.format === 'date') return dateArb
  if (s.format === 'date-time') return dateTimeArb
  if (s.format === 'email') return fc.emailAddress()
  if (s.format === 'uri') return fc.constant('https://login.example.org/realms/lotse')
  if (name === 'birthDate') return fc.integer({ min: 1940, max: 2010 }).map(String)
  if (s.pattern) {
    try {
      return fc.stringMatching(new RegExp(s.pattern)).map((value) => value.slice(0, max))
    } catch {
      // fast-check cannot generate from every pattern (lookaheads): plain text then, mostly refused.
    }
  }
  return fc
    .oneof({ arbitrary: word, weight: 4 }, { arbitrary: fc.string({ maxLength: 30 }), weight: 1 })
    .map((value) => pad(value, min, max))
}

// ---------------------------------------------------------------------------------------------
// Body mutations

type Path = (string | number)[]
function pathsOf(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at)
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) pathsOf(item, [...at, index], out)
  } else if (value && typeof value === 'object')
    for (const key of Object.keys(value)) pathsOf((value as Record<string, unknown>)[key], [...at, key], out)
  return out
}
const getAt = (value: unknown, path: Path): unknown =>
  path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], value)

/** A copy of `root` with the value at `path` replaced (or removed, for `undefined`). */
function setAt(root: unknown, path: Path, replacement: unknown, remove = false): unknown {
  if (path.length === 0) return replacement
  const [head, ...rest] = path as [string | number, ...Path]
  if (Array.isArray(root)) {
    const copy = [...root]
    if (remove && rest.length === 0) copy.splice(head as number, 1)
    else copy[head as number] = setAt(copy[head as number], rest, replacement, remove)
    return copy
  }
  const copy = { ...(root as Record<string, unknown>) }
  if (remove && rest.length === 0) delete copy[head as string]
  else copy[head as string] = setAt(copy[head as string], rest, replacement, remove)
  return copy
}

/** Keys that must never reach an object's prototype, and keys a handler might trip over. */
const extraKeys: { key: string; tag: Tag }[] = [
  { key: '__proto__', tag: 'proto-key' },
  { key: 'constructor', tag: 'proto-key' },
  { key: 'prototype', tag: 'proto-key' },
  { key: 'id', tag: 'extra-field' },
  { key: 'districtId', tag: 'extra-field' },
  { key: 'version', tag: 'extra-field' },
  { key: 'isAdmin', tag: 'extra-field' },
  { key: '', tag: 'extra-field' },
]

/** Adds a key as an own property, so that `__proto__` is written out as a key, not a prototype. */
function withKey(object: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...object }
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true })
  return copy
}

type Mutated = { value: unknown; tags: Tag[] }

function mutateOnce(input: Mutated): fc.Arbitrary<Mutated> {
  const paths = pathsOf(input.value)
  const objectPaths = paths.filter((path) => {
    const node = getAt(input.value, path)
    return node !== null && typeof node === 'object' && !Array.isArray(node) && !(node instanceof RawJson)
  })
  const removable = paths.filter((path) => path.length > 0)
  const replace = fc.nat({ max: paths.length - 1 }).chain((index) => {
    const path = paths[index] as Path
    return hostileFor(getAt(input.value, path)).map((hostile) => ({
      value: setAt(input.value, path, hostile.value),
      tags: [...input.tags, hostile.tag],
    }))
  })
  const options: fc.Arbitrary<Mutated>[] = [replace, replace]
  if (removable.length > 0)
    options.push(
      fc.nat({ max: removable.length - 1 }).map((index) => ({
        value: setAt(input.value, removable[index] as Path, undefined, true),
        tags: [...input.tags, 'missing-field' as Tag],
      })),
    )
  if (objectPaths.length > 0)
    options.push(
      fc
        .tuple(
          fc.nat({ max: objectPaths.length - 1 }),
          fc.constantFrom(...extraKeys),
          fc.constantFrom<unknown>(1, 'x', null, { polluted: true }, { prototype: { polluted: true } }),
        )
        .map(([index, extra, value]) => {
          const path = objectPaths[index] as Path
          const node = getAt(input.value, path) as Record<string, unknown>
          return {
            value: setAt(input.value, path, withKey(node, extra.key, value)),
            tags: [...input.tags, extra.tag],
          }
        }),
    )
  return fc.oneof(...options)
}

/** JSON text of a value; RawJson is written as is. */
export function toJson(value: unknown): string {
  if (value instanceof RawJson) return value.text
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : toJson(item))).join(',')}]`
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${toJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`
  return JSON.stringify(value) ?? 'null'
}

const jsonType = 'application/json'
const contentTypes: { value: string | null; tag: Tag }[] = [
  { value: null, tag: 'content-type' },
  { value: 'text/plain', tag: 'content-type' },
  { value: 'application/xml', tag: 'content-type' },
  { value: 'application/x-www-form-urlencoded', tag: 'content-type' },
  { value: 'multipart/form-data', tag: 'content-type' },
  { value: 'application/JSON', tag: 'content-type' },
  { value: 'application/vnd.api+json', tag: 'content-type' },
  { value: 'application/json; charset=iso-8859-1', tag: 'charset' },
  { value: 'application/json; charset=utf-16', tag: 'charset' },
  { value: 'application/json; charset=nonsense', tag: 'charset' },
]
const rawTexts: string[] = [
  '',
  'xx',
  '{',
  '{"a":',
  '[1,',
  'null',
  '"text"',
  '42',
  'true',
  '{"a":1}{"b":2}',
  '\ufeff{}',
  '{"a":NaN}',
]
/** Bytes that are not UTF-8: a lone continuation byte, an overlong slash, a surrogate, Latin-1. */
const invalidUtf8 = [
  '{"note":"\xff"}',
  '{"note":"\xc0\xaf"}',
  '{"note":"\xed\xa0\x80"}',
  '{"name":"M\xfcller"}',
]

/** A JSON body for a schema: valid, then changed one to three times; or something that is not JSON. */
function bodyFor(operation: Operation, resolve: Resolve): fc.Arbitrary<{ body: FuzzBody; tags: Tag[] }> {
  if (operation.multipart) {
    return fc
      .tuple(
        fc.constantFrom<Extract<FuzzBody, { kind: 'multipart' }>['variant']>(
          'valid',
          'valid',
          'valid',
          'truncated',
          'garbage',
          'no-boundary',
          'no-file',
        ),
        fc.oneof(
          fc.constantFrom('Bescheid.pdf', 'a.pdf'),
          fc.constantFrom(...hostileStrings.map((each) => `${String(each.value).slice(0, 300)}.pdf`)),
        ),
      )
      .map(([variant, fileName]) => ({
        body: { kind: 'multipart', variant, fileName } as FuzzBody,
        tags: [
          variant === 'valid' ? 'valid' : 'malformed-multipart',
          ...(/^(Bescheid|a)\.pdf$/.test(fileName) ? [] : ['odd-file-name']),
        ] as Tag[],
      }))
  }
  const schema = operation.body
  const notJson = fc.oneof(
    fc
      .tuple(fc.constantFrom(...rawTexts), fc.constantFrom(jsonType, ...contentTypes.map((c) => c.value)))
      .map(([text, contentType]) => ({
        body: { kind: 'text', text, contentType } as FuzzBody,
        tags: ['raw-body'] as Tag[],
      })),
    fc.constantFrom(...invalidUtf8).map((text) => ({
      body: {
        kind: 'bytes',
        hex: Buffer.from(text, 'latin1').toString('hex'),
        contentType: jsonType,
      } as FuzzBody,
      tags: ['invalid-utf8'] as Tag[],
    })),
  )
  if (!schema) {
    // No body expected: usually none, sometimes one anyway.
    return fc.oneof(
      { arbitrary: fc.constant({ body: { kind: 'none' } as FuzzBody, tags: [] as Tag[] }), weight: 6 },
      { arbitrary: notJson, weight: 1 },
      {
        arbitrary: fc.constantFrom(...deepNesting).map((nested) => ({
          body: { kind: 'text', text: toJson(nested.value), contentType: jsonType } as FuzzBody,
          tags: ['deep-nesting'] as Tag[],
        })),
        weight: 1,
      },
    )
  }
  const valid = validValue(schema, resolve, '', pinned[operation.key])
  const mutated = valid.chain((value) => {
    let arbitrary: fc.Arbitrary<Mutated> = fc.constant({ value, tags: [] })
    return fc.integer({ min: 1, max: 3 }).chain((times) => {
      for (let i = 0; i < times; i++) arbitrary = arbitrary.chain(mutateOnce)
      return arbitrary
    })
  })
  const asJson = (arbitrary: fc.Arbitrary<Mutated>) =>
    arbitrary.map(({ value, tags }) => ({
      body: { kind: 'text', text: toJson(value), contentType: jsonType } as FuzzBody,
      tags: tags.length > 0 ? tags : (['valid'] as Tag[]),
    }))
  const wrongContentType = fc.tuple(valid, fc.constantFrom(...contentTypes)).map(([value, type]) => ({
    body: { kind: 'text', text: toJson(value), contentType: type.value } as FuzzBody,
    tags: [type.tag],
  }))
  return fc.oneof(
    { arbitrary: asJson(valid.map((value) => ({ value, tags: [] }))), weight: 3 },
    { arbitrary: asJson(mutated), weight: 10 },
    { arbitrary: wrongContentType, weight: 1 },
    { arbitrary: notJson, weight: 1 },
    {
      arbitrary: fc
        .constantFrom(...deepNesting, ...tagged('wrong-top-level', [[], 'text', 42, null, [{}]]))
        .map((top) => ({
          body: { kind: 'text', text: toJson(top.value), contentType: jsonType } as FuzzBody,
          tags: [top.tag],
        })),
      weight: 1,
    },
  )
}

// ---------------------------------------------------------------------------------------------
// URL: path and query

/** Raw path segments and query values, already percent-encoded (some on purpose invalidly). */
const rawHostileSegments: { value: string; tag: Tag }[] = [
  ...tagged('bad-path', [
    'not-a-uuid',
    '1',
    '-1',
    '2147483648',
    '00000000-0000-0000-0000-000000000000',
    'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
    '..%2F..%2Fetc%2Fpasswd',
    'x'.repeat(5000),
    '%20',
    '%',
    '%zz',
    '%C0%AF',
    '%FF',
    '__proto__',
    'constructor',
  ]),
  ...tagged('nul', ['%00', 'a%00b']),
  ...tagged('lone-surrogate', ['%ED%A0%80']),
  ...tagged('bidi-format', ['%E2%80%AE']),
].map((each) => ({ value: each.value as string, tag: each.tag }))

const rawHostileQueryValues: { value: string; tag: Tag }[] = [
  ...rawHostileSegments,
  ...tagged('bad-query', [
    '',
    '2147483648',
    '9223372036854775808',
    '1e30',
    '1.5',
    'NaN',
    'true',
    'x'.repeat(10_000),
  ]),
  ...tagged('date-extreme', ['0001-01-01', '9999-12-31T23:59:59Z', '0000-00-00', '0050-01-01T00%3A00%3A00Z']),
].map((each) => ({ value: each.value as string, tag: each.tag }))

const encode = (value: unknown) => encodeURIComponent(String(value))

function queryFor(operation: Operation, resolve: Resolve): fc.Arbitrary<{ query: string; tags: Tag[] }> {
  const parts = operation.queryParams.map((param) =>
    fc.oneof(
      {
        arbitrary: fc.constant<{ part: string | null; tag: Tag | null }>({ part: null, tag: null }),
        weight: 4,
      },
      {
        arbitrary: validValue(param.schema, resolve, param.name).map((value) => ({
          part: `${param.name}=${encode(value)}`,
          tag: null,
        })),
        weight: 3,
      },
      {
        arbitrary: fc.constantFrom(...rawHostileQueryValues).map((hostile) => ({
          part: `${param.name}=${hostile.value}`,
          tag: hostile.tag,
        })),
        weight: 2,
      },
      {
        arbitrary: fc
          .tuple(validValue(param.schema, resolve, param.name), validValue(param.schema, resolve, param.name))
          .map(([a, b]) => ({
            part: `${param.name}=${encode(a)}&${param.name}=${encode(b)}`,
            tag: 'bad-query' as Tag,
          })),
        weight: 1,
      },
    ),
  )
  const extra = fc.oneof(
    {
      arbitrary: fc.constant<{ part: string | null; tag: Tag | null }>({ part: null, tag: null }),
      weight: 8,
    },
    {
      arbitrary: fc
        .constantFrom(
          '__proto__=1',
          '__proto__[x]=1',
          'constructor[prototype][x]=1',
          'constructor.prototype.x=1',
          'unknown=1',
          '=',
          '&&',
          '%00=%00',
        )
        .map((part) => ({
          part,
          tag: (part.includes('%00')
            ? 'nul'
            : part.startsWith('_') || part.startsWith('c')
              ? 'proto-key'
              : 'bad-query') as Tag,
        })),
      weight: 1,
    },
  )
  return fc.tuple(fc.tuple(...parts), extra).map(([chosen, more]) => {
    const all = [...chosen, more]
    const query = all.flatMap((each) => (each.part === null ? [] : [each.part])).join('&')
    return { query, tags: all.flatMap((each) => (each.tag ? [each.tag] : [])) }
  })
}

function pathFor(operation: Operation): fc.Arbitrary<{ url: string; tags: Tag[] }> {
  const segments = operation.pathParams.map((param) => {
    const kind = recordKinds[param.name] ?? 'unknown'
    return fc.oneof(
      { arbitrary: fc.constant({ value: `@@own.${kind}@@`, tag: null as Tag | null }), weight: 8 },
      { arbitrary: fc.constant({ value: `@@other.${kind}@@`, tag: 'foreign-id' as Tag | null }), weight: 1 },
      { arbitrary: fc.uuid().map((value) => ({ value, tag: 'unknown-id' as Tag | null })), weight: 1 },
      { arbitrary: fc.constantFrom(...rawHostileSegments), weight: 2 },
    )
  })
  return fc.tuple(...segments).map((chosen) => {
    let url = operation.path
    operation.pathParams.forEach((param, index) => {
      url = url.replace(`{${param.name}}`, (chosen[index] as { value: string }).value)
    })
    return { url, tags: chosen.flatMap((each) => (each.tag ? [each.tag] : [])) }
  })
}

const ifMatchRaw = [
  '"2147483648"',
  '"1e30"',
  '"-1"',
  '"0"',
  '"99999999999999999999"',
  '*',
  '"abc"',
  '"1", "2"',
  '',
  'W/"2147483648"',
  '"9007199254740993"',
]

const ifMatchFor = (operation: Operation): fc.Arbitrary<{ ifMatch: FuzzIfMatch; tags: Tag[] }> =>
  operation.versioned
    ? fc.oneof(
        {
          arbitrary: fc.constant({ ifMatch: { kind: 'current' } as FuzzIfMatch, tags: [] as Tag[] }),
          weight: 6,
        },
        {
          arbitrary: fc.constant({
            ifMatch: { kind: 'stale' } as FuzzIfMatch,
            tags: ['bad-if-match'] as Tag[],
          }),
          weight: 1,
        },
        {
          arbitrary: fc.constant({
            ifMatch: { kind: 'absent' } as FuzzIfMatch,
            tags: ['bad-if-match'] as Tag[],
          }),
          weight: 1,
        },
        {
          arbitrary: fc.constantFrom(...ifMatchRaw).map((value) => ({
            ifMatch: { kind: 'raw', value } as FuzzIfMatch,
            tags: ['bad-if-match'] as Tag[],
          })),
          weight: 2,
        },
      )
    : fc.constant({ ifMatch: { kind: 'absent' } as FuzzIfMatch, tags: [] as Tag[] })

/**
 * A request that only valid values make: records of the own district, the current version, the
 * CSRF token. A quarter of all inputs, so that the services and the database see enough
 * accepted writes (and the refusals that only arrive behind validation: policy, domain rules).
 */
function cleanInputFor(operation: Operation, resolve: Resolve): fc.Arbitrary<FuzzInput> {
  const body: fc.Arbitrary<FuzzBody> = operation.multipart
    ? fc.constant({ kind: 'multipart', variant: 'valid', fileName: 'Bescheid.pdf' })
    : operation.body
      ? validValue(operation.body, resolve, '', pinned[operation.key]).map((value) => ({
          kind: 'text' as const,
          text: toJson(value),
          contentType: jsonType,
        }))
      : fc.constant({ kind: 'none' })
  const query = fc
    .tuple(
      ...operation.queryParams.map((param) =>
        fc.option(
          validValue(param.schema, resolve, param.name).map((value) => `${param.name}=${encode(value)}`),
          // Half absent: one unguessable parameter (a yes/no as text) must not refuse them all.
          { nil: null, freq: 1 },
        ),
      ),
    )
    .map((parts) => parts.filter((part) => part !== null).join('&'))
  let url = operation.path
  for (const param of operation.pathParams)
    url = url.replace(`{${param.name}}`, `@@own.${recordKinds[param.name] ?? 'unknown'}@@`)
  return fc.record({ actor: fc.constantFrom(...actorNames), body, query }).map(({ actor, body, query }) => ({
    operation: operation.key,
    actor,
    url: query ? `${url}?${query}` : url,
    body,
    ifMatch: operation.versioned ? { kind: 'current' } : { kind: 'absent' },
    csrf: 'valid',
    tags: ['valid'],
  }))
}

/** One generated request against one operation: a valid one, or one with hostile parts. */
export function inputFor(operation: Operation, resolve: Resolve): fc.Arbitrary<FuzzInput> {
  return fc.oneof(
    { arbitrary: cleanInputFor(operation, resolve), weight: 1 },
    { arbitrary: hostileInputFor(operation, resolve), weight: 3 },
  )
}

function hostileInputFor(operation: Operation, resolve: Resolve): fc.Arbitrary<FuzzInput> {
  const isWrite = operation.method !== 'GET'
  return fc
    .record({
      actor: fc.constantFrom(...actorNames),
      path: pathFor(operation),
      query: queryFor(operation, resolve),
      body: bodyFor(operation, resolve),
      ifMatch: ifMatchFor(operation),
      csrf: isWrite
        ? fc.oneof(
            { arbitrary: fc.constant<FuzzInput['csrf']>('valid'), weight: 12 },
            { arbitrary: fc.constantFrom<FuzzInput['csrf']>('missing', 'wrong'), weight: 1 },
          )
        : fc.constant<FuzzInput['csrf']>('valid'),
    })
    .map(({ actor, path, query, body, ifMatch, csrf }) => ({
      operation: operation.key,
      actor,
      url: query.query ? `${path.url}?${query.query}` : path.url,
      body: body.body,
      ifMatch: ifMatch.ifMatch,
      csrf,
      tags: [
        ...new Set<Tag>([
          ...path.tags,
          ...query.tags,
          ...body.tags,
          ...ifMatch.tags,
          ...(csrf === 'valid' ? [] : (['bad-csrf'] as Tag[])),
        ]),
      ],
    }))
}

/** Every operation, each equally often. */
export function requestArbitrary(operations: Operation[], resolve: Resolve): fc.Arbitrary<FuzzInput> {
  return fc.oneof(...operations.map((operation) => inputFor(operation, resolve)))
}
