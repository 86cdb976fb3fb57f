import { openDuckDb } from './duckdb';
import type { ModelMapping } from './model-sources';
import { openPostgres } from './postgres';
import type { Warehouse } from './types';
import { parseWarehouseUrl } from './url';

export interface OpenWarehouseOptions {
  mapping?: ModelMapping;
  /** Schema holding tables named as the models (validated identifier). */
  schema?: string;
}

/** Opens the warehouse a URL names: `duckdb:PATH` (read-only) or `postgres://...`. */
export async function openWarehouse(url: string, options: OpenWarehouseOptions = {}): Promise<Warehouse> {
  const location = parseWarehouseUrl(url);
  if (location.dialect === 'duckdb') {
    return openDuckDb({ path: location.target, displayUrl: location.displayUrl, ...options });
  }
  return openPostgres({ connectionString: location.target, displayUrl: location.displayUrl, ...options });
}

export type { Warehouse, Row, Dialect } from './types';
export type { ModelMapping } from './model-sources';
export { parseWarehouseUrl, maskUrl, DEFAULT_WAREHOUSE_URL } from './url';
