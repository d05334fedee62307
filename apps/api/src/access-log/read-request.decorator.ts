import { IncomingMessage, ServerResponse } from 'node:http';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { apiError, ApiErrorCode } from '../errors/index.js';
import { isActivityId } from '#domain';
import { PURPOSE_ACTIVITIES, processingPurposeOf, purposeOfActivity } from '#read-models';
import { DEFAULT_PURPOSE, ProcessingPurpose } from './processing-purpose.enum.js';
import { TraceContext, traceContextOf, traceparentOf } from './trace-context.value.js';

/** What the access log records of the request behind a read, besides the actor. */
export interface ReadRequest {
  readonly traceId: string;
  /** The request's own span: each read within it logs a span of its own, with this one as parent. */
  readonly spanId: string;
  /** pino-http's request id (x-request-id when the caller sent a safe one). */
  readonly requestId: string | null;
  /** The purpose as declared: a built-in purpose's name (CASE_COORDINATION), or a register id. */
  readonly purpose: string;
  /** The id of the register entry of the processing activity the read serves. */
  readonly activity: string;
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
  const { purpose, activity } = purposeOf(req.headers['x-purpose']);
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
    activity,
  };
}

/**
 * The purpose by a built-in name (CASE_COORDINATION) or any register id (case-coordination, or an entry
 * the policy admins registered). Whether a register id is in the register is checked where the read runs
 * (LoggedReads), with the same answer as for text that is no id at all.
 */
function purposeOf(header: string | string[] | undefined): { purpose: string; activity: string } {
  const given =
    header === undefined
      ? DEFAULT_PURPOSE
      : typeof header === 'string'
        ? processingPurposeOf(header)
        : undefined;
  const activity =
    given !== undefined
      ? PURPOSE_ACTIVITIES[given]
      : typeof header === 'string'
        ? header.trim().toLowerCase()
        : '';
  if (!isActivityId(activity)) throw unknownPurpose(header);
  return { purpose: purposeOfActivity(activity), activity };
}

/** The answer to an x-purpose that names no processing activity of the register. */
export function unknownPurpose(header: unknown) {
  return apiError(
    ApiErrorCode.BAD_USER_INPUT,
    `The x-purpose header ${JSON.stringify(header)} names no processing activity of the register; send the ` +
      `register id of an activity your agreements serve (me { agreementsInForce { activities } }), one of ` +
      `${Object.values(ProcessingPurpose).join(', ')}, or leave it out for ${DEFAULT_PURPOSE}.`,
    { reason: 'UNKNOWN_PURPOSE' },
  );
}
