import { createPublicKey, randomBytes, type KeyObject } from 'node:crypto';

/**
 * A token request as the fake received it, for assertions: the JWT's header and claims decoded, and whether
 * its signature was checked against `jwtPublicKey`.
 */
export interface TokenGrant {
  grantType: string;
  /** The form's `client_id`; for a JWT grant, the assertion's `iss`. */
  clientId?: string;
  refreshToken?: string;
  assertion?: { header: unknown; claims: unknown };
  /** True when the assertion's RS256 signature verified with `jwtPublicKey` (undefined: no key to check with). */
  signatureVerified?: boolean;
  /** The access token a successful grant issued. */
  accessToken?: string;
  /** OAuth's error code when the grant was refused. */
  error?: string;
  ok: boolean;
}

export interface SessionOptions {
  /** An access token valid from the start. @defaultValue 'fake-salesforce-token' */
  accessToken?: string;
  /** The refresh token the token endpoint accepts. @defaultValue 'fake-salesforce-refresh-token' */
  refreshToken?: string;
  /** Each access token expires after this many data calls (the next is `INVALID_SESSION_ID`). @defaultValue never */
  sessionExpiresEvery?: number;
  /**
   * The connected app's certificate key (PEM text or a KeyObject): when set, a JWT bearer assertion must be
   * RS256-signed by its private key, with `iss` = the fake's `clientId` (when set), `sub` = `jwtUsername`
   * (when set, else any), `aud` = the fake's base URL (its login URL) and an `exp` in the next 5 minutes.
   * @defaultValue none: any well-formed assertion is taken
   */
  jwtPublicKey?: string | KeyObject;
  /** The username a JWT assertion must name (`sub`), checked with `jwtPublicKey`. @defaultValue any */
  jwtUsername?: string;
}

/** The org's sessions: which access tokens are live, how many calls each has left, and every token grant. */
export class FakeSessions {
  readonly refreshToken: string;
  readonly grants: TokenGrant[] = [];
  /** The key JWT assertions are verified with, if any. */
  readonly jwtPublicKey: KeyObject | undefined;
  readonly jwtUsername: string | undefined;
  /** Calls answered 401 because the token was unknown or spent. */
  rejected = 0;
  private readonly live = new Map<string, number>();
  private readonly every: number;

  constructor(options: SessionOptions) {
    this.refreshToken = options.refreshToken ?? 'fake-salesforce-refresh-token';
    this.every = options.sessionExpiresEvery ?? Number.POSITIVE_INFINITY;
    const key = options.jwtPublicKey;
    this.jwtPublicKey = key === undefined || (typeof key !== 'string' && key.type === 'public') ? key : createPublicKey(key);
    this.jwtUsername = options.jwtUsername;
    this.live.set(options.accessToken ?? 'fake-salesforce-token', 0);
  }

  /** A new access token, as a successful grant issues. */
  issue(): string {
    const token = `00D000000000001!${randomBytes(24).toString('base64url')}`;
    this.live.set(token, 0);
    return token;
  }

  /** Admits one data call on `token`; a token past its calls is dropped, like an expired session. */
  admit(token: string | undefined): boolean {
    const used = token === undefined ? undefined : this.live.get(token);
    if (token === undefined || used === undefined || used >= this.every) {
      if (token !== undefined) this.live.delete(token);
      this.rejected += 1;
      return false;
    }
    this.live.set(token, used + 1);
    return true;
  }

  /** Ends every session now (the next call on any token is `INVALID_SESSION_ID`). */
  expireAll(): void {
    this.live.clear();
  }
}
