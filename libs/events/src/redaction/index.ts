export * from './redact.js';
export * from './visible-event.js';
