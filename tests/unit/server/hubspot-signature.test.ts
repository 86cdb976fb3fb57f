import { createHmac } from 'node:crypto';
import { signHubspotV3, verifyHubspotSignatureV3, type SignedRequest } from '../../../src/server/hubspot-signature';

const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const NOW_MS = 1_700_000_000_000;
const FIVE_MINUTES_MS = 300_000;
const URI = 'https://pulse.example.com/webhooks/hubspot?portalId=62515';
const RAW_BODY = '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"objectId":123}]';

/** The scheme written out by hand, so the tests do not only check signHubspotV3 against itself. */
function independentSignature(sourceString: string, secret = SECRET): string {
  return createHmac('sha256', secret).update(sourceString, 'utf8').digest('base64');
}

/** A request as HubSpot would send it, signed independently; `overrides` then tampers with it. */
function signedRequest(overrides: Partial<SignedRequest> = {}, sentAtMs = NOW_MS): SignedRequest {
  const timestamp = String(sentAtMs);
  return {
    method: 'POST',
    uri: URI,
    rawBody: Buffer.from(RAW_BODY, 'utf8'),
    timestamp,
    signature: independentSignature(`POST${URI}${RAW_BODY}${timestamp}`),
    ...overrides,
  };
}

describe('HubSpot v3 request signatures', () => {
  it('accepts a request signed with the client secret, and signHubspotV3 agrees with the hand-built signature', () => {
    const request = signedRequest();
    expect(verifyHubspotSignatureV3(request, SECRET, NOW_MS)).toEqual({ ok: true });
    expect(signHubspotV3('POST', URI, request.rawBody, String(NOW_MS), SECRET)).toBe(request.signature);
  });

  it('signs the method upper-case, whatever case the caller hands over', () => {
    expect(verifyHubspotSignatureV3(signedRequest({ method: 'post' }), SECRET, NOW_MS)).toEqual({ ok: true });
  });

  it('rejects a signature made with another secret', () => {
    const timestamp = String(NOW_MS);
    const forged = signedRequest({ signature: independentSignature(`POST${URI}${RAW_BODY}${timestamp}`, 'not-the-secret') });
    expect(verifyHubspotSignatureV3(forged, SECRET, NOW_MS)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('never accepts anything against an empty client secret', () => {
    const timestamp = String(NOW_MS);
    const signedWithEmptyKey = signedRequest({ signature: independentSignature(`POST${URI}${RAW_BODY}${timestamp}`, '') });
    expect(verifyHubspotSignatureV3(signedWithEmptyKey, '', NOW_MS)).toEqual({ ok: false, reason: 'mismatch' });
  });

  describe('the timestamp', () => {
    it('accepts exactly five minutes old, rejects five minutes and one millisecond old', () => {
      expect(verifyHubspotSignatureV3(signedRequest({}, NOW_MS - FIVE_MINUTES_MS), SECRET, NOW_MS)).toEqual({ ok: true });
      expect(verifyHubspotSignatureV3(signedRequest({}, NOW_MS - FIVE_MINUTES_MS - 1), SECRET, NOW_MS)).toEqual({ ok: false, reason: 'stale' });
    });

    it('rejects a timestamp further in the future than the allowed skew', () => {
      expect(verifyHubspotSignatureV3(signedRequest({}, NOW_MS + FIVE_MINUTES_MS), SECRET, NOW_MS)).toEqual({ ok: true });
      expect(verifyHubspotSignatureV3(signedRequest({}, NOW_MS + FIVE_MINUTES_MS + 1), SECRET, NOW_MS)).toEqual({ ok: false, reason: 'stale' });
    });

    it('honours a narrower window when the caller asks for one', () => {
      expect(verifyHubspotSignatureV3(signedRequest({}, NOW_MS - 1_001), SECRET, NOW_MS, 1_000)).toEqual({ ok: false, reason: 'stale' });
    });

    it.each(['not-a-number', '1.7e12', ' 1700000000000', '0x18BCFE56800', '-1700000000000', '99999999999999999999'])(
      'rejects an unparseable timestamp %p, even when the signature covers it',
      (timestamp) => {
        const request = signedRequest({ timestamp, signature: independentSignature(`POST${URI}${RAW_BODY}${timestamp}`) });
        expect(verifyHubspotSignatureV3(request, SECRET, NOW_MS)).toEqual({ ok: false, reason: 'stale' });
      },
    );
  });

  it.each([
    ['no signature header', { signature: undefined }],
    ['no timestamp header', { timestamp: undefined }],
    ['an empty signature header', { signature: '' }],
    ['an empty timestamp header', { timestamp: '' }],
  ] as const)('reports %s as missing', (_label, overrides) => {
    expect(verifyHubspotSignatureV3(signedRequest(overrides), SECRET, NOW_MS)).toEqual({ ok: false, reason: 'missing' });
  });

  describe('what the signature covers', () => {
    it('rejects a body altered by one byte', () => {
      const altered = Buffer.from(RAW_BODY, 'utf8');
      altered[altered.length - 2] = '0'.charCodeAt(0); // objectId 123 → 120
      expect(verifyHubspotSignatureV3(signedRequest({ rawBody: altered }), SECRET, NOW_MS)).toEqual({ ok: false, reason: 'mismatch' });
    });

    it('rejects the body once parsed and re-serialized: only the raw bytes verify', () => {
      const raw = '{"a": 1}';
      const timestamp = String(NOW_MS);
      const signature = independentSignature(`POST${URI}${raw}${timestamp}`);
      const asReceived = signedRequest({ rawBody: Buffer.from(raw, 'utf8'), signature });
      const reserialized = signedRequest({ rawBody: Buffer.from(JSON.stringify(JSON.parse(raw)), 'utf8'), signature });
      expect(verifyHubspotSignatureV3(asReceived, SECRET, NOW_MS)).toEqual({ ok: true });
      expect(verifyHubspotSignatureV3(reserialized, SECRET, NOW_MS)).toEqual({ ok: false, reason: 'mismatch' });
    });

    it('signs non-ASCII bodies as their UTF-8 bytes', () => {
      const raw = '{"name":"Zoë Åberg — 東京"}';
      const timestamp = String(NOW_MS);
      const request = signedRequest({ rawBody: Buffer.from(raw, 'utf8'), signature: independentSignature(`POST${URI}${raw}${timestamp}`) });
      expect(verifyHubspotSignatureV3(request, SECRET, NOW_MS)).toEqual({ ok: true });
    });

    it('rejects a different query string, and a different method', () => {
      expect(verifyHubspotSignatureV3(signedRequest({ uri: `${URI}&extra=1` }), SECRET, NOW_MS)).toEqual({ ok: false, reason: 'mismatch' });
      expect(verifyHubspotSignatureV3(signedRequest({ uri: URI.replace('62515', '62516') }), SECRET, NOW_MS)).toEqual({ ok: false, reason: 'mismatch' });
      expect(verifyHubspotSignatureV3(signedRequest({ method: 'PUT' }), SECRET, NOW_MS)).toEqual({ ok: false, reason: 'mismatch' });
    });

    it('rejects a replayed signature under a fresh timestamp', () => {
      const original = signedRequest({}, NOW_MS - 60_000);
      expect(verifyHubspotSignatureV3({ ...original, timestamp: String(NOW_MS) }, SECRET, NOW_MS)).toEqual({ ok: false, reason: 'mismatch' });
    });
  });

  describe('the URI is signed after HubSpot decodes its listed escapes', () => {
    const calledUri = 'https://pulse.example.com/webhooks/hubspot?next=%2Fdeals%3Fid%3D7&who=a%40b.c&x=%21%24%27%28%29%2A%2C%3B%3a';
    // %3D (=) is not in HubSpot's list, so it stays encoded; %3a (lower case) is the same escape as %3A.
    const signedUri = "https://pulse.example.com/webhooks/hubspot?next=/deals?id%3D7&who=a@b.c&x=!$'()*,;:";

    it('verifies the encoded URI against a signature over the decoded one', () => {
      const timestamp = String(NOW_MS);
      const request = signedRequest({ uri: calledUri, signature: independentSignature(`POST${signedUri}${RAW_BODY}${timestamp}`) });
      expect(verifyHubspotSignatureV3(request, SECRET, NOW_MS)).toEqual({ ok: true });
      expect(signHubspotV3('POST', calledUri, request.rawBody, timestamp, SECRET)).toBe(request.signature);
    });

    it('does not decode other escapes, nor decode twice', () => {
      const uri = 'https://pulse.example.com/webhooks/hubspot?q=a%20b%253A';
      const timestamp = String(NOW_MS);
      const request = signedRequest({ uri, signature: independentSignature(`POST${uri}${RAW_BODY}${timestamp}`) });
      expect(verifyHubspotSignatureV3(request, SECRET, NOW_MS)).toEqual({ ok: true });
    });
  });

  // A base64 HMAC-SHA256 is 44 characters; 'ä' × 44 has the right character count but 88 bytes.
  it.each(['AAAA', 'x'.repeat(43), 'x'.repeat(45), 'ä'.repeat(44)])('treats a signature of the wrong length (%p) as a mismatch without throwing', (signature) => {
    const verify = () => verifyHubspotSignatureV3(signedRequest({ signature }), SECRET, NOW_MS);
    expect(verify).not.toThrow();
    expect(verify()).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('never puts the secret in what it returns', () => {
    const verdicts = [signedRequest(), signedRequest({ signature: 'forged' }), signedRequest({}, 0)].map((r) => verifyHubspotSignatureV3(r, SECRET, NOW_MS));
    expect(JSON.stringify(verdicts)).not.toContain(SECRET);
    expect(signHubspotV3('POST', URI, Buffer.from(RAW_BODY), String(NOW_MS), SECRET)).not.toContain(SECRET);
  });
});
