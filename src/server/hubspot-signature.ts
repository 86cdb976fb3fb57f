/**
 * HubSpot webhook signatures, version 3 (`X-HubSpot-Signature-v3` + `X-HubSpot-Request-Timestamp`).
 *
 * signature = base64(HMAC-SHA256(clientSecret, method + uri + rawBody + timestamp))
 *
 * Pure: no I/O, no logging, and nothing returned ever carries the secret. The caller supplies the URI
 * HubSpot called (public base URL + path and query as received) and the body bytes as received: a body
 * parsed and re-serialized is a different byte string and will not verify.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface SignedRequest {
  method: string;
  uri: string;
  rawBody: Buffer;
  signature: string | undefined;
  timestamp: string | undefined;
}

export type SignatureVerdict = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' };

/** HubSpot's replay window: five minutes either side of now. */
const DEFAULT_MAX_AGE_MS = 300_000;

/**
 * HubSpot signs the URI after decoding these escapes, and only these (the v3 section of HubSpot's
 * "Validating requests" page: a table of twelve encoded/decoded pairs). Other escapes, `%20` or `%25`
 * for instance, stay encoded, so this is deliberately not `decodeURIComponent`.
 * One left-to-right pass: `%253A` stays `%253A` rather than being decoded twice into `:`.
 * Hex digits match either case because percent-encoding is case-insensitive (RFC 3986 §2.1).
 */
const DECODED_BEFORE_SIGNING: Readonly<Record<string, string>> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};
const ESCAPES_HUBSPOT_DECODES = /%(?:3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi;

function uriAsHubspotSignsIt(uri: string): string {
  return uri.replace(ESCAPES_HUBSPOT_DECODES, (escape) => DECODED_BEFORE_SIGNING[escape.toUpperCase()] ?? escape);
}

/** The signature HubSpot would send for this request. For tests and local stand-ins of HubSpot. */
export function signHubspotV3(method: string, uri: string, rawBody: Buffer, timestamp: string, clientSecret: string): string {
  // The body goes in as bytes, not through a string, so nothing re-encodes what HubSpot sent.
  return createHmac('sha256', clientSecret)
    .update(Buffer.from(method.toUpperCase() + uriAsHubspotSignsIt(uri), 'utf8'))
    .update(rawBody)
    .update(Buffer.from(timestamp, 'utf8'))
    .digest('base64');
}

/** Milliseconds since epoch, digits only: `Number()` alone would accept '', ' 1e3', '0x10'. */
function parseTimestampMs(text: string): number | undefined {
  if (!/^\d{1,16}$/.test(text)) return undefined;
  const ms = Number(text);
  return Number.isSafeInteger(ms) ? ms : undefined;
}

function isFresh(timestamp: string, nowMs: number, maxAgeMs: number): boolean {
  const sentAtMs = parseTimestampMs(timestamp);
  // A timestamp too far ahead is as suspect as one too old: it would stay "fresh" for longer than the window.
  return sentAtMs !== undefined && Math.abs(nowMs - sentAtMs) <= maxAgeMs;
}

function sameSignature(expected: string, given: string): boolean {
  const expectedBytes = Buffer.from(expected, 'utf8');
  const givenBytes = Buffer.from(given, 'utf8');
  // timingSafeEqual throws on unequal lengths; a wrong-length signature is simply not ours.
  // The length of a base64 HMAC-SHA256 is public, so checking it first leaks nothing.
  return expectedBytes.length === givenBytes.length && timingSafeEqual(expectedBytes, givenBytes);
}

/**
 * Missing headers → 'missing'; timestamp unparseable, older than `maxAgeMs` or further ahead than it →
 * 'stale'; otherwise the signature must match exactly → 'mismatch' if not.
 * The timestamp is checked before the HMAC so a replayed request is refused whatever its signature.
 */
export function verifyHubspotSignatureV3(request: SignedRequest, clientSecret: string, nowMs: number, maxAgeMs = DEFAULT_MAX_AGE_MS): SignatureVerdict {
  const { signature, timestamp } = request;
  if (signature === undefined || signature === '' || timestamp === undefined || timestamp === '') return { ok: false, reason: 'missing' };
  if (!isFresh(timestamp, nowMs, maxAgeMs)) return { ok: false, reason: 'stale' };
  // An empty key is one anybody can sign with: never accept a request against it.
  if (clientSecret === '') return { ok: false, reason: 'mismatch' };
  const expected = signHubspotV3(request.method, request.uri, request.rawBody, timestamp, clientSecret);
  return sameSignature(expected, signature) ? { ok: true } : { ok: false, reason: 'mismatch' };
}
