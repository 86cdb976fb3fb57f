export { startFakeSalesforce, type FakeSalesforce, type FakeSalesforceOptions, type FakeSalesforceStats } from './server';
export type { FaultKind, FaultRule } from './faults';
export { DEFAULT_OWNER_ID, type FakeEvent, type FakeOrg, type FakeSObject, type FieldValue } from './store';
export type { FakeSObjectType } from './fields';
export type { TokenGrant } from './sessions';
