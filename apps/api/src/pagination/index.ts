// Cursor paging shared by every list the api serves: the only way in from outside this folder.
export { type Connection, ConnectionType, toConnection } from './connection.type.js';
export { PageArgs, pageSize } from './page.args.js';
export { cursorListOf, decodeCursor, encodeCursor } from './page-cursor.js';
