/**
 * The deterministic sample warehouse behind `pulse sample-data`: realistic accounts of known
 * archetypes, the same bytes for the same options.
 */
export { generateSample, type SampleAccount } from './collect';
export { ARCHETYPES, ARCHETYPE_NAMES, archetypeOf, type Archetype, type ArchetypeName, type PlaybookName } from './archetypes';
export { resolveSampleOptions, SAMPLE_DEFAULTS, type ResolvedSampleOptions, type SampleOptions } from './options';
export type { SampleSink } from './sink';
