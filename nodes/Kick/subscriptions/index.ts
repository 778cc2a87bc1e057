export * from './plan';
export * from './reconcile';
