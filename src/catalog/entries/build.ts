import type { SignalField } from '../../domain/signals';
import type { EnumOption, FieldSource } from '../types';

export function fromSignal(field: SignalField): FieldSource {
  return { kind: 'signal', field };
}

/** `at_risk` → `At risk`: option labels read as words, values stay machine-stable. */
export function humanize(value: string): string {
  const words = value.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Options built from a domain enumeration so the catalog can never drift from the signal engine's values. */
export function optionsOf(values: readonly string[], labels: Readonly<Record<string, string>> = {}): EnumOption[] {
  return values.map((value) => ({ value, label: labels[value] ?? humanize(value) }));
}
