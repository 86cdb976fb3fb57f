/**
 * The deterministic sample warehouse behind `pulse sample-data`: realistic accounts of known
 * archetypes, the same bytes for the same options.
 */
export { generateSample, type SampleAccount } from './collect';
export { ARCHETYPES, ARCHETYPE_NAMES, archetypeOf, type Archetype, type ArchetypeName, type PlaybookName } from './archetypes';
export { resolveSampleOptions, SAMPLE_DEFAULTS, type ResolvedSampleOptions, type SampleOptions } from './options';
export type { SampleSink } from './sink';
export { writeDuckDb, type DuckDbWriteOptions } from './duckdb-writer';
export { writePostgres, type PostgresWriteOptions } from './postgres-writer';
export type { SampleWriteSummary } from './chunks';
export { SAMPLE_TABLES, type SampleTable } from './schema';
