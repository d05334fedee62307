export * from './input-rules.js';
