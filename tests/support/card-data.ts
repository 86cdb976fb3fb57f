/** A card answer as `GET /api/crm-card/hubspot` gives it, for the card's tests: `makeCardData({...overrides})`. */
import type { PulseCardData } from '../../src/hubspot-card/PulseHealthCard';
import { cardPayload } from '../../src/server/crm-card/card-payload';
import { dayReadingOf } from '../../src/sync/state/types';
import { history, makeSnapshot } from './snapshots';

export function makeCardData(overrides: Partial<PulseCardData> = {}): PulseCardData {
  const snapshot = makeSnapshot({ account_id: 'acme-1', name: 'Acme Corp', signals: { risk_drivers: 'spend down 18% in 30 days', health_tier: 'watch', health_score: 58 } });
  const readings = history('acme-1', snapshot.as_of, 90).map(dayReadingOf);
  return { ...cardPayload({ snapshot, readings, lastSyncedAt: '2026-11-24T06:02:11Z', consoleUrl: 'https://pulse.example.test/console/accounts/acme-1' }), ...overrides };
}
