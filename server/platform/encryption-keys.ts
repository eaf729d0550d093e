import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Config } from './config.ts'
import {
  type EncryptionKey,
  EncryptionKeyError,
  generateKeyText,
  type Keyring,
  keyringOf,
  parseKey,
  parseKeyFile,
} from './encryption.ts'

const fileHeader = [
  '# Lotse encryption keys (decision 0020, docs/encryption.md).',
  '# The first key encrypts; the others are kept to read values and backups written under them.',
  '# Without these keys the encrypted data and its backups cannot be read. Keep a copy apart from the data.',
]

function writeKeyFile(file: string, keys: readonly string[]): void {
  mkdirSync(path.dirname(file), { recursive: true })
  // Written beside and renamed: a crash leaves the old file or the new one, never half of one.
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, `${[...fileHeader, ...keys].join('\n')}\n`, { mode: 0o600 })
  renameSync(temporary, file)
}

/**
 * The key ring the configuration names. With no key configured outside production, a key file in
 * the data folder is made on first start, so that `npm start` and the demo need no setup; production
 * must supply its own key, kept apart from the data (config.ts refuses to start without one).
 */
export function loadKeyring(config: Pick<Config, 'encryption'>): Keyring {
  const settings = config.encryption
  if (settings.kind === 'environment') {
    const keys: EncryptionKey[] = [
      parseKey(settings.key, 'LOTSE_ENCRYPTION_KEY'),
      ...settings.oldKeys.map((key, index) => parseKey(key, `LOTSE_ENCRYPTION_OLD_KEYS, key ${index + 1}`)),
    ]
    return keyringOf(keys, 'LOTSE_ENCRYPTION_KEY')
  }
  if (!existsSync(settings.file)) {
    if (!settings.createIfMissing)
      throw new EncryptionKeyError(`${settings.file}: the key file does not exist`)
    writeKeyFile(settings.file, [generateKeyText()])
  }
  return keyringOf(parseKeyFile(readFileSync(settings.file, 'utf8'), settings.file), settings.file)
}

/**
 * Puts a new key first in the key file, keeping the older ones for reading; answers the new ring.
 * Only for a key ring from a file: keys from the environment are changed by the operator.
 */
export function addActiveKeyToFile(file: string, newKey: string): Keyring {
  const lines = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split(/\r?\n/)
        .map((line) => line.replace(/#.*$/, '').trim())
        .filter((line) => line !== '')
    : []
  const keys = [newKey, ...lines.filter((line) => line !== newKey)]
  const ring = keyringOf(
    keys.map((key, index) => parseKey(key, `${file}, key ${index + 1}`)),
    file,
  )
  writeKeyFile(file, keys)
  return ring
}
