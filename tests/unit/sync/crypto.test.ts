import { randomBytes } from 'node:crypto';
import { decryptSecret, encryptSecret, parseEncryptionKey } from '../../../src/crypto';
import { sealCredential } from '../../../src/commands/sync-deps';

const HEX_KEY = 'a'.repeat(64);

describe('credentials at rest (AES-256-GCM)', () => {
  it('round-trips, and never contains the plaintext', () => {
    const key = parseEncryptionKey(HEX_KEY);
    const sealed = encryptSecret('pat-na1-secret-token', key);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('secret');
    expect(decryptSecret(sealed, key)).toBe('pat-na1-secret-token');
    // A fresh IV each time: equal tokens do not give equal envelopes.
    expect(encryptSecret('pat-na1-secret-token', key)).not.toBe(sealed);
  });

  it('the wrong key or a tampered value fails with STATE_STORE_FAILED, not garbage', () => {
    const sealed = encryptSecret('token', parseEncryptionKey(HEX_KEY));
    expect(() => decryptSecret(sealed, parseEncryptionKey('b'.repeat(64)))).toThrow(expect.objectContaining({ code: 'STATE_STORE_FAILED' }));
    const parts = sealed.split('.');
    const tampered = [parts[0], parts[1], parts[2], Buffer.from('tokem').toString('base64url')].join('.');
    expect(() => decryptSecret(tampered, parseEncryptionKey(HEX_KEY))).toThrow(/wrong PULSE_ENCRYPTION_KEY or tampered/);
    expect(() => decryptSecret('plain-token', parseEncryptionKey(HEX_KEY))).toThrow(/not a v1/);
  });

  it('takes the key as 64 hex characters or base64 of 32 bytes, and never echoes a bad one', () => {
    const bytes = randomBytes(32);
    expect(parseEncryptionKey(bytes.toString('base64')).equals(bytes)).toBe(true);
    expect(parseEncryptionKey(bytes.toString('hex')).equals(bytes)).toBe(true);
    expect(() => parseEncryptionKey('too-short-secret')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.not.stringContaining('too-short-secret') }));
  });

  it('without a configured key no credential is kept at all', () => {
    expect(sealCredential('token', {})).toBeNull();
    expect(sealCredential(null, { encryptionKey: HEX_KEY })).toBeNull();
    const sealed = sealCredential('token', { encryptionKey: HEX_KEY });
    expect(sealed).not.toBeNull();
    expect(decryptSecret(sealed as string, parseEncryptionKey(HEX_KEY))).toBe('token');
  });
});
