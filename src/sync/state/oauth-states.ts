/** OAuth installs in flight (migration 6): a state's PKCE verifier, kept until its callback takes it once. */
import { str, type SqlClient } from './sql';
import type { StateStore } from './types';

type OAuthStateStore = Pick<StateStore, 'saveOAuthState' | 'takeOAuthState'>;

export function sqlOAuthStates(db: SqlClient): OAuthStateStore {
  return {
    async saveOAuthState(state) {
      // Abandoned installs leave rows behind: each new one sweeps the expired.
      await db.query('delete from oauth_states where expires_at < now()');
      await db.query('insert into oauth_states (nonce, crm, verifier, expires_at) values ($1, $2, $3, $4)', [state.nonce, state.crm, state.verifier, state.expiresAt]);
    },
    async takeOAuthState(nonce, crm) {
      // One statement: two callbacks racing with the same state cannot both get the verifier.
      const [row] = await db.query('delete from oauth_states where nonce = $1 and crm = $2 and expires_at > now() returning verifier', [nonce, crm]);
      return row === undefined ? null : str(row, 'verifier');
    },
  };
}
