import type { IncomingMessage, ServerResponse } from 'node:http';
import { once } from 'node:events';
import { Controller, Get, Logger, Param, Req, Res } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { readRequestOf } from '../../access-log/index.js';
import { TokenVerifier } from '../../auth/index.js';
import { AgencyRateBudget } from '../../limits/index.js';
import { apiError, ApiErrorCode } from '../../errors/index.js';
import { Attachments } from '../attachments.service.js';
import { sendError } from '../shared/http-answer.js';
import { actorOf } from '../shared/bearer.js';
import { extensionOf } from '../upload-attachment/content-type.sniffer.js';

/**
 * `GET /attachments/:id`: the bytes of an attachment, for an agency that sees its activation and holds
 * every category it carries. Everyone else gets the answer an unknown id gets. Each download
 * is written to the access log (purpose from `x-purpose`, as for GraphQL reads) before its first byte.
 */
@Controller('attachments')
export class DownloadAttachmentController {
  private readonly logger = new Logger('Attachments');

  constructor(
    private readonly verifier: TokenVerifier,
    private readonly budget: AgencyRateBudget,
    private readonly attachments: Attachments,
  ) {}

  @Get(':id')
  async download(
    @Param('id') id: string,
    @Req() request: IncomingMessage,
    @Res() response: ServerResponse,
  ): Promise<void> {
    let found: Awaited<ReturnType<Attachments['download']>>;
    try {
      const actor = await actorOf(this.verifier, request);
      // The agency's one budget, shared with its GraphQL operations.
      const refused = this.budget.spend(actor.agency, response);
      if (refused) throw refused;
      found = await this.attachments.download(
        actor,
        readRequestOf(request as Parameters<typeof readRequestOf>[0]),
        id,
      );
    } catch (error) {
      if (!(error instanceof GraphQLError)) this.logger.error(error);
      sendError(
        response,
        error instanceof GraphQLError
          ? error
          : apiError(
              ApiErrorCode.SERVICE_UNAVAILABLE,
              'The attachment cannot be read right now; try again shortly.',
            ),
      );
      return;
    }
    const { row, bytes } = found;
    response.statusCode = 200;
    response.setHeader('content-type', row.content_type);
    response.setHeader('content-length', row.byte_length);
    response.setHeader(
      'content-disposition',
      `attachment; filename="${row.attachment_id}.${extensionOf(row.content_type)}"`,
    );
    response.setHeader('x-content-type-options', 'nosniff');
    response.setHeader('cache-control', 'private, no-store');
    response.setHeader('etag', `"${row.sha256}"`);
    response.setHeader('repr-digest', `sha-256=:${Buffer.from(row.sha256, 'hex').toString('base64')}:`);
    try {
      for await (const chunk of bytes) {
        if (!response.write(chunk)) await once(response, 'drain');
      }
      response.end();
    } catch (error) {
      // The headers are out: a broken body is all that can be said, by ending the connection.
      this.logger.error(error);
      response.destroy();
    }
  }
}
