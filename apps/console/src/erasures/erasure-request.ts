import type { ConsoleErasureRequestsQuery } from '../api/generated/graphql';

/** An erasure request as the screen lists it (the list's query, beside the screen, names its fields). */
export type ErasureRequest = ConsoleErasureRequestsQuery['erasureRequests'][number];
