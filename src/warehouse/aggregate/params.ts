/**
 * Positional parameters ($1, $2, ...) for one statement. Values from config (as-of day, segment
 * names) are bound, never spliced into SQL text; numbers are inlined only after a finiteness check.
 */
export class Params {
  readonly values: unknown[];

  /** `leading`: parameters the model CTEs already use as $1..$n; ours continue after them. */
  constructor(leading: readonly unknown[] = []) {
    this.values = [...leading];
  }

  /** Binds a value and returns its placeholder, with a cast when the type must be explicit. */
  bind(value: unknown, cast?: 'date' | 'text'): string {
    this.values.push(value);
    const ref = `$${this.values.length}`;
    return cast ? `${ref}::${cast}` : ref;
  }
}

/** A number as a SQL literal; config numbers are validated upstream, this only refuses NaN/Infinity. */
export function numberLiteral(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  return `(${String(n)})`;
}
