/**
 * Number wording for the text signals a CSM reads. Written out by hand rather than with
 * `toLocaleString`, whose output depends on the ICU data Node was built with.
 */
import { roundTo } from './round';

/** 5012.4 → "5,012" (rounded to a whole number, thousands grouped with commas). */
export function formatInteger(x: number): string {
  const n = roundTo(x, 0);
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${digits}` : digits;
}

/** 41187.6 → "$41,188" (whole dollars). */
export function formatDollars(x: number): string {
  const n = roundTo(x, 0);
  return n < 0 ? `-$${formatInteger(-n)}` : `$${formatInteger(n)}`;
}

/** 3.14 → "3.1×"; a positive multiple too small for one decimal reads "<0.1×", not "0.0×". */
export function formatMultiple(x: number): string {
  const n = roundTo(x, 1);
  return n === 0 && x > 0 ? '<0.1×' : `${n.toFixed(1)}×`;
}

/** "1 use case", "2 use cases". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatInteger(count)} ${roundTo(count, 0) === 1 ? singular : pluralForm}`;
}
