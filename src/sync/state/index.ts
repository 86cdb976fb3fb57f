/** The sync state store: one SQL implementation for PostgreSQL and PGlite, behind small interfaces. */
export { openStateStore, openStateStoreReadOnly, stateStoreExists, type StateLocation } from './open';
export { EMPTY_READER } from './chunk-reader';
export { MIGRATIONS, type Migration } from './migrations';
export { LATEST_VERSION, migrate, schemaVersion } from './migrate';
export type {
  BatchOutcome, ChunkState, Installation, InstallationStatus, NamedInstallation, DayReading, HealthComponentReading, HistorySnapshot, NewInstallation, PendingOAuthState, SnapshotPage, SnapshotQuery, SnapshotSortKey, Rejection, RejectionKind, RunCounts, RunEnd, RunRecorder, RunStatus, RunSummary, StateReader, StateStore, StoredFiring,
} from './types';
export { dayReadingOf, INSTALLATION_STATUSES, SNAPSHOT_SORT_KEYS, ZERO_COUNTS } from './types';
export { openCredentials, sealCredentials, type CredentialVariables } from './sealed-credentials';
export { backfillScope, installationScope, warehouseScope } from './first-day-keeper';
