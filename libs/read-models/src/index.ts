export * from './activations/activation-facts.js';
export * from './agreements/agreement-grants.js';
export * from './projector/read-model.projector.js';
export * from './projector/read-model.rows.js';
export * from './projector/read-model.subscription.js';
export * from './projector/read-model.rebuild.js';
export * from './projector/read-model.watermark.js';
