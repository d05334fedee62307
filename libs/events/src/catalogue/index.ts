export * from './activation-events.catalogue.js';
export * from './field-classification.js';
export * from './field-paths.js';
export * from './signal-recorded.upcaster.js';
export * from './catalogue-upcasting.js';
export * from './agreement-events.catalogue.js';
