import { Connection } from 'jsforce';
import { startFakeSalesforce, type FakeSalesforce } from '../../support/fake-salesforce';

/** The fake Salesforce, driven through jsforce 3.10.16 as the connector drives it. */
let fake: FakeSalesforce;
afterEach(() => fake.close());

const API = '62.0';

function connect(overrides: Partial<{ accessToken: string; refreshToken: string }> = {}): Connection {
  return new Connection({
    instanceUrl: fake.baseUrl,
    accessToken: overrides.accessToken ?? fake.accessToken,
    ...(overrides.refreshToken === undefined ? {} : { refreshToken: overrides.refreshToken, oauth2: { loginUrl: fake.baseUrl, clientId: 'pulse-client', clientSecret: 's' } }),
    version: API,
  });
}

type Result = { id?: string; success: boolean; created?: boolean; errors: { statusCode: string; message: string; fields: string[] }[] };

function collection(conn: Connection, method: 'PATCH' | 'POST', path: string, records: Record<string, unknown>[]): Promise<Result[]> {
  return conn.request<Result[]>({
    method,
    url: `/composite/sobjects${path}`,
    body: JSON.stringify({ allOrNone: false, records }),
    headers: { 'Content-Type': 'application/json' },
  });
}

const task = (key: string, whatId: string, subject = 'Usage dropped 40%'): Record<string, unknown> => ({
  attributes: { type: 'Task' },
  Pulse_Task_Key__c: key,
  WhatId: whatId,
  OwnerId: '005000000000002AAA',
  Subject: subject,
  Description: 'Weekly active seats fell from 50 to 30.',
  Priority: 'High',
  Status: 'Not Started',
  ActivityDate: '2026-12-07',
});

