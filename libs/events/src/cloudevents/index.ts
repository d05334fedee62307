export * from './data-classification.js';
export * from './feed-cloud-event.js';
export * from './nl-gov-profile.js';
