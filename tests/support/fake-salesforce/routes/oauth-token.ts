import { verify } from 'node:crypto';
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { FakeSessions, TokenGrant } from '../sessions';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
export const ORG_ID = '00D000000000001AAA';
export const USER_ID = '005000000000001AAA';
/** How far ahead an assertion's `exp` may be (Salesforce takes a few minutes). */
const MAX_ASSERTION_SECONDS = 300;

function field(body: unknown, name: string): string | undefined {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

interface DecodedJwt {
  header: unknown;
  claims: unknown;
  /** `header.claims`, the bytes the signature covers. */
  signingInput: string;
  signature: Buffer;
}

/** The parts of a compact JWT, decoded; undefined unless it is three base64url parts whose first two are JSON. */
function decodeJwt(assertion: string): DecodedJwt | undefined {
  const parts = assertion.split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[\w-]*$/.test(part)) || parts[2] === '') return undefined;
  try {
    const [header, claims] = parts.slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown);
    return { header, claims, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2] ?? '', 'base64url') };
  } catch (error) {
    // Not JSON: a malformed assertion, refused as such; anything else is a bug of the fake.
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

type Refusal = { error: string; description: string };

const rs256Header = z.object({ alg: z.literal('RS256') });
const claimsShape = z.object({ iss: z.string(), sub: z.string().min(1), aud: z.string(), exp: z.number() });

/**
 * Checks an assertion as Salesforce does when the fake holds the connected app's key: an RS256 signature
 * by its private key, `aud` = the login URL, `sub` = the expected user (when one is set), `exp` in the next
 * few minutes. (`iss` is checked with the client id, like every grant's.) Undefined: accepted.
 */
function refuseAssertion(jwt: DecodedJwt, sessions: FakeSessions, loginUrl: string, grant: TokenGrant): Refusal | undefined {
  const key = sessions.jwtPublicKey;
  if (key === undefined) return undefined;
  const invalid = { error: 'invalid_grant', description: 'invalid assertion' };
  if (!rs256Header.safeParse(jwt.header).success) return invalid;
  grant.signatureVerified = verify('sha256', Buffer.from(jwt.signingInput), key, jwt.signature);
  if (!grant.signatureVerified) return invalid;
  const claims = claimsShape.safeParse(jwt.claims);
  if (!claims.success) return invalid;
  if (claims.data.aud !== loginUrl) return { error: 'invalid_grant', description: 'audience is invalid' };
  if (sessions.jwtUsername !== undefined && claims.data.sub !== sessions.jwtUsername) return { error: 'invalid_grant', description: "user hasn't approved this consumer" };
  const now = Date.now() / 1000;
  if (claims.data.exp <= now || claims.data.exp > now + MAX_ASSERTION_SECONDS) return { error: 'invalid_grant', description: 'expired authorization code' };
  return undefined;
}

/**
 * `POST /services/oauth2/token` (form body): the refresh-token grant and the JWT bearer grant (any well-formed
 * assertion, or, given `jwtPublicKey`, only one signed and addressed as Salesforce requires); the client id is the
 * form's `client_id`, or the assertion's `iss`. Errors are OAuth's `{ error, error_description }`; every grant is
 * recorded.
 */
export function postOauthToken(sessions: FakeSessions, instanceUrl: () => string, clientId: string | undefined) {
  return (req: Request, res: Response): void => {
    const grantType = field(req.body, 'grant_type') ?? '';
    const grant: TokenGrant = { grantType, clientId: field(req.body, 'client_id'), ok: false };
    sessions.grants.push(grant);
    const refuse = ({ error, description }: Refusal): void => {
      grant.error = error;
      res.status(400).json({ error, error_description: description });
    };
    const clientRefused: Refusal = { error: 'invalid_client_id', description: 'client identifier invalid' };
    let jwt: DecodedJwt | undefined;
    if (grantType === JWT_BEARER) {
      jwt = decodeJwt(field(req.body, 'assertion') ?? '');
      if (jwt === undefined) return refuse({ error: 'invalid_grant', description: 'invalid assertion' });
      grant.assertion = { header: jwt.header, claims: jwt.claims };
      const issuer = typeof jwt.claims === 'object' && jwt.claims !== null ? (jwt.claims as Record<string, unknown>).iss : undefined;
      grant.clientId = typeof issuer === 'string' ? issuer : undefined;
    }
    if (clientId !== undefined && grant.clientId !== clientId) return refuse(clientRefused);
    if (grantType === 'refresh_token') {
      grant.refreshToken = field(req.body, 'refresh_token');
      if (grant.refreshToken !== sessions.refreshToken) return refuse({ error: 'invalid_grant', description: 'expired access/refresh token' });
    } else if (jwt !== undefined) {
      const refusal = refuseAssertion(jwt, sessions, instanceUrl(), grant);
      if (refusal !== undefined) return refuse(refusal);
    } else {
      return refuse({ error: 'unsupported_grant_type', description: 'grant type not supported' });
    }
    grant.ok = true;
    grant.accessToken = sessions.issue();
    const issuedAt = String(Date.now());
    res.status(200).json({
      access_token: grant.accessToken,
      instance_url: instanceUrl(),
      id: `${instanceUrl()}/id/${ORG_ID}/${USER_ID}`,
      token_type: 'Bearer',
      issued_at: issuedAt,
      signature: Buffer.from(`fake-signature-${issuedAt}`).toString('base64'),
      scope: 'api refresh_token',
    });
  };
}
