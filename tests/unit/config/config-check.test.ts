import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configProblems } from '../../../src/commands/config-check';
import { loadConfig } from '../../../src/commands/config';
import type { PulseConfig } from '../../../src/config/config';
import { MODELS, type ModelName } from '../../../src/domain/contract';
import { PulseError } from '../../../src/errors';
import type { Warehouse } from '../../../src/warehouse/port';

function configWith(yaml: string): PulseConfig {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-config-check-'));
  writeFileSync(join(dir, 'pulse.config.yaml'), yaml);
  return loadConfig({}, dir);
}

/** A warehouse whose every model is a table with the contract's columns, but for `columns` overrides. */
function fakeWarehouse(columns: Partial<Record<ModelName, string[]>> = {}, fail?: Error) {
  const probed: string[] = [];
  let closed = false;
  const wh: Warehouse = {
    dialect: 'postgres',
    displayUrl: 'postgres://fake/dw',
    modelSource: async (model) => `"${model}"`,
    columnTypes: async (source) => {
      probed.push(source);
      if (fail) throw fail;
      const model = source.replace(/"/g, '') as ModelName;
      const names = columns[model] ?? MODELS[model].columns.map((c) => c.name);
      return Object.fromEntries(names.map((n) => [n, 'text']));
    },
    stream: () => {
      throw new Error('config check reads no rows');
    },
    all: async () => {
      throw new Error('config check reads no rows');
    },
    close: async () => {
      closed = true;
    },
  };
  return { wh, probed, closed: () => closed };
}

describe('configProblems', () => {
  it('probes every model once and closes the warehouse', async () => {
    const fake = fakeWarehouse();
    expect(await configProblems(configWith('{}\n'), { offline: false, open: async () => fake.wh })).toEqual([]);
    expect(fake.probed).toEqual(['"accounts"', '"usage_daily"', '"active_users_daily"', '"commitments"', '"outcomes_daily"']);
    expect(fake.closed()).toBe(true);
  });

  it('names missing required columns, and only required ones (PostgreSQL matches names exactly)', async () => {
    const fake = fakeWarehouse({ usage_daily: ['account_id', 'Day', 'use_case', 'team', 'units', 'cost_usd'], accounts: ['account_id', 'contract_start'] });
    const problems = await configProblems(configWith('{}\n'), { offline: false, open: async () => fake.wh });
    expect(problems).toEqual([expect.stringMatching(/^warehouse\.models\.usage_daily: the source lacks the column\(s\) day; found account_id, Day,/)]);
  });

  it('opens nothing offline', async () => {
    const open = jest.fn();
    expect(await configProblems(configWith('{}\n'), { offline: true, open })).toEqual([]);
    expect(open).not.toHaveBeenCalled();
  });

  it('lists a failed probe as a problem, but lets a bug through, closing the warehouse either way', async () => {
    const failing = fakeWarehouse({}, new PulseError('WAREHOUSE_QUERY_FAILED', 'PostgreSQL query failed: permission denied'));
    const problems = await configProblems(configWith('{}\n'), { offline: false, open: async () => failing.wh });
    expect(problems).toHaveLength(5);
    expect(problems[0]).toBe('warehouse.models.accounts: PostgreSQL query failed: permission denied');
    expect(failing.closed()).toBe(true);

    const buggy = fakeWarehouse({}, new TypeError('boom'));
    await expect(configProblems(configWith('{}\n'), { offline: false, open: async () => buggy.wh })).rejects.toThrow('boom');
    expect(buggy.closed()).toBe(true);
  });
});
