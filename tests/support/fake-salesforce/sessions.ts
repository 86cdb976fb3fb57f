import { randomBytes } from 'node:crypto';

/** A token request as the fake received it, for assertions (the JWT's claims decoded, its signature not checked). */
export interface TokenGrant {
  grantType: string;
  clientId?: string;
  refreshToken?: string;
  assertion?: { header: unknown; claims: unknown };
  ok: boolean;
}

export interface SessionOptions {
  /** An access token valid from the start. @defaultValue 'fake-salesforce-token' */
  accessToken?: string;
  /** The refresh token the token endpoint accepts. @defaultValue 'fake-salesforce-refresh-token' */
  refreshToken?: string;
  /** Each access token expires after this many data calls (the next is `INVALID_SESSION_ID`). @defaultValue never */
  sessionExpiresEvery?: number;
}

/** The org's sessions: which access tokens are live, how many calls each has left, and every token grant. */
export class FakeSessions {
  readonly refreshToken: string;
  readonly grants: TokenGrant[] = [];
  /** Calls answered 401 because the token was unknown or spent. */
  rejected = 0;
  private readonly live = new Map<string, number>();
  private readonly every: number;

  constructor(options: SessionOptions) {
    this.refreshToken = options.refreshToken ?? 'fake-salesforce-refresh-token';
    this.every = options.sessionExpiresEvery ?? Number.POSITIVE_INFINITY;
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
