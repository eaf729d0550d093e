import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

/**
 * Application-level encryption of the most sensitive values (decision 0020): contact notes,
 * assessment texts, document contents, TOTP secrets and the single sign-on client secret are
 * stored as AES-256-GCM envelopes, so that a database dump, the data folder or PostgreSQL's
 * files without the key reveal none of them.
 *
 * Text envelope:  `lotse-enc:v1:<keyId>:<iv base64>:<ciphertext+tag base64>`
 * Bytes envelope: `LOTSEENC1` <keyId length, 1 byte> <keyId> <iv, 12 bytes> <ciphertext> <tag, 16 bytes>
 *
 * The key id is the first 16 hex digits of SHA-256 over the key: a different key always has a
 * different id, so a wrong key is recognised by its id before anything is decrypted. The key id is
 * also the additional authenticated data. A random 96-bit IV is drawn for every value.
 *
 * Values that are not envelopes are legacy plain text written before encryption existed; reads
 * return them unchanged until `lotse keys rotate` or the start-up sealing encrypts them. Empty
 * strings stay empty: they reveal nothing, and "has a note" checks keep working in SQL.
 */

export const TEXT_PREFIX = 'lotse-enc:v1:'
export const BYTES_MAGIC = Buffer.from('LOTSEENC1', 'ascii')
const IV_BYTES = 12
const TAG_BYTES = 16
const KEY_BYTES = 32

export class EncryptionKeyError extends Error {
  override name = 'EncryptionKeyError'
}

export type EncryptionKey = { id: string; key: Buffer }

/** The keys this process holds: one active (encrypts), the others only decrypt. */
export type Keyring = {
  active: EncryptionKey
  keys: ReadonlyMap<string, EncryptionKey>
  /** Where the keys came from, for messages (never the keys themselves). */
  source: string
}

export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16)
}

/** A key as operators write it: 32 bytes in base64 (44 characters) or hex (64 characters). */
export function parseKey(text: string, where: string): EncryptionKey {
  const trimmed = text.trim()
  let key: Buffer | undefined
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) key = Buffer.from(trimmed, 'hex')
  else if (/^[A-Za-z0-9+/]{43}=$/.test(trimmed)) key = Buffer.from(trimmed, 'base64')
  if (!key || key.length !== KEY_BYTES) {
    throw new EncryptionKeyError(
      `${where}: not an encryption key (expected 32 bytes as 44 base64 or 64 hex characters; \`npx lotse keys generate\` makes one)`,
    )
  }
  return { id: keyIdOf(key), key }
}

export function generateKeyText(): string {
  return randomBytes(KEY_BYTES).toString('base64')
}

/** A key ring from keys in order: the first is active, the rest are kept for reading. */
export function keyringOf(keys: readonly EncryptionKey[], source: string): Keyring {
  const [active] = keys
  if (!active) throw new EncryptionKeyError(`${source}: no encryption key`)
  const map = new Map<string, EncryptionKey>()
  for (const key of keys) if (!map.has(key.id)) map.set(key.id, key)
  return { active, keys: map, source }
}

