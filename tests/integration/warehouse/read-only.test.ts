import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { openWarehouse } from '../../../connectors/warehouse';
import { openDuckDb } from '../../../connectors/warehouse/duckdb';
import { parseWarehouseUrl } from '../../../src/config/warehouse-url';
import { computeAllSignals } from '../../../src/pipeline/compute-signals';
import type { ModelMapping } from '../../../src/warehouse/model-sources';
import type { Warehouse } from '../../../src/warehouse/port';
import { loadCsvDirIntoPostgres, writeExamplesDuckDb } from '../../support/load-fixture';
import { DEFAULT_CONFIG } from '../../support/pipeline';
import { testDatabaseUrl } from '../../support/test-database';

const AS_OF = '2024-02-20';
const signals = (wh: Warehouse) => computeAllSignals(wh, DEFAULT_CONFIG, { asOf: AS_OF, today: '2099-01-01' });

/**
 * Functions a mapped model query could call. `evil` writes when a row is read. `evil_at_plan` is an
 * immutable SQL function, so the planner runs it while planning, even under `limit 0`: PostgreSQL
 * allows no DDL there, but its nextval does advance a sequence. `unlock` turns the session's
 * read-only default off for the statements after it.
 */
const FUNCTIONS = [
  `create function evil() returns int language plpgsql as $$ begin drop table canary; return 1; end $$`,
  `create sequence canary_seq`,
  `create function evil_at_plan() returns int language sql immutable as $$ select nextval('canary_seq')::int $$`,
  `create function unlock() returns int language plpgsql as
     $$ begin perform set_config('default_transaction_read_only', 'off', false); return 1; end $$`,
];

const READ_ONLY_REFUSAL = {
  code: 'WAREHOUSE_QUERY_FAILED',
  message: expect.stringContaining('cannot execute DROP TABLE in a read-only transaction'),
  hint: expect.stringContaining('Pulse only reads the warehouse'),
};

describe('a PostgreSQL warehouse runs every statement read-only', () => {
  let url = '';
  let admin: Client;

  beforeAll(async () => {
    url = await testDatabaseUrl('read_only');
    admin = new Client({ connectionString: url });
    await admin.connect();
    await loadCsvDirIntoPostgres(admin);
    for (const sql of FUNCTIONS) await admin.query(sql);
  });
  afterAll(() => admin?.end());

  // Each test starts with the canary in place, so one failure does not cascade.
  beforeEach(() => admin.query('create table if not exists canary (x int)'));
  const canaryPresent = async () => (await admin.query<{ present: boolean }>(`select to_regclass('canary') is not null as present`)).rows[0]?.present;

  const open = (mapping: ModelMapping = {}) => openWarehouse(parseWarehouseUrl(url), { mapping });

  async function using<T>(wh: Warehouse, body: (wh: Warehouse) => Promise<T>): Promise<T> {
    try {
      return await body(wh);
    } finally {
      await wh.close();
    }
  }

  it('stops `pulse signals` on a mapped query whose function writes, and the write does not happen', async () => {
    await using(await open({ commitments: 'select c.* from commitments c where evil() = 1' }), async (wh) => {
      await expect(signals(wh)).rejects.toMatchObject(READ_ONLY_REFUSAL);
    });
    expect(await canaryPresent()).toBe(true);
  });

  it('refuses the write in the limit 0 column probe', async () => {
    await using(await open(), async (wh) => {
      await expect(wh.columnTypes('(select c.* from commitments c where evil_at_plan() > 0)')).rejects.toMatchObject({
        ...READ_ONLY_REFUSAL,
        message: expect.stringContaining('cannot execute nextval() in a read-only transaction'),
      });
      // The connection is still usable after the refusal.
      expect(await wh.columnTypes('commitments')).toMatchObject({ account_id: 'text', committed_usd: 'double precision' });
    });
    expect((await admin.query('select is_called from canary_seq')).rows).toEqual([{ is_called: false }]);
  });

  it('refuses the write in a validation statement and in a streamed read', async () => {
    await using(await open(), async (wh) => {
      await expect(wh.all('select count(*) as n from commitments c where evil() = 1')).rejects.toMatchObject(READ_ONLY_REFUSAL);
      const drain = async () => {
        for await (const rows of wh.stream('select c.* from commitments c where evil() = 1')) expect(rows).toBeDefined();
      };
      await expect(drain()).rejects.toMatchObject(READ_ONLY_REFUSAL);
      expect(await wh.all('select count(*) as n from commitments')).toEqual([{ n: 30 }]);
    });
    expect(await canaryPresent()).toBe(true);
  });

  it('keeps later statements read-only after a function turns the session default off', async () => {
    await using(await open(), async (wh) => {
      await wh.all('select unlock() as u');
      await expect(wh.all('select evil() as e')).rejects.toMatchObject(READ_ONLY_REFUSAL);
      await expect(wh.all('drop table canary')).rejects.toMatchObject({ code: 'WAREHOUSE_QUERY_FAILED' });
    });
    expect(await canaryPresent()).toBe(true);
  });

  it('runs one statement at a time, so a query cannot end the read-only transaction and go on', async () => {
    await using(await open(), async (wh) => {
      await expect(wh.all('select 1; commit; begin transaction read write; drop table canary; commit')).rejects.toMatchObject({
        code: 'WAREHOUSE_QUERY_FAILED',
        message: expect.stringContaining('cannot insert multiple commands into a prepared statement'),
      });
    });
    expect(await canaryPresent()).toBe(true);
  });
});

