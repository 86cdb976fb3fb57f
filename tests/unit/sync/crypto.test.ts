import { randomBytes } from 'node:crypto';
import { decryptSecret, encryptSecret, parseEncryptionKey } from '../../../src/crypto';
import { sealConnectorCredentials } from '../../../src/commands/sync-deps';
import { openCredentials } from '../../../src/sync/state';

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

  it('without a configured key no credential is kept at all, nor an empty map', () => {
    expect(sealConnectorCredentials({ HUBSPOT_ACCESS_TOKEN: 'token' }, {})).toBeNull();
    expect(sealConnectorCredentials({}, { encryptionKey: HEX_KEY })).toBeNull();
    const sealed = sealConnectorCredentials({ HUBSPOT_ACCESS_TOKEN: 'token', HUBSPOT_BASE_URL: 'https://api.hubapi.com' }, { encryptionKey: HEX_KEY });
    expect(sealed).not.toBeNull();
    expect(sealed).not.toContain('token');
    expect(JSON.parse(decryptSecret(sealed as string, parseEncryptionKey(HEX_KEY)))).toEqual({ HUBSPOT_ACCESS_TOKEN: 'token', HUBSPOT_BASE_URL: 'https://api.hubapi.com' });
  });

  it('sealed credentials open as the map of variables; a row sealed before the map (a bare token) reads as the CRM\'s access-token variable', () => {
    const key = parseEncryptionKey(HEX_KEY);
    const map = { SALESFORCE_INSTANCE_URL: 'https://x.my.salesforce.com', SALESFORCE_ACCESS_TOKEN: '00D!abc' };
    expect(openCredentials(encryptSecret(JSON.stringify(map), key), key, 'salesforce')).toEqual(map);
    expect(openCredentials(encryptSecret('pat-na1-old', key), key, 'hubspot')).toEqual({ HUBSPOT_ACCESS_TOKEN: 'pat-na1-old' });
    expect(openCredentials(encryptSecret('00D!old', key), key, 'salesforce')).toEqual({ SALESFORCE_ACCESS_TOKEN: '00D!old' });
  });

  it('a sealed value that is not a map of text fails loudly, without quoting it', () => {
    const key = parseEncryptionKey(HEX_KEY);
    expect(() => openCredentials(encryptSecret('{"A": 1}', key), key, 'hubspot')).toThrow(expect.objectContaining({ code: 'STATE_STORE_FAILED' }));
    expect(() => openCredentials(encryptSecret('{secret-not-json', key), key, 'hubspot')).toThrow(expect.objectContaining({ code: 'STATE_STORE_FAILED', message: expect.not.stringContaining('secret') }));
    expect(() => openCredentials(encryptSecret('{"A": ["x"]}', key), key, 'hubspot')).toThrow(/map of environment variables/);
    expect(() => openCredentials(encryptSecret('old-token', key), key, 'dry-run')).toThrow(expect.objectContaining({ code: 'STATE_STORE_FAILED' }));
  });
});
