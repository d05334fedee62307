// What other parts of the api may use of erasures: the only way in from outside this folder.
export { ErasuresModule } from './erasures.module.js';