describe('a DuckDB warehouse reads nothing but itself', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-duck-locked-'));
  const secret = join(dir, 'secret.csv');
  let path = '';

  beforeAll(async () => {
    path = await writeExamplesDuckDb(dir);
    // A file a mapped query could otherwise pass off as a model: it has the commitments columns.
    writeFileSync(secret, 'account_id,period_start,period_end,committed_usd\nacct-0001,2024-01-01,2024-12-31,1000\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const open = (mapping: ModelMapping = {}) => openWarehouse(parseWarehouseUrl(`duckdb:${path}`), { mapping });
  const FILES_REFUSED = {
    code: 'WAREHOUSE_QUERY_FAILED',
    message: expect.stringContaining('file system operations are disabled by configuration'),
    hint: expect.stringContaining("reads only the warehouse's own tables"),
  };

  it('stops `pulse signals` on a mapped query that reads a local file', async () => {
    const wh = await open({ commitments: `select * from read_csv('${secret}')` });
    try {
      await expect(signals(wh)).rejects.toMatchObject(FILES_REFUSED);
    } finally {
      await wh.close();
    }
  });

  it('refuses read_text and read_csv of any file, in a statement and in the column probe', async () => {
    const wh = await open();
    try {
      await expect(wh.all(`select content from read_text('/etc/hostname')`)).rejects.toMatchObject(FILES_REFUSED);
      await expect(wh.all(`select * from read_csv('/etc/hostname')`)).rejects.toMatchObject(FILES_REFUSED);
      await expect(wh.columnTypes(`read_text('${secret}')`)).rejects.toMatchObject(FILES_REFUSED);
      // The warehouse's own tables still read.
      expect(await wh.all('select count(*) as n from commitments')).toEqual([{ n: 30 }]);
    } finally {
      await wh.close();
    }
  });

  it('cannot be unlocked by a statement', async () => {
    const wh = await open();
    try {
      const locked = { code: 'WAREHOUSE_QUERY_FAILED', message: expect.stringContaining('the configuration has been locked') };
      await expect(wh.all('set enable_external_access = true')).rejects.toMatchObject(locked);
      await expect(wh.all(`set enable_external_access = true; select content from read_text('${secret}')`)).rejects.toMatchObject(locked);
      await expect(wh.all('reset lock_configuration')).rejects.toMatchObject(locked);
      await expect(wh.all(`select content from read_text('${secret}')`)).rejects.toMatchObject(FILES_REFUSED);
      await expect(wh.all(`attach '${join(dir, 'other.duckdb')}' as other`)).rejects.toMatchObject(FILES_REFUSED);
    } finally {
      await wh.close();
    }
  });

  it('still spills to its temp directory when a query outgrows the memory limit', async () => {
    const big = join(dir, 'big.duckdb');
    const rw = await openDuckDb({ path: big, displayUrl: big, readOnly: false });
    await rw.connection.run(`create table t as select range as x, lpad(((range * 7919) % 1000003)::varchar, 24, 'x') as s from range(700000)`);
    await rw.close();
    const sort = 'select s, x from t order by s, x offset 699999';
    const settings = { path: big, displayUrl: big, memoryLimit: '20MB', threads: 2 };

    // Without a spill directory the sort does not fit: it is a query that needs one.
    const unspilled = await openDuckDb({ ...settings, tempDirectory: '' });
    try {
      await expect(unspilled.all(sort)).rejects.toMatchObject({ message: expect.stringMatching(/Out of Memory/) });
    } finally {
      await unspilled.close();
    }
    const locked = await openDuckDb({ ...settings, tempDirectory: join(dir, 'spill') });
    try {
      expect(await locked.all(`select current_setting('enable_external_access') as external, current_setting('lock_configuration') as locked`)).toEqual([
        { external: false, locked: true },
      ]);
      expect(await locked.all(sort)).toEqual([{ s: expect.any(String), x: expect.any(Number) }]);
    } finally {
      await locked.close();
    }
  });
});
