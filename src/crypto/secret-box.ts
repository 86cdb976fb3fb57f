/**
 * AES-256-GCM for CRM credentials at rest. The envelope is `v1.<iv>.<tag>.<ciphertext>` (base64url),
 * so a stored value says which scheme wrote it and a key rotation can add `v2` beside it.
 * GCM authenticates: a tampered value or the wrong key fails loudly instead of decrypting to garbage.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { PulseError } from '../errors';

const VERSION = 'v1';
const IV_BYTES = 12;

/** PULSE_ENCRYPTION_KEY as 32 bytes: 64 hex characters or base64 (what the config schema accepts). */
export function parseEncryptionKey(text: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  // Never echo the value: it is the secret.
  if (key.length !== 32) throw new PulseError('CONFIG_INVALID', 'PULSE_ENCRYPTION_KEY must be 32 bytes (64 hex characters or base64)', { place: 'env PULSE_ENCRYPTION_KEY' });
  return key;
}

export function encryptSecret(plaintext: string, key: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

export function decryptSecret(envelope: string, key: Buffer): string {
  const [version, iv, tag, ciphertext, ...rest] = envelope.split('.');
  if (version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined || rest.length > 0) {
    throw new PulseError('STATE_STORE_FAILED', 'stored credentials are not a v1 AES-256-GCM envelope');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch (cause) {
    throw new PulseError('STATE_STORE_FAILED', 'stored credentials cannot be decrypted: wrong PULSE_ENCRYPTION_KEY or tampered value', { cause });
  }
}
