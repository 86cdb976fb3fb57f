import fc from 'fast-check';
import { csvCell, csvLine, parseCsv, parseCsvRecords } from '../../../connectors/crm/salesforce/bulk/csv';
import { readJobResults } from '../../../connectors/crm/salesforce/bulk/job-api';
import type { BulkSession } from '../../../connectors/crm/salesforce/bulk/job-context';
import { bulkLedgerKey } from '../../../connectors/crm/salesforce/bulk/ledger-key';
import { mapJobResults, readBulkError } from '../../../connectors/crm/salesforce/bulk/results';
import { prepareUpdate, splitUpdate } from '../../../connectors/crm/salesforce/bulk/update-csv';

describe('RFC 4180 cells and lines', () => {
  it('quotes only cells that need it, doubling quotes inside', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rlf')).toBe('"cr\rlf"');
    expect(csvCell(' padded ')).toBe('" padded "');
    expect(csvCell('')).toBe('');
    expect(csvLine(['Id', 'a,b', ''])).toBe('Id,"a,b",');
  });

  it('parses quoted cells with commas, doubled quotes and line breaks, LF or CRLF, with or without a final line ending', () => {
    expect(parseCsv('a,b\n1,"x,""y""\nz"\n')).toEqual([['a', 'b'], ['1', 'x,"y"\nz']]);
    expect(parseCsv('a,b\r\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
    expect(parseCsv('a,,\n"",x,')).toEqual([['a', '', ''], ['', 'x', '']]);
    expect(parseCsv('')).toEqual([]);
  });

  it('refuses a quote left open and text after a closing quote', () => {
    expect(() => parseCsv('a\n"cut short')).toThrow(expect.objectContaining({ code: 'INPUT_INVALID' }));
    expect(() => parseCsv('"a"b')).toThrow(expect.objectContaining({ code: 'INPUT_INVALID' }));
  });

  it('reads records by header and refuses a row of another width', () => {
    expect(parseCsvRecords('"sf__Id","sf__Error",Id\n"","UNABLE_TO_LOCK_ROW:locked:--","001"\n')).toEqual([{ sf__Id: '', sf__Error: 'UNABLE_TO_LOCK_ROW:locked:--', Id: '001' }]);
    expect(() => parseCsvRecords('a,b\n1\n')).toThrow(expect.objectContaining({ code: 'INPUT_INVALID' }));
  });

  it('reads back any cells it wrote', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        // A row of one empty cell is an empty line, which RFC 4180 reads as such: give it a second cell.
        const written = rows.map((cells) => (cells.length === 1 && cells[0] === '' ? ['', ''] : cells));
        expect(parseCsv(written.map((cells) => `${csvLine(cells)}\n`).join(''))).toEqual(written);
      }),
    );
  });
});

describe('updates as Bulk API 2.0 CSV', () => {
  it('has Id and the sorted union of fields; an absent field is an empty cell, null and empty text are #N/A', () => {
    const prepared = prepareUpdate([
      { key: 'a', record: { Id: '001A', Zeta__c: 'z, "quoted"', Alpha__c: 1.5, Flag__c: true } },
      { key: 'b', record: { Id: '001B', Alpha__c: null, Zeta__c: '' } },
    ]);
    expect(prepared.refused).toEqual([]);
    const [upload, more] = splitUpdate(prepared, 1_000_000);
    expect(more).toBeUndefined();
    expect(upload?.csv).toBe('Id,Alpha__c,Flag__c,Zeta__c\n001A,1.5,true,"z, ""quoted"""\n001B,#N/A,,#N/A\n');
    expect(upload?.rows).toEqual([{ key: 'a', id: '001A' }, { key: 'b', id: '001B' }]);
  });

  it('makes the same text (and ledger key) for the same writes, whatever the order of their fields', () => {
    const one = splitUpdate(prepareUpdate([{ key: 'a', record: { Id: '001A', B__c: 1, A__c: 2 } }]), 1e6)[0]?.csv ?? '';
    const two = splitUpdate(prepareUpdate([{ key: 'a', record: { A__c: 2, Id: '001A', B__c: 1 } }]), 1e6)[0]?.csv ?? '';
    expect(one).toBe(two);
    expect(bulkLedgerKey('Account', 'update', one)).toMatch(/^[0-9a-f]{64}$/);
    expect(bulkLedgerKey('Account', 'update', one)).toBe(bulkLedgerKey('Account', 'update', two));
    expect(bulkLedgerKey('Account', 'update', one)).not.toBe(bulkLedgerKey('Account', 'upsert', one));
    expect(bulkLedgerKey('Account', 'update', one)).not.toBe(bulkLedgerKey('Account', 'update', `${one}001B,1,2\n`));
  });

  it('refuses a second write to an Id, a write without an Id and a number Salesforce cannot store', () => {
    const prepared = prepareUpdate([
      { key: 'a', record: { Id: '001A', X__c: 1 } },
      { key: 'b', record: { Id: '001A', X__c: 2 } },
      { key: 'c', record: { X__c: 3 } },
      { key: 'd', record: { Id: '001D', X__c: Number.NaN } },
    ]);
    expect(prepared.lines.map((line) => line.key)).toEqual(['a']);
    expect(prepared.refused).toEqual([
      { key: 'b', ok: false, retryable: false, error: 'Account 001A is written by a in the same Bulk job: one write per record and job' },
      { key: 'c', ok: false, retryable: false, error: 'the record has no Salesforce Id to update by' },
      { key: 'd', ok: false, retryable: false, error: 'X__c is NaN, not a number Salesforce can store' },
    ]);
  });

  it('splits rows into uploads of at most maxBytes, each with the header', () => {
    const prepared = prepareUpdate(['001A', '001B', '001C'].map((Id) => ({ key: Id, record: { Id, N__c: 'x'.repeat(10) } })));
    const parts = splitUpdate(prepared, 40);
    expect(parts.map((part) => part.csv)).toEqual(['Id,N__c\n001A,xxxxxxxxxx\n001B,xxxxxxxxxx\n', 'Id,N__c\n001C,xxxxxxxxxx\n']);
    expect(parts.flatMap((part) => part.rows.map((row) => row.key))).toEqual(['001A', '001B', '001C']);
  });
});

