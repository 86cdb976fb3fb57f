/**
 * Keeps what a CRM changed in a named installation's credentials (a refreshed OAuth pair, a renewed
 * session) outside a sync run: `pulse crm setup --installation` and the web process's install. The
 * changed variables replace theirs in the sealed map; the rest stays.
 */
import { openCredentials, sealCredentials, type CredentialVariables, type StateStore } from '../sync/state';

export async function keepChangedCredentials(
  store: Pick<StateStore, 'credentials' | 'saveCredentials'>,
  installation: { id: number; crm: string },
  changed: CredentialVariables,
  key: Buffer,
): Promise<void> {
  const stored = await store.credentials(installation.id);
  // Erased meanwhile (removed, or the app uninstalled): a refresh must not bring the tokens back.
  if (stored === null) return;
  await store.saveCredentials(installation.id, sealCredentials({ ...openCredentials(stored, key, installation.crm), ...changed }, key));
}
