import { readFileSync } from 'node:fs';
import type { PulseConfig } from '../../../src/config/config';
import { PulseError } from '../../../src/errors';
import type { SalesforceCredentials } from './token-grants';

/** The PEM text at SALESFORCE_PRIVATE_KEY_PATH; the file's content never reaches a message. */
function readPrivateKey(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new PulseError('CONFIG_INVALID', `cannot read the Salesforce private key (${code})`, { place: `SALESFORCE_PRIVATE_KEY_PATH=${path}`, hint: 'point SALESFORCE_PRIVATE_KEY_PATH at the PEM key whose certificate is on the External Client App' });
  }
}

/**
 * The credentials the environment gives (PulseConfig, never the file): an access token, renewed by the
 * refresh-token flow when SALESFORCE_REFRESH_TOKEN is set, or the JWT bearer flow when
 * SALESFORCE_USERNAME is. The link checks what a flow lacks and names the variable.
 */
export function salesforceCredentials(sf: PulseConfig['crm']['salesforce']): SalesforceCredentials {
  const credentials: SalesforceCredentials = { accessToken: sf.accessToken };
  if (sf.refreshToken !== undefined) {
    credentials.refresh = { refreshToken: sf.refreshToken, clientId: sf.clientId ?? '', clientSecret: sf.clientSecret, loginUrl: sf.loginUrl };
  }
  if (sf.username !== undefined || sf.privateKeyPath !== undefined) {
    if (sf.privateKeyPath === undefined) {
      throw new PulseError('CRM_NOT_CONFIGURED', 'the Salesforce JWT bearer flow needs SALESFORCE_PRIVATE_KEY_PATH', { place: 'SALESFORCE_PRIVATE_KEY_PATH', hint: 'set SALESFORCE_PRIVATE_KEY_PATH' });
    }
    credentials.jwt = { username: sf.username ?? '', privateKey: readPrivateKey(sf.privateKeyPath), clientId: sf.clientId ?? '', loginUrl: sf.loginUrl };
  }
  return credentials;
}
