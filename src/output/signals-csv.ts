import { SIGNAL_FIELDS } from '../domain/signals';
import type { FormattedSignals } from '../signals';

function cell(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const signalsCsvHeader = (): string => SIGNAL_FIELDS.join(',');

export const signalsCsvRow = (row: FormattedSignals): string => SIGNAL_FIELDS.map((f) => cell(row[f])).join(',');
