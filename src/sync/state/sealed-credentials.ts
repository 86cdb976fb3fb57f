/**
 * What an installation's sealed credentials hold: a JSON object of the environment variables its
 * connector authenticates with (`{"HUBSPOT_ACCESS_TOKEN": "…", "HUBSPOT_BASE_URL": "…"}`), sealed
 * with AES-256-GCM under PULSE_ENCRYPTION_KEY (src/crypto). One shape for the CLI's rows and named
 * installations alike, so whoever runs an installation rebuilds its environment from the map alone.
 *
 * Rows sealed before this format hold one access token, not a map. No migration can rewrite them (SQL
 * never has the key), so the reader tolerates them: the token reads as that CRM's access-token variable.
 */
import { decryptSecret, encryptSecret } from '../../crypto';
import { PulseError } from '../../errors';

export type CredentialVariables = Record<string, string>;

/** The variable an old single-token row stands for, per CRM. */
const LEGACY_TOKEN_VARIABLE: Readonly<Record<string, string>> = { hubspot: 'HUBSPOT_ACCESS_TOKEN', salesforce: 'SALESFORCE_ACCESS_TOKEN' };

export function sealCredentials(variables: CredentialVariables, key: Buffer): string {
  return encryptSecret(JSON.stringify(variables), key);
}

/**
 * The variables sealed in `sealed`. A wrong key or a tampered value throws STATE_STORE_FAILED (GCM
 * authenticates); a value is never part of a message.
 */
export function openCredentials(sealed: string, key: Buffer, crm: string): CredentialVariables {
  const plaintext = decryptSecret(sealed, key);
  if (!plaintext.startsWith('{')) {
    const variable = LEGACY_TOKEN_VARIABLE[crm];
    if (variable === undefined) throw new PulseError('STATE_STORE_FAILED', `stored credentials of a ${crm} installation hold a bare token, which only HubSpot and Salesforce rows had`);
    return { [variable]: plaintext };
  }
  const parsed = parseJson(plaintext);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !Object.values(parsed).every((value) => typeof value === 'string')) {
    throw new PulseError('STATE_STORE_FAILED', 'stored credentials are not a map of environment variables to text');
  }
  return parsed as CredentialVariables;
}

/** JSON.parse's own error quotes the text it read: here that is a secret, so it is replaced, cause and all. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new PulseError('STATE_STORE_FAILED', 'stored credentials are not valid JSON');
  }
}