describe('job results mapped back to keys', () => {
  it('reads sf__Error as CODE: message (fields)', () => {
    expect(readBulkError('UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record:--')).toEqual({
      code: 'UNABLE_TO_LOCK_ROW',
      error: 'UNABLE_TO_LOCK_ROW: unable to obtain exclusive access to this record',
    });
    expect(readBulkError('MALFORMED_ID:Account ID: id value of incorrect type: 001x:Id --')).toEqual({ code: 'MALFORMED_ID', error: 'MALFORMED_ID: Account ID: id value of incorrect type: 001x (Id)' });
    expect(readBulkError('REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name,Site --')).toEqual({
      code: 'REQUIRED_FIELD_MISSING',
      error: 'REQUIRED_FIELD_MISSING: Required fields are missing: [Name] (Name,Site)',
    });
    expect(readBulkError('something else')).toEqual({ code: undefined, error: 'something else' });
  });

  it('gives every key one result: success by sf__Id, failure by the echoed Id, passing codes retryable, no row a retryable failure', () => {
    const upload = { csv: '', rows: ['ok', 'locked', 'bad', 'unprocessed', 'lost'].map((key, i) => ({ key, id: `001${i}` })) };
    const job = { id: '750X', state: 'Failed', errorMessage: 'InvalidBatch : too slow' };
    const results = mapJobResults(upload, job, {
      successful: [{ sf__Id: '0010', sf__Created: 'false', Id: '0010' }],
      failed: [
        { sf__Id: '', sf__Error: 'UNABLE_TO_LOCK_ROW:locked:--', Id: '0011' },
        { sf__Id: '', sf__Error: 'INVALID_FIELD:bad value:X__c --', Id: '0012' },
      ],
      unprocessed: [{ Id: '0013' }, { Id: '009999' }],
    });
    expect(results).toEqual([
      { key: 'ok', ok: true, crm_id: '0010' },
      { key: 'locked', ok: false, code: 'UNABLE_TO_LOCK_ROW', error: 'UNABLE_TO_LOCK_ROW: locked', retryable: true },
      { key: 'bad', ok: false, code: 'INVALID_FIELD', error: 'INVALID_FIELD: bad value (X__c)', retryable: false },
      { key: 'unprocessed', ok: false, error: 'not processed: Bulk job 750X ended Failed: InvalidBatch : too slow', retryable: true },
      { key: 'lost', ok: false, error: 'no result for this record in Bulk job 750X (state Failed)', retryable: true },
    ]);
  });
});

describe('result CSV as jsforce hands it', () => {
  const session = (data: unknown): BulkSession => ({ link: { request: async () => ({ ok: true, data, status: 200 }) } }) as unknown as BulkSession;

  it('takes the rows jsforce parsed, or parses the raw text jsforce gave up on', async () => {
    expect(await readJobResults(session([{ sf__Id: '001', sf__Created: 'false' }]), '750X', 'successfulResults')).toEqual({ ok: true, value: [{ sf__Id: '001', sf__Created: 'false' }] });
    // A cell with `;` left unquoted: jsforce's parse (any of , ; | tab ^ `) fails and the text comes back as is.
    expect(await readJobResults(session('sf__Id,sf__Error,Id\n,CODE:a;b:--,001\n'), '750X', 'failedResults')).toEqual({
      ok: true,
      value: [{ sf__Id: '', sf__Error: 'CODE:a;b:--', Id: '001' }],
    });
  });

  it('throws CRM_REQUEST_FAILED naming the job and the call for an answer that is not result rows', async () => {
    await expect(readJobResults(session({ not: 'rows' }), '750X', 'failedResults')).rejects.toMatchObject({ code: 'CRM_REQUEST_FAILED', place: 'GET /jobs/ingest/750X/failedResults/' });
    await expect(readJobResults(session('a,b\n"open'), '750X', 'failedResults')).rejects.toMatchObject({ code: 'CRM_REQUEST_FAILED', message: expect.stringContaining('750X') });
  });
});
