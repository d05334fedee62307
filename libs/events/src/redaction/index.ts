export * from './redact.js';
export * from './visible-event.js';
export * from './redact-stored.js';
