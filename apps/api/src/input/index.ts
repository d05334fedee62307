// What other parts of the api may use of input: the only way in from outside this folder.
export * from './input-rules.js';
export * from './euro-cents.scalar.js';
