import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** What body-parser (through http-errors) hands on when it refuses a body. */
interface BodyParserError {
  status: number;
  type?: string;
  expose?: boolean;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  if (typeof error !== 'object' || error === null) return false;
  const { status, expose } = error as Partial<BodyParserError>;
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true;
}

function describe(error: BodyParserError, limitBytes: number): { code: string; message: string } {
  if (error.status === 413) {
    return {
      code: 'PAYLOAD_TOO_LARGE',
      message: `The request body is larger than the ${limitBytes} bytes keten accepts; send less at once (e.g. fewer subjects or a shorter text, or page through it).`,
    };
  }
  if (error.type === 'entity.parse.failed') {
    return {
      code: 'BAD_REQUEST',
      message: 'The request body is not valid JSON; send a JSON GraphQL request.',
    };
  }
  return {
    code: error.status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST',
    message: 'The request body cannot be read; send JSON in UTF-8 with content-type application/json.',
  };
}

/**
 * Reads JSON and form bodies up to `limitBytes` (Express's own default is 100 kB and an HTML error page),
 * and answers a body it refuses as GraphQL answers an error: JSON with a code and a sentence, never a
 * stack trace. Registered before Nest's routes, so it covers GraphQL and every other route alike.
 */
export function limitRequestBodies(app: NestExpressApplication, limitBytes: number): void {
  app.useBodyParser('json', { limit: limitBytes });
  app.useBodyParser('urlencoded', { limit: limitBytes, extended: true });
  const logger = new Logger('RequestBody');
  // Four parameters make this an Express error handler: it sees only what an earlier middleware refused.
  app.use(
    (error: unknown, request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => {
      if (!isBodyParserError(error) || response.headersSent) return next(error);
      const { code, message } = describe(error, limitBytes);
      logger.warn(`${request.method} ${request.url} refused: ${code} (HTTP ${error.status})`);
      const extensions = { code, ...(code === 'PAYLOAD_TOO_LARGE' ? { limitBytes } : {}) };
      response.statusCode = error.status;
      response.setHeader('content-type', 'application/json; charset=utf-8');
      response.end(JSON.stringify({ errors: [{ message, extensions }] }));
    },
  );
}
