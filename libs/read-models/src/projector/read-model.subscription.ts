/** The checkpoint name of the read-model projector; the api waits on it after a command. */
export const READ_MODEL_SUBSCRIPTION = 'read-models';
