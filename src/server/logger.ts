/**
 * The web process's one structured logger (pino). Redaction is by path, so a token never reaches a
 * line even when a request or an error object is logged whole.
 */
import pino, { type Logger } from 'pino';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-hubspot-signature-v3"]',
  'headers.authorization',
  '*.access_token',
  '*.refresh_token',
  '*.client_secret',
  '*.code',
  '*.code_verifier',
  '*.token',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);
}
