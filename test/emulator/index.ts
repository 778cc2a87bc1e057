/**
 * The Kick emulator: a real HTTP server that behaves like Kick per docs/kick-api.md — OAuth
 * (id.kick.com), the public API (api.kick.com), the unofficial website endpoints (kick.com),
 * signed webhook deliveries and Kick's live socket (Pusher protocol, ./pusher) — with fault
 * knobs and a request log for tests.
 */
export { startKickEmulator } from './emulator';
export { sampleEvent, SAMPLE_EVENT_NAMES } from './events';
export { ALL_SCOPES, SEED } from './state/seed';
export { PUSHER_APP_KEY, type PusherEmulator, type PusherLogEntry } from './pusher';
export { kickChatTime, type ChatMessageOptions, type SentChatMessage } from './pusherEvents';
export { rfc3339Seconds, ulid } from './util';
export { sendRequest } from './deliveries';
export type * from './state/model';
export type * from './types';
