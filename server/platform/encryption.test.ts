import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from './config.ts'
import {
  bytesKeyId,
  EncryptionKeyError,
  generateKeyText,
  keyringOf,
  openBytes,
  openText,
  parseKey,
  parseKeyFile,
  sealBytes,
  sealText,
  textKeyId,
} from './encryption.ts'
import { addActiveKeyToFile, loadKeyring } from './encryption-keys.ts'

const first = parseKey(Buffer.alloc(32, 1).toString('base64'), 'first')
const second = parseKey(Buffer.alloc(32, 2).toString('hex'), 'second')
const ring = keyringOf([first], 'test')

describe('the encryption envelope (AES-256-GCM)', () => {
  it('seals text with the key id and a fresh IV, and opens it again', () => {
    const plain = 'Gesundheit: Diabetes, Termin beim Hausarzt – سلام'
    const a = sealText(plain, ring)
    const b = sealText(plain, ring)
    expect(a).toMatch(new RegExp(`^lotse-enc:v1:${first.id}:[A-Za-z0-9+/=]{16}:[A-Za-z0-9+/=]+$`))
    expect(a).not.toBe(b)
    expect(a).not.toContain('Diabetes')
    expect(textKeyId(a)).toBe(first.id)
    expect(openText(a, ring)).toBe(plain)
  })

  it('seals bytes and opens them again', () => {
    const plain = Buffer.from('%PDF-1.4 Attest')
    const sealed = sealBytes(plain, ring)
    expect(sealed.includes(Buffer.from('Attest'))).toBe(false)
    expect(bytesKeyId(sealed)).toBe(first.id)
    expect(openBytes(sealed, ring).equals(plain)).toBe(true)
  })

  it('leaves empty text empty and reads legacy plain text unchanged', () => {
    expect(sealText('', ring)).toBe('')
    expect(openText('ein alter Vermerk', ring)).toBe('ein alter Vermerk')
    expect(openBytes(Buffer.from('%PDF'), ring).toString()).toBe('%PDF')
  })

  it('refuses a value under a key the ring lacks, and a value that was altered', () => {
    const other = keyringOf([second], 'other')
    expect(() => openText(sealText('x', ring), other)).toThrow(EncryptionKeyError)
    expect(() => openBytes(sealBytes(Buffer.from('x'), ring), other)).toThrow(/does not hold/)
    const sealed = sealText('Vermerk', ring)
    const altered = `${sealed.slice(0, -4)}AAA=`
    expect(() => openText(altered, ring)).toThrow(/does not authenticate/)
  })

  it('reads values under older keys of the ring and writes under the first', () => {
    const old = sealText('alt', ring)
    const rotated = keyringOf([second, first], 'rotated')
    expect(openText(old, rotated)).toBe('alt')
    expect(textKeyId(sealText('neu', rotated))).toBe(second.id)
  })

  it('takes keys as base64 or hex and refuses anything else', () => {
    expect(parseKey(generateKeyText(), 'x').key).toHaveLength(32)
    expect(() => parseKey('zu-kurz', 'LOTSE_ENCRYPTION_KEY')).toThrow(
      /LOTSE_ENCRYPTION_KEY: not an encryption key/,
    )
    expect(
      parseKeyFile(`# Kommentar\n${first.key.toString('base64')}\n\n${second.key.toString('hex')}\n`, 'f'),
    ).toEqual([first, second])
  })
})

describe('the key ring from the configuration', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lotse-keys-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('makes a key file in the data folder on first start outside production, readable by its owner only', () => {
    const config = loadConfig({ LOTSE_DATA_DIR: dir }, dir)
    const made = loadKeyring(config)
    const file = path.join(dir, 'encryption.key')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(loadKeyring(config).active.id).toBe(made.active.id)
  })

  it('takes the key and older keys from the environment, and never shows them in a configuration error', () => {
    const config = loadConfig(
      {
        LOTSE_ENCRYPTION_KEY: second.key.toString('base64'),
        LOTSE_ENCRYPTION_OLD_KEYS: first.key.toString('base64'),
      },
      dir,
    )
    const keyring = loadKeyring(config)
    expect(keyring.active.id).toBe(second.id)
    expect([...keyring.keys.keys()]).toEqual([second.id, first.id])
  })

  it('refuses production without a key of its own', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' }, dir)).toThrow(
      /LOTSE_ENCRYPTION_KEY or LOTSE_ENCRYPTION_KEY_FILE/,
    )
  })

  it('puts a new key first in the key file and keeps the older ones', () => {
    const file = path.join(dir, 'rotate.key')
    addActiveKeyToFile(file, first.key.toString('base64'))
    const rotated = addActiveKeyToFile(file, second.key.toString('base64'))
    expect(rotated.active.id).toBe(second.id)
    expect(parseKeyFile(readFileSync(file, 'utf8'), file).map((key) => key.id)).toEqual([second.id, first.id])
  })
})
