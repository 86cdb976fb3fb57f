/**
 * Figures as a firing carries them (rounded per SIGNALS.md's output conventions) and as a task
 * text shows them to a CSM (`$12,400`, `-34.2%`). Rounding happens here, on output only: the
 * conditions compared the unrounded values.
 */
import { SIGNAL_OUTPUT_KIND, type SignalField, type Signals } from '../domain/signals';
import { formatValue } from '../signals/format';
import type { FigureValue } from './types';

/** The value of `field` exactly as `pulse signals --format json` writes it (one rounding rule for every output). */
export function roundFigure(field: SignalField, value: Signals[SignalField]): FigureValue {
  return formatValue(SIGNAL_OUTPUT_KIND[field], value);
}

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const cents = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const ratio = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

function money(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  // Cents matter on small bills, but clutter a sentence about thousands.
  return `${sign}$${abs >= 1000 ? whole.format(abs) : cents.format(abs)}`;
}

/** How a figure reads in a task subject or body; a figure that could not be computed reads `n/a`. */
export function formatFigure(field: SignalField, value: Signals[SignalField]): string {
  if (value === null) return 'n/a';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  const rounded = roundFigure(field, value);
  const n = typeof rounded === 'number' ? rounded : value;
  switch (SIGNAL_OUTPUT_KIND[field]) {
    case 'money':
      return money(n);
    case 'percent':
      return `${oneDecimal.format(n)}%`;
    case 'ratio':
      return ratio.format(n);
    case 'count':
    case 'days':
    case 'integer':
      return whole.format(n);
    default:
      return plain.format(n);
  }
}
