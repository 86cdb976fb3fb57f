/**
 * The Pulse health card on HubSpot company records (a UI extension of the HubSpot project, platform
 * 2025.2). `pulse manifests` copies this file to manifests/hubspot/src/app/cards/PulseHealthCard.tsx,
 * with PULSE_PUBLIC_URL below set to the deployment's, so it imports nothing but React and HubSpot's SDK.
 *
 * Written with `createElement` rather than JSX: the repository's jest transforms `.ts` only, and the
 * card is tested here as a normal module. HubSpot builds `.tsx` with or without JSX in it.
 */
import React, { useEffect, useState, type ReactElement, type ReactNode } from 'react';
import {
  Alert, DescriptionList, DescriptionListItem, Divider, EmptyState, ErrorState, Flex, Heading, LineChart, Link, LoadingSpinner,
  Statistics, StatisticsItem, StatisticsTrend, Tag, Text, hubspot,
} from '@hubspot/ui-extensions';

/** The web process's base URL: `pulse manifests` rewrites this line; it must also be in the app's permittedUrls.fetch. */
export const PULSE_PUBLIC_URL = 'http://localhost:3000';

const h = React.createElement;

/** The catalog fields the card shows; their labels come from the catalog, in the answer (the server's CARD_FIELDS lists them). */
export type CardField =
  | 'health_score' | 'health_tier' | 'health_score_change_7d' | 'health_change_reason' | 'risk_drivers'
  | 'expansion_signal' | 'expansion_score'
  | 'commit_utilization_pct' | 'commit_projected_pct' | 'commit_status' | 'commit_exhaustion_date' | 'commit_days_early' | 'projected_overage_usd'
  | 'forecast_month_usd' | 'bill_shock_risk' | 'spend_30d' | 'last_synced_at' | 'console_url';

/** What `GET /api/crm-card/hubspot` answers: figures as of the account's newest snapshot, enumerations already as their labels. */
export interface PulseCardData {
  account_id: string;
  name: string | null;
  as_of: string;
  labels: Record<CardField, string>;
  figures: Record<Exclude<CardField, 'last_synced_at' | 'console_url'>, string | number | null>;
  /** The commitment prorated to the as-of month (USD), the forecast's budget; null without a commitment. */
  budget_month_usd: number | null;
  /** When Pulse last wrote to this record (ISO-8601); null before its first write. */
  last_synced_at: string | null;
  console_url: string;
  /** Up to 90 days, oldest first. */
  history: { day: string; health_score: number | null; spend_usd: number }[];
}

/** The seam tests stub: in HubSpot it is `hubspot.fetch`, which signs the request and adds portalId. */
export type FetchCard = (url: string) => Promise<{ status: number; json(): Promise<unknown> }>;

export interface PulseHealthCardProps {
  companyId: string;
  fetchCard?: FetchCard;
}

type CardState = { kind: 'loading' } | { kind: 'data'; data: PulseCardData } | { kind: 'not-synced' } | { kind: 'error'; message: string };

const hubspotFetch: FetchCard = (url) => hubspot.fetch(url, { method: 'GET', timeout: 15_000 });

export function cardUrl(companyId: string, base = PULSE_PUBLIC_URL): string {
  return `${base.replace(/\/+$/, '')}/api/crm-card/hubspot?companyId=${encodeURIComponent(companyId)}`;
}

function isCardData(value: unknown): value is PulseCardData {
  return typeof value === 'object' && value !== null && 'figures' in value && 'labels' in value && Array.isArray((value as { history?: unknown }).history);
}

const money = (value: string | number | null) => (typeof value === 'number' ? `$${Math.round(value).toLocaleString('en-US')}` : '—');
const pct = (value: string | number | null) => (typeof value === 'number' ? `${value.toFixed(1)}%` : '—');
const text = (value: string | number | null) => (value === null || value === '' ? '—' : String(value));

function item(label: string, value: ReactNode): ReactElement {
  return h(DescriptionListItem, { key: label, label, children: h(Text, { children: value }) });
}

function healthSection(data: PulseCardData): ReactElement {
  const { figures: f, labels } = data;
  const change = typeof f.health_score_change_7d === 'number' ? f.health_score_change_7d : null;
  const trend = change === null || change === 0 ? null : h(StatisticsTrend, { direction: change > 0 ? 'increase' : 'decrease', value: `${Math.abs(change)} pts in 7 days`, color: change > 0 ? 'green' : 'red' });
  return h(
    Flex,
    { direction: 'column', gap: 'sm' },
    h(Flex, { direction: 'row', gap: 'sm', align: 'center' }, h(Heading, null, data.name ?? data.account_id), h(Tag, { variant: tierVariant(f.health_tier), children: text(f.health_tier) })),
    h(Statistics, null,
      h(StatisticsItem, { label: labels.health_score, number: text(f.health_score) }, trend),
      h(StatisticsItem, { label: labels.spend_30d, number: money(f.spend_30d) }),
      h(StatisticsItem, { label: labels.expansion_score, number: text(f.expansion_score) })),
    h(Text, null, `${labels.health_change_reason}: ${text(f.health_change_reason)}`),
  );
}

