export * from './data-classification.js';
export * from './feed-cloud-event.js';
