// What other parts of the api may use of commands: the only way in from outside this folder.
export * from './command-gateway.js';
export * from './command-mapping.js';
export * from './command-options.input.js';
export * from './commands.module.js';
