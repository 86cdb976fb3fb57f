/**
 * The sample warehouse through the whole pipeline: the same signals from DuckDB and from a real
 * PostgreSQL, and each default playbook firing on exactly the accounts of its archetype.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWarehouse } from '../../../connectors/warehouse';
import { ARCHETYPES, archetypeOf, writeDuckDb, writePostgres } from '../../../sample-data';
import type { Warehouse } from '../../../src/warehouse/port';
import { computeAllSignals, type ComputedAccount } from '../../../src/pipeline/compute-signals';
import { defaultRules, EMPTY_HISTORY, evaluatePlaybooks } from '../../../src/playbooks';
import { formatSignals } from '../../../src/signals';
import { DEFAULT_CONFIG } from '../../support/pipeline';
import { testDatabaseUrl } from '../../support/test-database';
import { parseWarehouseUrl } from '../../../src/config/warehouse-url';

const SAMPLE = { accounts: 200, days: 450, seed: 3 };
const TODAY = '2099-01-01';

async function compute(wh: Warehouse, asOf: string): Promise<ComputedAccount[]> {
  return (await computeAllSignals(wh, DEFAULT_CONFIG, { asOf, today: TODAY, chunkSize: 64 })).accounts;
}

/** account → the playbooks whose condition holds (a firing of any action, `none` included). */
function firedPlaybooks(accounts: ComputedAccount[], asOf: string): Map<string, string[]> {
  const firings = evaluatePlaybooks(
    accounts.map((a) => ({ signals: a.signals, owner: a.account.owner_email })),
    defaultRules(),
    EMPTY_HISTORY,
    asOf,
  );
  const fired = new Map<string, string[]>(accounts.map((a) => [a.account.account_id, []]));
  for (const f of firings) fired.get(f.account_id)?.push(f.playbook);
  return fired;
}

function unexpected(fired: Map<string, string[]>): string[] {
  const problems: string[] = [];
  for (const [id, playbooks] of fired) {
    const archetype = archetypeOf(id, SAMPLE.seed);
    const expected = [...(ARCHETYPES.find((a) => a.name === archetype)?.expectedPlaybooks ?? [])].sort();
    if (JSON.stringify([...playbooks].sort()) !== JSON.stringify(expected)) {
      problems.push(`${id} (${archetype}): fired [${playbooks.join(', ')}], expected [${expected.join(', ')}]`);
    }
  }
  return problems;
}

describe.each(['2025-03-31', '2025-03-01', '2024-12-15'])('sample warehouse as of %s', (asOf) => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-sample-pipeline-'));
  let duck: Warehouse;
  let accounts: ComputedAccount[];

  beforeAll(async () => {
    const path = join(dir, 'warehouse.duckdb');
    await writeDuckDb(path, { ...SAMPLE, asOf });
    duck = await openWarehouse(parseWarehouseUrl(`duckdb:${path}`));
    accounts = await compute(duck, asOf);
  });

  afterAll(async () => {
    await duck?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('computes every account', () => {
    expect(accounts).toHaveLength(SAMPLE.accounts);
  });

  it('fires each default playbook on its archetype and on no other account', () => {
    const fired = firedPlaybooks(accounts, asOf);
    expect(unexpected(fired)).toEqual([]);
    // Every default playbook is exercised by at least one account.
    const all = new Set([...fired.values()].flat());
    expect([...all].sort()).toEqual(defaultRules().playbooks.map((p) => p.name).sort());
  });
});

describe('sample warehouse in DuckDB and PostgreSQL', () => {
  const asOf = '2025-03-31';
  const dir = mkdtempSync(join(tmpdir(), 'pulse-sample-both-'));
  let duck: Warehouse;
  let pg: Warehouse;

  beforeAll(async () => {
    const path = join(dir, 'warehouse.duckdb');
    await writeDuckDb(path, { ...SAMPLE, asOf });
    duck = await openWarehouse(parseWarehouseUrl(`duckdb:${path}`));
    const url = await testDatabaseUrl('sample_pipeline');
    await writePostgres(url, { ...SAMPLE, asOf });
    pg = await openWarehouse(parseWarehouseUrl(url));
  });

  afterAll(async () => {
    await duck?.close();
    await pg?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives identical signals JSON through both warehouses', async () => {
    const fromDuck = (await compute(duck, asOf)).map((a) => formatSignals(a.signals));
    const fromPg = (await compute(pg, asOf)).map((a) => formatSignals(a.signals));
    expect(fromDuck).toHaveLength(SAMPLE.accounts);
    expect(fromPg).toEqual(fromDuck);
  });
});
