import { randomUUID } from 'node:crypto';

/**
 * Which process answers: the id its starter gave it (KETEN_INSTANCE_ID, as `npm start` does), else one of
 * its own. Health answers carry it, so a readiness check can tell the process it just started from another
 * program that happens to answer on the same port.
 */
export const PROCESS_INSTANCE_ID = process.env.KETEN_INSTANCE_ID ?? randomUUID();
