/**
 * `POST /webhooks/hubspot` through the real app on a real PostgreSQL store and Redis: a signed
 * delivery moves and forgets record ids and deactivates an uninstalled portal; unsigned, forged,
 * stale, replayed, one-byte-altered and re-serialized deliveries get 401 and change nothing.
 */
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import request from 'supertest';
import { loadConfig } from '../../../src/commands/config';
import { createApp } from '../../../src/server/app';
import { signHubspotV3 } from '../../../src/server/hubspot-signature';
import { createLogger } from '../../../src/server/logger';
import { openStateStore, type StateStore } from '../../../src/sync/state';
import { connectPostgres } from '../../../src/sync/state/pg-client';
import type { SqlClient } from '../../../src/sync/state/sql';
import { startRedis, type RunningRedis } from '../../support/redis';
import { testDatabaseUrl } from '../../support/test-database';

const SECRET = 'hs-webhook-client-secret';
const PUBLIC = 'https://pulse.example.test';
const PORTAL = '737373';
let redis: RunningRedis;
let connection: Redis;
let store: StateStore;
let db: SqlClient;
let installationId = 0;
const lines: string[] = [];

function app(redisOrMemory: Redis | null = connection) {
  const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => void (lines.push(chunk.toString()), done()) });
  const env = { DATABASE_URL: 'postgres://unused', PULSE_PUBLIC_URL: PUBLIC, HUBSPOT_CLIENT_ID: 'id', HUBSPOT_CLIENT_SECRET: SECRET };
  return createApp({ store, queue: null, redis: redisOrMemory, adminToken: undefined, logger: createLogger('info', sink), registry: new Registry(), config: loadConfig(env), env });
}

interface Delivery {
  raw: string;
  signature: string;
  timestamp: string;
}

function signed(raw: string, options: { timestamp?: number; secret?: string; path?: string } = {}): Delivery {
  const timestamp = String(options.timestamp ?? Date.now());
  return { raw, timestamp, signature: signHubspotV3('POST', `${PUBLIC}${options.path ?? '/webhooks/hubspot'}`, Buffer.from(raw), timestamp, options.secret ?? SECRET) };
}

function send(delivery: Partial<Delivery> & { raw: string }, target = app()) {
  let call = request(target).post('/webhooks/hubspot').set('content-type', 'application/json');
  if (delivery.signature !== undefined) call = call.set('x-hubspot-signature-v3', delivery.signature);
  if (delivery.timestamp !== undefined) call = call.set('x-hubspot-request-timestamp', delivery.timestamp);
  return call.send(delivery.raw);
}

const recordIds = async () => (await db.query('select account_id, record_id from record_ids where installation_id = $1 order by 1', [installationId])).map((r) => `${r.account_id}=${r.record_id}`);

beforeAll(async () => {
  redis = await startRedis();
  connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  const url = await testDatabaseUrl('server_webhooks');
  store = await openStateStore({ databaseUrl: url, dir: '/nonexistent' });
  db = await connectPostgres(url);
  const added = await store.addInstallation({ name: 'hooked', crm: 'hubspot', crmAccountId: PORTAL, credentials: 'sealed-tokens', warehouseUrl: null, configFile: null, schedule: '0 6 * * *' });
  installationId = added.id;
  for (const [account, record] of [['a1', '11'], ['a2', '12'], ['a3', '13'], ['a4', '14']] as const) {
    await db.query('insert into record_ids values ($1, $2, $3, now())', [installationId, account, record]);
    await db.query(`insert into account_fields values ($1, $2, '{"pulse_health_score": [70, 1, "2026-11-24T06:00:00.000Z"]}')`, [installationId, account]);
  }
});
afterAll(async () => {
  await db?.close();
  await store?.close();
  await connection?.quit();
  await redis?.stop();
});

const merge = (portal = PORTAL) =>
  JSON.stringify([{ eventId: 1, subscriptionId: 9, portalId: Number(portal), appId: 5, occurredAt: Date.now(), subscriptionType: 'company.merge', attemptNumber: 0, objectId: 13, primaryObjectId: 13, mergedObjectIds: [11], newObjectId: 13 }]);

describe('POST /webhooks/hubspot refuses what HubSpot did not sign, and changes nothing', () => {
  it('unsigned, forged, stale, one byte altered, re-serialized', async () => {
    const before = await recordIds();
    const raw = merge();
    const good = signed(raw);
    const refusals = [
      await send({ raw }),
      await send({ ...signed(raw, { secret: 'not-the-secret' }) }),
      await send({ ...signed(raw, { timestamp: Date.now() - 301_000 }) }),
      await send({ ...good, raw: raw.replace('"objectId":13', '"objectId":14') }),
      // The same JSON with other bytes: the signature covers the bytes HubSpot sent, not their meaning.
      await send({ ...good, raw: JSON.stringify(JSON.parse(raw), null, 1) }),
      // Signed for another path: the URI is part of what is signed.
      await send({ ...signed(raw, { path: '/webhooks/other' }) }),
    ];
    expect(refusals.map((r) => [r.status, r.body.reason])).toEqual([
      [401, 'missing'],
      [401, 'mismatch'],
      [401, 'stale'],
      [401, 'mismatch'],
      [401, 'mismatch'],
      [401, 'mismatch'],
    ]);
    expect(await recordIds()).toEqual(before);
  });
});

describe('POST /webhooks/hubspot applies what HubSpot signed', () => {
  it('a merge moves the merged company\'s accounts to the survivor, and the same delivery again is a replay', async () => {
    const delivery = signed(merge());
    await send(delivery).expect(204);
    expect(await recordIds()).toEqual(['a1=13', 'a2=12', 'a3=13', 'a4=14']);
    // The moved account's values are forgotten: the next run writes it whole to the survivor.
    expect((await db.query('select account_id from field_values where installation_id = $1 order by 1', [installationId])).map((r) => r.account_id)).toEqual(['a2', 'a3', 'a4']);
    const replay = await send(delivery);
    expect([replay.status, replay.body.reason]).toEqual([401, 'replayed']);
  });

  it('a deletion forgets the record id; another portal\'s events change nothing here', async () => {
    await send(signed(JSON.stringify([{ portalId: Number(PORTAL), subscriptionType: 'company.deletion', objectId: 12, occurredAt: Date.now() }]))).expect(204);
    await send(signed(JSON.stringify([{ portalId: 999, subscriptionType: 'company.deletion', objectId: 14, occurredAt: Date.now() }]))).expect(204);
    expect(await recordIds()).toEqual(['a1=13', 'a3=13', 'a4=14']);
  });

  it('an uninstall deactivates the installation and deletes its tokens', async () => {
    await send(signed(JSON.stringify([{ portalId: Number(PORTAL), subscriptionType: 'app.uninstall', occurredAt: Date.now() }]))).expect(204);
    const installation = await store.findInstallationByName('hooked');
    expect(installation).toMatchObject({ status: 'needs_attention', credentials: null });
    expect(installation?.statusReason).toContain('uninstalled');
  });

  it('a signed body that is not a delivery is a 400, and replays are caught without Redis too', async () => {
    await send(signed('{"not":"an array"}')).expect(400);
    await send(signed('not json')).expect(400);
    const memoryApp = app(null);
    const delivery = signed(JSON.stringify([{ portalId: 1, subscriptionType: 'contact.creation', objectId: 1 }]));
    await send(delivery, memoryApp).expect(204);
    expect((await send(delivery, memoryApp)).status).toBe(401);
  });

  it('no signature or secret is logged', () => {
    const log = lines.join('');
    expect(log).toContain('webhook refused');
    expect(log).not.toContain(SECRET);
  });
});
