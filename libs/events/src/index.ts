export * from './store/event-envelope.js';
export * from './store/event-store.js';
export * from './store/event-store.errors.js';
export * from './store/events-channel.js';
export * from './store/gap-safe-subscription.js';
export * from './catalogue/index.js';
export * from './store/event-store.module.js';
export * from './store/stream-ids.js';
