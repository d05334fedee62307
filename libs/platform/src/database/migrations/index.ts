/**
 * Every schema migration of the platform, oldest first. One database, one ordered history:
 * capabilities add their migrations here rather than keeping private lists that could run out of order.
 */
export const migrations: Function[] = [];
