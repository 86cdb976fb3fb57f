/**
 * The one error convention of the project: a typed error with a stable `code`.
 * Callers branch on `code`, never on the English message.
 */
export type PulseErrorCode =
  | 'CONFIG_INVALID'
  | 'WAREHOUSE_URL_INVALID'
  | 'WAREHOUSE_UNAVAILABLE'
  | 'WAREHOUSE_MODEL_MISSING'
  | 'WAREHOUSE_QUERY_FAILED'
  | 'IDENTIFIER_INVALID'
  | 'INPUT_INVALID'
  | 'SERVICE_BINARY_MISSING'
  | 'SIGNAL_INPUT_INVALID'
  | 'SAMPLE_DATA_FAILED'
  | 'RULES_INVALID'
  | 'CATALOG_INVALID'
  | 'MANIFEST_DRIFT'
  | 'CRM_AUTH_FAILED'
  | 'CRM_REQUEST_FAILED'
  | 'CRM_SCHEMA_MISMATCH'
  | 'STATE_STORE_FAILED'
  | 'STATE_STORE_BUSY'
  | 'SYNC_REFUSED'
  | 'CRM_RATE_LIMITED'
  | 'CRM_NOT_CONFIGURED'
  | 'SYNC_FAILED'
  | 'SYNC_INTERRUPTED'
  | 'SYNC_BUSY'
  | 'NOT_IMPLEMENTED';

export interface PulseErrorOptions {
  /** Where the problem is: a config path, a model and key, a file, a flag. */
  place?: string;
  cause?: unknown;
  /** What the user can do about it, when there is one thing to do (`pass --replace to overwrite it`). */
  hint?: string;
}

export class PulseError extends Error {
  readonly code: PulseErrorCode;
  /** Where the problem is: a config path, a model and key, a file. */
  readonly place?: string;
  /** What to do about it, printed on a line of its own. */
  readonly hint?: string;

  constructor(code: PulseErrorCode, message: string, options: PulseErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PulseError';
    this.code = code;
    this.place = options.place;
    this.hint = options.hint;
  }
}

export function isPulseError(error: unknown): error is PulseError {
  return error instanceof PulseError;
}

/**
 * The one way the CLI prints an error: `pulse: <what went wrong>: <why> (<where>)`, then any detail
 * lines the message carries (the SQL that failed), then `  hint: <what to do>`. The place goes on
 * the first line, where a reader looks, and is left out when the message already names it.
 */
export function formatPulseError(error: Pick<PulseError, 'message' | 'place' | 'hint'>): string {
  const [first = '', ...details] = error.message.split('\n');
  const place = error.place && !error.message.includes(error.place) ? ` (${error.place})` : '';
  const lines = [`pulse: ${first}${place}`, ...details];
  if (error.hint) lines.push(`  hint: ${error.hint}`);
  return `${lines.join('\n')}\n`;
}
