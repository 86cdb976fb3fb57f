export { startFakeHubspot, type FakeHubspot, type FakeHubspotOptions, type FakeHubspotStats } from './server';
export type { FaultKind, FaultRule } from './faults';
export type { FakeRecord } from './store';
export type { FakeGroup, FakeProperty } from './definitions';
