export * from './command-gateway.js';
export * from './command-mapping.js';
export * from './command-options.input.js';
export * from './commands.module.js';