describe('fake Salesforce through jsforce', () => {
  it('finds Accounts by Id and by Pulse_Account_Id__c, with escaped values, and answers the SOQL record shape', async () => {
    fake = await startFakeSalesforce();
    const acme = fake.org.seedAccount({ Name: 'Acme', Pulse_Account_Id__c: 'acc_1', OwnerId: '005000000000009AAA' });
    const quoted = fake.org.seedAccount({ Name: "O'Brien", Pulse_Account_Id__c: "o'brien" });
    fake.org.seedAccount({ Name: 'Other', Pulse_Account_Id__c: 'acc_3' });
    expect(acme).toMatch(/^001[A-Za-z0-9]{15}$/);
    const conn = connect();

    const byId = await conn.query<{ Id: string; OwnerId: string; Pulse_Account_Id__c: string }>(
      `SELECT Id, OwnerId, Pulse_Account_Id__c FROM Account WHERE Id IN ('${acme}', '001000000000999AAA')`,
    );
    expect(byId).toMatchObject({ totalSize: 1, done: true });
    expect(byId.records).toEqual([
      { attributes: { type: 'Account', url: `/services/data/v${API}/sobjects/Account/${acme}` }, Id: acme, OwnerId: '005000000000009AAA', Pulse_Account_Id__c: 'acc_1' },
    ]);

    const byKey = await conn.query<{ Id: string }>(`SELECT Id, OwnerId, Pulse_Account_Id__c FROM Account WHERE Pulse_Account_Id__c IN ('acc_1','o\\'brien','missing')`);
    expect(byKey.records.map((record) => record.Id).sort()).toEqual([acme, quoted].sort());
    expect(fake.stats.byRoute.get('GET /query')).toBe(2);
  });

  it('refuses a query shape it does not know as MALFORMED_QUERY, and an unknown column as INVALID_FIELD', async () => {
    fake = await startFakeSalesforce();
    const conn = connect();
    await expect(conn.query("SELECT Id FROM Account WHERE Name LIKE 'A%'")).rejects.toMatchObject({ errorCode: 'MALFORMED_QUERY' });
    await expect(conn.query("SELECT Id, Nope__c FROM Account WHERE Id IN ('x')")).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
  });

  it('maps a Collections update back per record: a bad id fails alone, the rest are written once', async () => {
    fake = await startFakeSalesforce();
    const a = fake.org.seedAccount({ Name: 'A' });
    const b = fake.org.seedAccount({ Name: 'B' });
    const gone = fake.org.seedAccount({ Name: 'Gone' });
    fake.org.delete('Account', gone);
    const results = await collection(connect(), 'PATCH', '', [
      { attributes: { type: 'Account' }, id: a, Pulse_Account_Id__c: 'acc_a' },
      { attributes: { type: 'Account' }, id: '001000000000777AAA', Pulse_Account_Id__c: 'acc_x' },
      { attributes: { type: 'Account' }, id: gone, Pulse_Account_Id__c: 'acc_gone' },
      { attributes: { type: 'Account' }, id: b, Not_A_Field__c: 'x' },
    ]);
    expect(results).toEqual([
      { id: a, success: true, errors: [] },
      { success: false, errors: [{ statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: [] }] },
      { success: false, errors: [{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }] },
      { success: false, errors: [{ statusCode: 'INVALID_FIELD', message: expect.stringContaining('Not_A_Field__c'), fields: ['Not_A_Field__c'] }] },
    ]);
    expect(fake.org.get('Account', a)?.fields.Pulse_Account_Id__c).toBe('acc_a');
    expect(fake.org.writesOf('Account', a, 'Pulse_Account_Id__c')).toBe(1);
    expect(fake.org.writesOf('Account', b, 'Not_A_Field__c')).toBe(0);
  });

  it('takes at most 200 records a call', async () => {
    fake = await startFakeSalesforce();
    const records = Array.from({ length: 201 }, () => ({ attributes: { type: 'Account' }, id: fake.org.seedAccount({ Name: 'x' }), Pulse_Account_Id__c: 'a' }));
    await expect(collection(connect(), 'PATCH', '', records)).rejects.toMatchObject({ errorCode: 'EXCEEDED_ID_LIMIT' });
    expect(fake.org.writes.size).toBe(records.length * 2); // the seeds' own Name and OwnerId, nothing from the refused call
  });

  it('fails only the locked record with UNABLE_TO_LOCK_ROW, and writes its neighbours', async () => {
    fake = await startFakeSalesforce();
    const ids = [fake.org.seedAccount({ Name: 'A' }), fake.org.seedAccount({ Name: 'B' })];
    fake.faults.add({ fault: { kind: 'lock', positions: [1] }, method: 'PATCH', path: '/composite/sobjects' });
    const records = ids.map((id) => ({ attributes: { type: 'Account' }, id, Name: 'renamed' }));
    const results = await collection(connect(), 'PATCH', '', records);
    expect(results.map((result) => result.success)).toEqual([true, false]);
    expect(results[1]?.errors[0]?.statusCode).toBe('UNABLE_TO_LOCK_ROW');
    expect(fake.org.get('Account', ids[1] ?? '')?.fields.Name).toBe('B');
    expect(fake.faults.applied.get('lock')).toBe(1);
  });

  it('writes nothing of an allOrNone collection when one record fails', async () => {
    fake = await startFakeSalesforce();
    const id = fake.org.seedAccount({ Name: 'A' });
    const results = await connect().request<Result[]>({
      method: 'PATCH',
      url: '/composite/sobjects',
      body: JSON.stringify({ allOrNone: true, records: [{ attributes: { type: 'Account' }, id, Name: 'B' }, { attributes: { type: 'Account' }, id: 'bad' }] }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(results.map((result) => result.errors[0]?.statusCode)).toEqual(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'MALFORMED_ID']);
    expect(fake.org.get('Account', id)?.fields.Name).toBe('A');
  });

  it('serves any vNN.0 API version and refuses others and a wrong token', async () => {
    fake = await startFakeSalesforce();
    const get = (version: string, token = fake.accessToken): Promise<globalThis.Response> =>
      fetch(`${fake.baseUrl}/services/data/${version}/query?q=${encodeURIComponent('SELECT Id FROM Account')}`, { headers: { Authorization: `Bearer ${token}` } });
    expect((await get('v59.0')).status).toBe(200);
    expect((await get('latest')).status).toBe(404);
    const wrong = await get('v62.0', 'wrong');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
  });

  it('upserts Tasks by Pulse_Task_Key__c: a replay updates the same task and never creates a second', async () => {
    fake = await startFakeSalesforce();
    const account = fake.org.seedAccount({ Name: 'Acme', Pulse_Account_Id__c: 'acc_1' });
    const conn = connect();
    const first = await collection(conn, 'PATCH', '/Task/Pulse_Task_Key__c', [task('acc_1:drop:2026-W49', account)]);
    const replay = await conn.sobject('Task').upsert([task('acc_1:drop:2026-W49', account, 'Usage dropped 45%')], 'Pulse_Task_Key__c', { allOrNone: false });
    expect(first).toEqual([{ id: expect.stringMatching(/^00T/), success: true, created: true, errors: [] }]);
    expect(replay).toEqual([{ id: first[0]?.id, success: true, created: false, errors: [] }]);
    expect(fake.org.records.Task.size).toBe(1);
    expect(fake.org.get('Task', first[0]?.id ?? '')?.fields).toMatchObject({ WhatId: account, Subject: 'Usage dropped 45%', Status: 'Not Started', ActivityDate: '2026-12-07' });
    expect(fake.org.writesOf('Task', first[0]?.id ?? '', 'Pulse_Task_Key__c')).toBe(1);

    const found = await conn.query<{ Id: string; Pulse_Task_Key__c: string }>("SELECT Id, Pulse_Task_Key__c FROM Task WHERE Pulse_Task_Key__c IN ('acc_1:drop:2026-W49')");
    expect(found.records).toHaveLength(1);
    expect(found.records[0]).toMatchObject({ Id: first[0]?.id, Pulse_Task_Key__c: 'acc_1:drop:2026-W49' });
  });

  it('refuses a task whose priority is not a picklist value, or whose account does not exist, per record', async () => {
    fake = await startFakeSalesforce();
    const account = fake.org.seedAccount({ Name: 'Acme' });
    const results = await collection(connect(), 'PATCH', '/Task/Pulse_Task_Key__c', [
      { ...task('k1', account), Priority: 'Urgent' },
      task('k2', '001000000000555AAA'),
      task('k3', account),
    ]);
    expect(results.map((result) => result.errors[0]?.statusCode ?? 'ok')).toEqual(['INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', 'INVALID_CROSS_REFERENCE_KEY', 'ok']);
    expect(fake.org.records.Task.size).toBe(1);
  });

  it('publishes Pulse_Playbook__e events in order', async () => {
    fake = await startFakeSalesforce();
    const conn = connect();
    const events = ['acc_1:renewal_risk:2026-11-30', 'acc_2:expansion:2026-11-30'].map((key) => ({
      attributes: { type: 'Pulse_Playbook__e' },
      Pulse_Account_Id__c: key.split(':')[0],
      Playbook__c: key.split(':')[1],
      Reason__c: `fired: ${key}`,
    }));
    const results = await collection(conn, 'POST', '', events);
    expect(results).toEqual([
      { id: expect.stringMatching(/^e00/), success: true, errors: [] },
      { id: expect.stringMatching(/^e00/), success: true, errors: [] },
    ]);
    expect(fake.org.events.map((event) => event.fields.Playbook__c)).toEqual(['renewal_risk', 'expansion']);
    expect(fake.org.records.Account.size).toBe(0);
  });

  it('answers INVALID_SESSION_ID once the session has served sessionExpiresEvery calls, and refreshes through the token endpoint', async () => {
    fake = await startFakeSalesforce({ sessionExpiresEvery: 2 });
    const soql = 'SELECT Id, OwnerId, Pulse_Account_Id__c FROM Account';
    const plain = connect();
    await plain.query(soql);
    await plain.query(soql);
    await expect(plain.query(soql)).rejects.toMatchObject({ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' });
    expect(fake.stats.sessionsExpired).toBe(1);

    const refreshing = connect({ accessToken: 'stale', refreshToken: fake.refreshToken });
    const refreshed: string[] = [];
    refreshing.on('refresh', (token: string) => refreshed.push(token));
    for (let i = 0; i < 3; i += 1) await refreshing.query(soql);
    expect(refreshed).toHaveLength(2); // 'stale', then the first new token after its 2 calls
    expect(fake.sessions.grants.map((grant) => [grant.grantType, grant.clientId, grant.ok])).toEqual([
      ['refresh_token', 'pulse-client', true],
      ['refresh_token', 'pulse-client', true],
    ]);
  });

  it('refuses a bad refresh token with invalid_grant and records a JWT bearer assertion', async () => {
    fake = await startFakeSalesforce();
    const post = (form: Record<string, string>): Promise<globalThis.Response> =>
      fetch(`${fake.baseUrl}/services/oauth2/token`, { method: 'POST', body: new URLSearchParams(form) });
    const bad = await post({ grant_type: 'refresh_token', refresh_token: 'nope', client_id: 'c' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'invalid_grant', error_description: 'expired access/refresh token' });

    const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    const assertion = `${part({ alg: 'RS256' })}.${part({ iss: 'c', sub: 'pulse@example.com', aud: 'https://login.salesforce.com' })}.c2ln`;
    const good = await post({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
    const body = (await good.json()) as { access_token: string; instance_url: string; token_type: string };
    expect(body).toMatchObject({ instance_url: fake.baseUrl, token_type: 'Bearer' });
    expect(fake.sessions.grants[1]?.assertion?.claims).toMatchObject({ sub: 'pulse@example.com' });
    await expect(connect({ accessToken: body.access_token }).query('SELECT Id FROM Account')).resolves.toMatchObject({ totalSize: 0 });
    const malformed = await post({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: 'not-a-jwt' });
    expect(malformed.status).toBe(400);
  });

  it('reports the daily API use in Sforce-Limit-Info on every answer, and refuses calls past the allocation', async () => {
    fake = await startFakeSalesforce({ dailyLimit: 5, apiUsage: 2 });
    const conn = connect();
    const seen: unknown[] = [];
    await conn.query('SELECT Id FROM Account');
    seen.push(conn.limitInfo.apiUsage);
    await collection(conn, 'POST', '', [{ attributes: { type: 'Pulse_Playbook__e' }, Playbook__c: 'x' }]);
    seen.push(conn.limitInfo.apiUsage);
    await conn.query('SELECT Id FROM Account');
    seen.push(conn.limitInfo.apiUsage);
    expect(seen).toEqual([3, 4, 5].map((used) => ({ used, limit: 5 })));
    await expect(conn.query('SELECT Id FROM Account')).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    expect(fake.stats.limited).toBe(1);
    expect(fake.usage.used).toBe(5);
    const direct = await fetch(`${fake.baseUrl}/services/data/v${API}/query?q=${encodeURIComponent('SELECT Id FROM Account')}`, { headers: { Authorization: `Bearer ${fake.accessToken}` } });
    expect(direct.headers.get('sforce-limit-info')).toBe('api-usage=5/5');
  });

  it('injects 5xx, a limit refusal, and drops before and after the write', async () => {
    fake = await startFakeSalesforce({ random: () => 0 });
    const id = fake.org.seedAccount({ Name: 'A' });
    const conn = connect();
    const update = (name: string): Promise<Result[]> => collection(conn, 'PATCH', '', [{ attributes: { type: 'Account' }, id, Name: name }]);
    fake.faults.add({ fault: { kind: 'status', status: 503 }, path: '/composite/sobjects' });
    await expect(update('one')).rejects.toMatchObject({ errorCode: 'SERVER_UNAVAILABLE' });
    fake.faults.add({ fault: { kind: 'limit' }, path: '/composite/sobjects' });
    await expect(update('two')).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    fake.faults.add({ fault: { kind: 'drop', when: 'before' }, path: '/composite/sobjects' });
    await expect(update('three')).rejects.toThrow();
    expect(fake.org.get('Account', id)?.fields.Name).toBe('A');
    fake.faults.add({ fault: { kind: 'drop', when: 'after' }, path: '/composite/sobjects' });
    await expect(update('four')).rejects.toThrow();
    expect(fake.org.get('Account', id)?.fields.Name).toBe('four');
    await expect(update('five')).resolves.toEqual([{ id, success: true, errors: [] }]);
    expect([...fake.faults.applied.keys()]).toEqual(['status 503', 'limit', 'drop before', 'drop after']);
  });
});
