// What other parts of the api may use of feeds: the only way in from outside this folder.
export { FeedsModule } from './feeds.module.js';
