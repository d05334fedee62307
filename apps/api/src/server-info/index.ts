// What other parts of the api may use of server-info: the only way in from outside this folder.
export { ServerInfoResolver } from './server-info.resolver.js';
