/** An in-memory FiringHistory over firing records, for previews, tests and the state store's loaded rows. */
import type { FiringHistory } from './types';

export interface FiringRecord {
  account_id: string;
  playbook: string;
  fired_on: string;
}

/** No earlier firings: what a first run or a preview without a state store sees. */
export const EMPTY_HISTORY: FiringHistory = { lastFiredOn: () => null, nextFiredAfter: () => null };

export function historyFromFirings(records: readonly FiringRecord[]): FiringHistory {
  // Map keyed by a JSON pair, not a concatenation, so ids containing ':' cannot collide.
  const byPair = new Map<string, string[]>();
  for (const record of records) {
    const pair = JSON.stringify([record.account_id, record.playbook]);
    const days = byPair.get(pair);
    if (days === undefined) byPair.set(pair, [record.fired_on]);
    else days.push(record.fired_on);
  }
  return {
    lastFiredOn(accountId, playbook, onOrBefore) {
      let latest: string | null = null;
      // YYYY-MM-DD strings order like dates.
      for (const day of byPair.get(JSON.stringify([accountId, playbook])) ?? []) {
        if (day <= onOrBefore && (latest === null || day > latest)) latest = day;
      }
      return latest;
    },
    nextFiredAfter(accountId, playbook, after) {
      let earliest: string | null = null;
      for (const day of byPair.get(JSON.stringify([accountId, playbook])) ?? []) {
        if (day > after && (earliest === null || day < earliest)) earliest = day;
      }
      return earliest;
    },
  };
}
