import { installKeyring, keyringOf, parseKey } from '../platform/encryption.ts'

/** The fixed key of the tests (never of an installation): 32 bytes of 0x2a. */
export const testEncryptionKey = Buffer.alloc(32, 42).toString('base64')

export function installTestKeyring(): void {
  installKeyring(keyringOf([parseKey(testEncryptionKey, 'test key')], 'the test key'))
}
