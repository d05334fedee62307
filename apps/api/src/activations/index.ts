// What other capabilities of the api may use of the activation write side.
export { ActivationCommandResult } from './command-result.type.js';
