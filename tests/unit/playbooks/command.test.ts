import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_RULES_YAML, defaultRules, loadRules } from '../../../src/playbooks';
import { runCli } from '../../support/run-cli';

describe('pulse playbooks init and check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-playbooks-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('init writes the defaults, reason templates included, and check passes them as they load back', async () => {
    const file = join(dir, 'playbooks.yaml');
    expect(await runCli(['playbooks', 'init', file], { cwd: dir })).toMatchObject({ code: 0, stdout: `wrote ${file}\n` });
    expect(readFileSync(file, 'utf8')).toBe(DEFAULT_RULES_YAML);
    expect(readFileSync(file, 'utf8')).toContain('reason: >-\n      Committed spend is running under plan:');
    expect(loadRules(file)).toEqual(defaultRules());
    expect(await runCli(['playbooks', 'check', file], { cwd: dir })).toMatchObject({ code: 0, stdout: `${file}: 8 playbooks, OK\n` });
  });

  it('check names the closest field for a typo, and one YAML error with its line and column', async () => {
    const typo = join(dir, 'typo.yaml');
    writeFileSync(typo, DEFAULT_RULES_YAML.replace('{ field: bill_shock_risk, op: eq', '{ field: bill_shock_rsk, op: eq'));
    const run = await runCli(['playbooks', 'check', typo], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('unknown signal field "bill_shock_rsk"; did you mean bill_shock_risk?');
    expect(run.stderr).not.toContain('account_id');

    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, DEFAULT_RULES_YAML.replace('in: [declining, stopped] }', 'in: [declining, stopped }'));
    const line = DEFAULT_RULES_YAML.split('\n').findIndex((l) => l.includes('in: [declining, stopped] }')) + 1;
    const bad = await runCli(['playbooks', 'check', broken], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr.match(/invalid YAML/g)).toHaveLength(1);
    expect(bad.stderr).toContain(`line ${line}, column 51: invalid YAML`);
  });
});