function tierVariant(tier: string | number | null): 'success' | 'warning' | 'error' | 'default' {
  const t = String(tier ?? '').toLowerCase();
  return t.includes('healthy') ? 'success' : t.includes('risk') || t.includes('critical') ? 'error' : t === '' ? 'default' : 'warning';
}

function charts(data: PulseCardData): ReactElement {
  const scored = data.history.filter((d) => d.health_score !== null).map((d) => ({ day: d.day, score: d.health_score as number }));
  const spend = data.history.map((d) => ({ day: d.day, spend: d.spend_usd }));
  return h(
    Flex,
    { direction: 'column', gap: 'sm' },
    h(Text, { format: { fontWeight: 'bold' }, children: `${data.labels.health_score} and daily spend, last ${data.history.length} days` }),
    h(LineChart, { data: scored, axes: { x: { field: 'day', fieldType: 'datetime', label: 'Day' }, y: { field: 'score', fieldType: 'linear', label: data.labels.health_score } } }),
    h(LineChart, { data: spend, axes: { x: { field: 'day', fieldType: 'datetime', label: 'Day' }, y: { field: 'spend', fieldType: 'linear', label: 'Spend (USD)' } } }),
  );
}

function commitmentAndForecast(data: PulseCardData): ReactElement {
  const { figures: f, labels } = data;
  const early = typeof f.commit_days_early === 'number' && f.commit_days_early > 0 ? ` (${f.commit_days_early} days early)` : '';
  const budget = data.budget_month_usd;
  const ofBudget = budget !== null && budget > 0 && typeof f.forecast_month_usd === 'number' ? ` of ${money(budget)} budget (${Math.round((f.forecast_month_usd / budget) * 100)}%)` : ' (no budget)';
  return h(
    DescriptionList,
    {
      direction: 'row',
      children: [
        item(labels.commit_utilization_pct, pct(f.commit_utilization_pct)),
        item(labels.commit_projected_pct, `${pct(f.commit_projected_pct)} · ${text(f.commit_status)}`),
        item(labels.commit_exhaustion_date, `${text(f.commit_exhaustion_date)}${early}`),
        item(labels.projected_overage_usd, money(f.projected_overage_usd)),
        item(labels.forecast_month_usd, `${money(f.forecast_month_usd)}${ofBudget}`),
        item(labels.bill_shock_risk, text(f.bill_shock_risk)),
      ],
    },
  );
}

function signals(data: PulseCardData): ReactElement {
  const { figures: f, labels } = data;
  const drivers = f.risk_drivers === null || f.risk_drivers === '' ? null : h(Alert, { title: labels.risk_drivers, variant: 'warning' }, String(f.risk_drivers));
  return h(
    Flex,
    { direction: 'column', gap: 'sm' },
    drivers ?? h(Text, null, `${labels.risk_drivers}: none`),
    h(Flex, { direction: 'row', gap: 'sm', align: 'center' }, h(Text, null, `${labels.expansion_signal}:`), h(Tag, { variant: f.expansion_signal === null ? 'default' : 'info', children: text(f.expansion_signal) })),
  );
}

export function CardBody({ data }: { data: PulseCardData }): ReactElement {
  return h(
    Flex,
    { direction: 'column', gap: 'md' },
    healthSection(data),
    charts(data),
    h(Divider, null),
    commitmentAndForecast(data),
    signals(data),
    h(Divider, null),
    h(Flex, { direction: 'row', gap: 'sm', justify: 'between' },
      h(Text, { variant: 'microcopy', children: `${data.labels.last_synced_at}: ${data.last_synced_at ?? 'not yet'} · signals as of ${data.as_of}` }),
      h(Link, { href: { url: data.console_url, external: true }, children: 'Open in the Pulse console' })),
  );
}

export function PulseHealthCard({ companyId, fetchCard = hubspotFetch }: PulseHealthCardProps): ReactElement {
  const [state, setState] = useState<CardState>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    const settle = (next: CardState) => void (live && setState(next));
    fetchCard(cardUrl(companyId))
      .then(async (response) => {
        if (response.status === 404) return settle({ kind: 'not-synced' });
        if (response.status !== 200) return settle({ kind: 'error', message: `Pulse answered ${response.status}.` });
        const body = await response.json();
        settle(isCardData(body) ? { kind: 'data', data: body } : { kind: 'error', message: 'Pulse sent an answer the card does not understand.' });
      })
      .catch((error: unknown) => settle({ kind: 'error', message: error instanceof Error ? error.message : String(error) }));
    return () => void (live = false);
  }, [companyId, fetchCard]);

  switch (state.kind) {
    case 'loading':
      return h(LoadingSpinner, { label: 'Loading Pulse signals', showLabel: true, layout: 'centered' });
    case 'not-synced':
      return h(EmptyState, { title: 'Not synced yet', layout: 'vertical', flush: true, children: h(Text, { children: 'Pulse has not synced this company yet: it appears after the next sync that matches it to a warehouse account.' }) });
    case 'error':
      return h(ErrorState, { title: 'Pulse signals could not be loaded', children: h(Text, { children: state.message }) });
    case 'data':
      return h(CardBody, { data: state.data });
  }
}

hubspot.extend<'crm.record.tab'>(({ context }) => h(PulseHealthCard, { companyId: String(context.crm.objectId) }));
