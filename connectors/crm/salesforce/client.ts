import { Connection } from 'jsforce';
import { z } from 'zod';
import { SALESFORCE_API_VERSION } from '../../../src/catalog/salesforce-manifest';
import { PulseError } from '../../../src/errors';

export interface SalesforceConnectionOptions {
  /** e.g. https://acme.my.salesforce.com (tests and local fakes point it elsewhere) */
  instanceUrl: string;
  /**
   * OAuth access token. Never logged. May be left out only when the link can obtain one (its `jwt` or
   * `refresh` options): `openSalesforceLink` refuses the options otherwise (CRM_NOT_CONFIGURED).
   */
  accessToken?: string;
  /** @defaultValue '60.0', the version the metadata in manifests/salesforce is written for */
  version?: string;
}

export function createSalesforceConnection(options: SalesforceConnectionOptions): Connection {
  return new Connection({
    instanceUrl: options.instanceUrl.replace(/\/+$/, ''),
    // Without one, jsforce sends no Authorization header until the link sets `conn.accessToken`.
    accessToken: options.accessToken === '' ? undefined : options.accessToken,
    version: options.version ?? SALESFORCE_API_VERSION,
  });
}

/** jsforce errors carry Salesforce's own `errorCode` (e.g. INVALID_SESSION_ID, NOT_FOUND): branch on it, never on text. */
const salesforceError = z.object({ errorCode: z.string() });

export function salesforceErrorCode(error: unknown): string | undefined {
  const parsed = salesforceError.safeParse(error);
  return parsed.success ? parsed.data.errorCode : undefined;
}

const AUTH_CODES = new Set(['INVALID_SESSION_ID', 'INVALID_AUTH_HEADER', 'ERROR_HTTP_401', 'ERROR_HTTP_403']);

/** Maps a jsforce error to the project's error convention; the message names the call, never the token. */
export function toSalesforceError(error: unknown, call: string): PulseError {
  const code = salesforceErrorCode(error);
  if (code !== undefined && AUTH_CODES.has(code)) {
    return new PulseError('CRM_AUTH_FAILED', `Salesforce refused ${call} (${code}): check the instance URL and access token`, { place: call, cause: error });
  }
  return new PulseError('CRM_REQUEST_FAILED', `Salesforce ${call} failed (${code ?? 'no error code'})`, { place: call, cause: error });
}
