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
  | 'NOT_IMPLEMENTED';

export class PulseError extends Error {
  readonly code: PulseErrorCode;
  /** Where the problem is: a config path, a model and key, a file. */
  readonly place?: string;

  constructor(code: PulseErrorCode, message: string, options: { place?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PulseError';
    this.code = code;
    this.place = options.place;
  }
}

export function isPulseError(error: unknown): error is PulseError {
  return error instanceof PulseError;
}
