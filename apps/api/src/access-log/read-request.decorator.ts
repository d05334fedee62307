import { IncomingMessage, ServerResponse } from 'node:http';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { apiError, ApiErrorCode } from '../errors/index.js';
import { PURPOSE_ACTIVITIES, processingPurposeOf } from '#read-models';
import { DEFAULT_PURPOSE, ProcessingPurpose } from './processing-purpose.enum.js';
import { TraceContext, traceContextOf, traceparentOf } from './trace-context.value.js';

/** What the access log records of the request behind a read, besides the actor. */
export interface ReadRequest {
  readonly traceId: string;
  /** The request's own span: each read within it logs a span of its own, with this one as parent. */
  readonly spanId: string;
  /** pino-http's request id (x-request-id when the caller sent a safe one). */
  readonly requestId: string | null;
  readonly purpose: ProcessingPurpose;
}

type HttpRequest = IncomingMessage & { id?: string | number; res?: ServerResponse };

/** One trace per HTTP request, however many fields of the operation read case data. */
const traces = new WeakMap<HttpRequest, TraceContext>();

/**
 * The request behind this read: its W3C trace (answered in the `traceparent` response header), its
 * request id and the processing purpose from the `x-purpose` header. An unknown purpose is refused, not
 * replaced: the log must say what the reader declared.
 */
export const CurrentReadRequest = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ReadRequest =>
    readRequestOf(GqlExecutionContext.create(context).getContext<{ req: HttpRequest }>().req),
);

export function readRequestOf(req: HttpRequest): ReadRequest {
  const purpose = purposeOf(req.headers['x-purpose']);
  let trace = traces.get(req);
  if (!trace) {
    trace = traceContextOf(req.headers.traceparent);
    traces.set(req, trace);
    if (req.res && !req.res.headersSent) req.res.setHeader('traceparent', traceparentOf(trace));
  }
  return {
    traceId: trace.traceId,
    spanId: trace.spanId,
    requestId: req.id === undefined ? null : String(req.id),
    purpose,
  };
}

/** The purpose by its name (CASE_COORDINATION) or its register id (case-coordination). */
function purposeOf(header: string | string[] | undefined): ProcessingPurpose {
  if (header === undefined) return DEFAULT_PURPOSE;
  const given = typeof header === 'string' ? processingPurposeOf(header) : undefined;
  if (given !== undefined) return given;
  throw apiError(
    ApiErrorCode.BAD_USER_INPUT,
    `The x-purpose header ${JSON.stringify(header)} names no processing activity of the register; send one of ` +
      `${Object.values(ProcessingPurpose).join(', ')} (or its register id, such as ${PURPOSE_ACTIVITIES[DEFAULT_PURPOSE]}), ` +
      `or leave it out for ${DEFAULT_PURPOSE}.`,
    { reason: 'UNKNOWN_PURPOSE' },
  );
}
