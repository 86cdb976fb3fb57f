import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ByteWriter } from '../../../sample-data/byte-writer';

describe('ByteWriter', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-bytes-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('formats integers and cents exactly as a CSV reader expects', () => {
    const path = join(dir, 'a.csv');
    const w = new ByteWriter(path);
    w.lead('acct-1').comma().text('2025-01-01').comma().int(0).comma().int(7).comma().int(1234567890).comma().money(7.4).endRow();
    w.lead('acct-1').comma().text('é').comma().money(0).comma().money(0.05).comma().money(1234.99).endRow();
    w.close();
    expect(readFileSync(path, 'utf8')).toBe('acct-1,2025-01-01,0,7,1234567890,7.40\nacct-1,é,0.00,0.05,1234.99\n');
    expect(w.rows).toBe(2);
  });

  it('writes any amount rounded to cents as the same decimal the row objects hold', () => {
    const path = join(dir, 'm.csv');
    const w = new ByteWriter(path);
    const values = fc.sample(fc.integer({ min: 0, max: 10_000_000_000 }).map((cents) => Math.round(cents) / 100), 5000);
    for (const v of values) w.money(v).endRow();
    w.close();
    expect(readFileSync(path, 'utf8').trimEnd().split('\n').map(Number)).toEqual(values);
  });

  it('flushes across its buffer boundary without losing a byte', () => {
    const path = join(dir, 'b.csv');
    const w = new ByteWriter(path);
    for (let i = 0; i < 400_000; i++) w.lead(`acct-${i % 7}`).comma().int(i).endRow();
    w.close();
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines).toHaveLength(400_001);
    expect(lines[399_999]).toBe(`acct-${399_999 % 7},399999`);
  });
});