/** Parses a key file: one key a line, the first active; empty lines and lines from # on are ignored. */
export function parseKeyFile(text: string, where: string): EncryptionKey[] {
  return text
    .split(/\r?\n/)
    .map((line, index) => ({ line: line.replace(/#.*$/, '').trim(), number: index + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, number }) => parseKey(line, `${where}, line ${number}`))
}

let installed: Keyring | undefined

/** Makes the key ring the one every seal and open of this process uses (at start, in the CLI, in tests). */
export function installKeyring(keyring: Keyring): void {
  installed = keyring
}

export function currentKeyring(): Keyring {
  if (!installed) throw new EncryptionKeyError('No encryption key ring installed (installKeyring at start)')
  return installed
}

function keyFor(keyring: Keyring, id: string): EncryptionKey {
  const key = keyring.keys.get(id)
  if (!key) {
    throw new EncryptionKeyError(
      `A value is encrypted under key ${id}, which the key ring (${keyring.source}) does not hold`,
    )
  }
  return key
}

function encrypt(key: EncryptionKey, plain: Buffer): { iv: Buffer; sealed: Buffer } {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key.key, iv)
  cipher.setAAD(Buffer.from(key.id, 'ascii'))
  const sealed = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()])
  return { iv, sealed }
}

function decrypt(key: EncryptionKey, iv: Buffer, sealed: Buffer): Buffer {
  if (iv.length !== IV_BYTES || sealed.length < TAG_BYTES)
    throw new EncryptionKeyError('A stored envelope is damaged')
  const decipher = createDecipheriv('aes-256-gcm', key.key, iv)
  decipher.setAAD(Buffer.from(key.id, 'ascii'))
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES))
  try {
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()])
  } catch {
    throw new EncryptionKeyError(`A value under key ${key.id} does not authenticate (damaged or altered)`)
  }
}

export function isSealedText(value: string): boolean {
  return value.startsWith(TEXT_PREFIX)
}

/** The key id of an envelope, undefined for plain text. */
export function textKeyId(value: string): string | undefined {
  if (!isSealedText(value)) return undefined
  return value.slice(TEXT_PREFIX.length).split(':', 1)[0]
}

export function sealText(plain: string, keyring: Keyring = currentKeyring()): string {
  if (plain === '') return ''
  const { iv, sealed } = encrypt(keyring.active, Buffer.from(plain, 'utf8'))
  return `${TEXT_PREFIX}${keyring.active.id}:${iv.toString('base64')}:${sealed.toString('base64')}`
}

export function openText(stored: string, keyring: Keyring = currentKeyring()): string {
  if (!isSealedText(stored)) return stored
  const parts = stored.slice(TEXT_PREFIX.length).split(':')
  if (parts.length !== 3) throw new EncryptionKeyError('A stored envelope is damaged')
  const [id, iv, sealed] = parts as [string, string, string]
  return decrypt(keyFor(keyring, id), Buffer.from(iv, 'base64'), Buffer.from(sealed, 'base64')).toString(
    'utf8',
  )
}

export function sealNullableText(plain: string | null, keyring?: Keyring): string | null {
  return plain === null ? null : sealText(plain, keyring)
}

export function openNullableText(stored: string | null, keyring?: Keyring): string | null {
  return stored === null ? null : openText(stored, keyring)
}

export function isSealedBytes(value: Uint8Array): boolean {
  return (
    value.length > BYTES_MAGIC.length &&
    Buffer.from(value).subarray(0, BYTES_MAGIC.length).equals(BYTES_MAGIC)
  )
}

export function bytesKeyId(value: Uint8Array): string | undefined {
  if (!isSealedBytes(value)) return undefined
  const buffer = Buffer.from(value)
  const length = buffer[BYTES_MAGIC.length] ?? 0
  return buffer.subarray(BYTES_MAGIC.length + 1, BYTES_MAGIC.length + 1 + length).toString('ascii')
}

export function sealBytes(plain: Uint8Array, keyring: Keyring = currentKeyring()): Buffer {
  const { iv, sealed } = encrypt(keyring.active, Buffer.from(plain))
  const id = Buffer.from(keyring.active.id, 'ascii')
  return Buffer.concat([BYTES_MAGIC, Buffer.from([id.length]), id, iv, sealed])
}

export function openBytes(stored: Uint8Array, keyring: Keyring = currentKeyring()): Buffer {
  const buffer = Buffer.from(stored)
  if (!isSealedBytes(buffer)) return buffer
  const id = bytesKeyId(buffer) ?? ''
  const start = BYTES_MAGIC.length + 1 + id.length
  return decrypt(
    keyFor(keyring, id),
    buffer.subarray(start, start + IV_BYTES),
    buffer.subarray(start + IV_BYTES),
  )
}
