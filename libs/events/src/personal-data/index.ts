export * from './key-provider.js';
export * from './sealed-value.js';
export * from './subject-keys.table.js';
export * from './payload-sealing.js';
export * from './subject-pseudonym.js';
export * from './personal-data-vault.js';
