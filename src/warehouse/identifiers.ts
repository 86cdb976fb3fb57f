import { PulseError } from '../errors';

/**
 * Names from config reach SQL only through these checks: an identifier is a plain name
 * (letters, digits, underscore, dollar; not starting with a digit), optionally qualified by up to
 * two dots (`catalog.schema.table`), and is emitted double-quoted part by part.
 */
const PART = /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/;

export function isIdentifier(name: string): boolean {
  const parts = name.split('.');
  return parts.length <= 3 && parts.every((p) => PART.test(p));
}

export function quoteIdentifier(name: string, place: string): string {
  if (!isIdentifier(name)) {
    throw new PulseError(
      'IDENTIFIER_INVALID',
      `${place}: "${name}" is not a valid table name; expected letters, digits and underscores, optionally schema-qualified (analytics.fct_usage)`,
      { place },
    );
  }
  return name
    .split('.')
    .map((p) => `"${p}"`)
    .join('.');
}

/**
 * A mapped model query must be one read statement. It is wrapped as a subquery, so a trailing
 * statement or a write would break out of it: reject both before any SQL runs.
 */
export function checkModelQuery(sql: string, place: string): string {
  const trimmed = sql.trim().replace(/;\s*$/, '');
  const withoutStrings = trimmed.replace(/'(?:[^']|'')*'/g, "''").replace(/"(?:[^"]|"")*"/g, '""');
  if (!/^(select|with)\b/i.test(trimmed)) {
    throw new PulseError('IDENTIFIER_INVALID', `${place}: a model query must start with SELECT or WITH`, { place });
  }
  if (withoutStrings.includes(';')) {
    throw new PulseError('IDENTIFIER_INVALID', `${place}: a model query must be a single statement (found ";")`, { place });
  }
  // Data-changing verbs only: a column may well be named `load` or `call`, and the rest (COPY,
  // ATTACH, PRAGMA) cannot appear inside a SELECT anyway; the warehouse is also opened read-only.
  if (/\b(insert|update|delete|merge|drop|alter|create|truncate|grant)\b/i.test(withoutStrings)) {
    throw new PulseError('IDENTIFIER_INVALID', `${place}: a model query must only read (found a write or admin keyword)`, { place });
  }
  return trimmed;
}

/** A SQL string literal, for values that cannot be bound as parameters (inside generated CTEs). */
export function sqlLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
