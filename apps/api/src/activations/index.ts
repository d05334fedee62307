// What other capabilities of the api may use of the activation write side.
export * from './shared/activation-enums.graphql.js';
export { ActivationCommandResult } from './command-result.type.js';
export { ActivationsModule } from './activations.module.js';
export { ActivationCommands } from './activation-commands.service.js';
export { ActivationCommandInput } from './shared/activation-command.input.js';
