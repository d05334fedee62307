import { randomBytes } from 'node:crypto';

/** W3C Trace Context: `version-traceid-parentid-flags`, lowercase hex. */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ALL_ZERO = /^0+$/;

export interface TraceContext {
  /** The trace this request belongs to: the caller's, or one started here. */
  readonly traceId: string;
  /** This request's own span within the trace. */
  readonly spanId: string;
  readonly flags: string;
}

/**
 * Joins the caller's trace when its `traceparent` header is valid (W3C Trace Context §3.2: version ff and
 * all-zero ids are invalid, version 00 has exactly four parts), and otherwise starts a new trace, as the
 * standard asks of a receiver of a malformed header.
 */
export function traceContextOf(header: string | string[] | undefined): TraceContext {
  const match = typeof header === 'string' ? TRACEPARENT.exec(header.trim()) : null;
  const spanId = newId(8);
  if (match) {
    const [, version, traceId, parentId, flags, rest] = match;
    const valid =
      version !== 'ff' &&
      !(version === '00' && rest !== undefined) &&
      !ALL_ZERO.test(traceId) &&
      !ALL_ZERO.test(parentId);
    if (valid) return { traceId, spanId, flags };
  }
  // Sampled: keten records this request in its access log.
  return { traceId: newId(16), spanId, flags: '01' };
}

/** The `traceparent` of this request's span, to hand back to the caller and on to anything it calls. */
export function traceparentOf(trace: TraceContext): string {
  return `00-${trace.traceId}-${trace.spanId}-${trace.flags}`;
}

/** A new span id (8 bytes, hex): each processing action is a span of its own. */
export function newSpanId(): string {
  return newId(8);
}

function newId(bytes: number): string {
  let id: string;
  do id = randomBytes(bytes).toString('hex');
  while (ALL_ZERO.test(id));
  return id;
}
