/**
 * The Kick emulator: a real HTTP server that behaves like Kick per REFERENCE.md — OAuth
 * (id.kick.com), the public API (api.kick.com), the unofficial website endpoints (kick.com)
 * and signed webhook deliveries — with fault knobs and a request log for tests.
 */
export { startKickEmulator } from './emulator';
export { sampleEvent, SAMPLE_EVENT_NAMES } from './events';
export { ALL_SCOPES, SEED } from './state/seed';
export { rfc3339Seconds, ulid } from './util';
export type * from './state/model';
export type * from './types';
