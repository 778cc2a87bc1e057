export * from './plan';
export * from './reconcile';
export * from './appTokenCleanup';
