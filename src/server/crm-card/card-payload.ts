/**
 * What the HubSpot card shows of one account, built from its newest snapshot: the catalog's labels for
 * the fields it shows, enumerations as their labels, and its readings over the days before. Pure.
 */
import { CATALOG, findEntry } from '../../catalog/catalog';
import type { CatalogEntry, CatalogValue } from '../../catalog/types';
// Types only: the card module itself loads HubSpot's SDK, which only runs inside HubSpot.
import type { CardField, PulseCardData } from '../../hubspot-card/PulseHealthCard';
import type { DayReading, HistorySnapshot } from '../../sync/state';

/** The catalog fields the card shows, each once: the compiler holds this list to the card's `CardField`. */
export const CARD_FIELDS = [
  'health_score', 'health_tier', 'health_score_change_7d', 'health_change_reason', 'risk_drivers',
  'expansion_signal', 'expansion_score',
  'commit_utilization_pct', 'commit_projected_pct', 'commit_status', 'commit_exhaustion_date', 'commit_days_early', 'projected_overage_usd',
  'forecast_month_usd', 'bill_shock_risk', 'spend_30d', 'last_synced_at', 'console_url',
] as const satisfies readonly CardField[];
// A field the card gains but this list lacks fails to compile here.
const EVERY_FIELD_LISTED: [Exclude<CardField, (typeof CARD_FIELDS)[number]>] extends [never] ? true : never = true;
void EVERY_FIELD_LISTED;

/** Days of score and spend the card draws, the as-of day included. */
export const CARD_HISTORY_DAYS = 90;

type FigureKey = keyof PulseCardData['figures'];

function entryOf(key: CardField, catalog: readonly CatalogEntry[]): CatalogEntry {
  const entry = findEntry(key, catalog);
  // The unit tests hold CARD_FIELDS to the catalog; this only guards a renamed key at run time.
  if (entry === undefined) throw new Error(`the HubSpot card shows ${key}, which the catalog lacks`);
  return entry;
}

function display(entry: CatalogEntry, value: CatalogValue | undefined): string | number | null {
  if (value === undefined || value === null) return null;
  if (entry.type === 'enumeration') return entry.options.find((option) => option.value === value)?.label ?? String(value);
  return typeof value === 'boolean' ? String(value) : value;
}

export interface CardInputs {
  snapshot: HistorySnapshot;
  readings: readonly DayReading[];
  lastSyncedAt: string | null;
  consoleUrl: string;
}

export function cardPayload({ snapshot, readings, lastSyncedAt, consoleUrl }: CardInputs, catalog: readonly CatalogEntry[] = CATALOG): PulseCardData {
  const labels = Object.fromEntries(CARD_FIELDS.map((key) => [key, entryOf(key, catalog).label])) as Record<CardField, string>;
  const values: Record<string, CatalogValue | undefined> = {
    ...(snapshot.signals as unknown as Record<string, CatalogValue>),
    health_score_change_7d: snapshot.health_score_change_7d,
    health_change_reason: snapshot.health_change_reason,
  };
  const figureKeys = CARD_FIELDS.filter((key): key is FigureKey => key !== 'last_synced_at' && key !== 'console_url');
  const figures = Object.fromEntries(figureKeys.map((key) => [key, display(entryOf(key, catalog), values[key])])) as PulseCardData['figures'];
  return {
    account_id: snapshot.account_id,
    name: snapshot.name,
    as_of: snapshot.as_of,
    labels,
    figures,
    budget_month_usd: snapshot.budget_month_usd,
    last_synced_at: lastSyncedAt,
    console_url: consoleUrl,
    history: readings.map((reading) => ({ day: reading.as_of, health_score: reading.health_score, spend_usd: reading.spend_day })),
  };
}
