import type { WarehouseLocation } from '../../src/config/warehouse-url';
import type { ModelMapping } from '../../src/warehouse/model-sources';
import type { Warehouse } from '../../src/warehouse/port';

export interface OpenWarehouseOptions {
  mapping?: ModelMapping;
  /** Schema holding tables named as the models (validated identifier). */
  schema?: string;
}

/**
 * Opens the warehouse a parsed location names (`parseWarehouseUrl`, run once by config loading):
 * a DuckDB file (read-only) or a PostgreSQL database. Only that engine's client is loaded.
 */
export async function openWarehouse(location: WarehouseLocation, options: OpenWarehouseOptions = {}): Promise<Warehouse> {
  if (location.dialect === 'duckdb') {
    const { openDuckDb } = await import('./duckdb');
    return openDuckDb({ path: location.target, displayUrl: location.displayUrl, ...options });
  }
  const { openPostgres } = await import('./postgres');
  return openPostgres({ connectionString: location.target, displayUrl: location.displayUrl, ...options });
}
