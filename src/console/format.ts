/** How the console shows figures: compact, with a dash for a figure that could not be computed. */
export const DASH = '—';

export function usd(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  const abs = Math.abs(value);
  if (abs >= 1_000_000) return `$${(value / 1_000_000).toFixed(1)}M`;
  if (abs >= 10_000) return `$${(value / 1000).toFixed(0)}k`;
  if (abs >= 1000) return `$${(value / 1000).toFixed(1)}k`;
  return `$${value.toFixed(0)}`;
}

export function pct(value: number | null | undefined, digits = 0): string {
  return value === null || value === undefined || !Number.isFinite(value) ? DASH : `${value.toFixed(digits)}%`;
}

export function num(value: number | null | undefined, digits = 0): string {
  return value === null || value === undefined || !Number.isFinite(value) ? DASH : value.toFixed(digits);
}

export function signed(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return value > 0 ? `+${value.toFixed(0)}` : value.toFixed(0);
}

/** `health_tier` and friends as words: `at_risk` → `at risk`. */
export const words = (value: string | null | undefined): string => (value === null || value === undefined || value === '' ? DASH : value.replace(/_/g, ' '));

