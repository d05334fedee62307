/** Who caused an event, as the verified token said at the time. */
export interface EventActor {
  userId: string;
  agency: string;
  role: string;
}

export interface EventMetadata {
  actor: EventActor;
  /** Shared by every event that one user request led to, across streams and processes. */
  correlationId: string;
  /** The event or command that directly caused this one. */
  causationId?: string;
  commandId?: string;
  /** W3C trace id of the request, so the access log and the events of one request line up. */
  traceId?: string;
}

/** An event about to be appended: the store assigns stream version, position and transaction id. */
export interface NewEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
  occurredAt: string;
}

/** An event as stored, in the envelope every reader sees (after upcasting to the current schema). */
export interface StoredEvent<Data = unknown> {
  position: string;
  transactionId: string;
  streamId: string;
  streamVersion: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
  occurredAt: string;
  recordedAt: string;
}

/** Turns the stored shape of an older schema version into the current one; pure and total. */
export interface EventUpcasting {
  upcast(type: string, schemaVersion: number, data: unknown): { schemaVersion: number; data: unknown };
}

export const NO_UPCASTING: EventUpcasting = {
  upcast: (_type, schemaVersion, data) => ({ schemaVersion, data }),
};
