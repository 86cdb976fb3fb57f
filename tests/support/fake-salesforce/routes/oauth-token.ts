import type { Request, Response } from 'express';
import type { FakeSessions, TokenGrant } from '../sessions';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
export const ORG_ID = '00D000000000001AAA';
export const USER_ID = '005000000000001AAA';

function field(body: unknown, name: string): string | undefined {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** The parts of a compact JWT, decoded; undefined unless it is three base64url parts whose first two are JSON. */
function decodeJwt(assertion: string): { header: unknown; claims: unknown } | undefined {
  const parts = assertion.split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[\w-]*$/.test(part)) || parts[2] === '') return undefined;
  try {
    const [header, claims] = parts.slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown);
    return { header, claims };
  } catch (error) {
    // Not JSON: a malformed assertion, refused as such; anything else is a bug of the fake.
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/**
 * `POST /services/oauth2/token` (form body): the refresh-token grant and the JWT bearer grant (any well-formed
 * assertion; its signature is not checked but the grant is recorded). Errors are OAuth's `{ error, error_description }`.
 */
export function postOauthToken(sessions: FakeSessions, instanceUrl: () => string, clientId: string | undefined) {
  return (req: Request, res: Response): void => {
    const grantType = field(req.body, 'grant_type') ?? '';
    const grant: TokenGrant = { grantType, clientId: field(req.body, 'client_id'), ok: false };
    sessions.grants.push(grant);
    const refuse = (error: string, description: string): void => void res.status(400).json({ error, error_description: description });
    if (clientId !== undefined && grant.clientId !== clientId) return refuse('invalid_client_id', 'client identifier invalid');
    if (grantType === 'refresh_token') {
      grant.refreshToken = field(req.body, 'refresh_token');
      if (grant.refreshToken !== sessions.refreshToken) return refuse('invalid_grant', 'expired access/refresh token');
    } else if (grantType === JWT_BEARER) {
      grant.assertion = decodeJwt(field(req.body, 'assertion') ?? '');
      if (grant.assertion === undefined) return refuse('invalid_grant', 'invalid assertion');
    } else {
      return refuse('unsupported_grant_type', 'grant type not supported');
    }
    grant.ok = true;
    const issuedAt = String(Date.now());
    res.status(200).json({
      access_token: sessions.issue(),
      instance_url: instanceUrl(),
      id: `${instanceUrl()}/id/${ORG_ID}/${USER_ID}`,
      token_type: 'Bearer',
      issued_at: issuedAt,
      signature: Buffer.from(`fake-signature-${issuedAt}`).toString('base64'),
      scope: 'api refresh_token',
    });
  };
}
