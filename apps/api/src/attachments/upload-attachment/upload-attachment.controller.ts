import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Logger, Post, Req, Res } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { AppConfig } from '#platform';
import { TokenVerifier } from '../../auth/index.js';
import { AgencyRateBudget } from '../../limits/index.js';
import { apiError, ApiErrorCode } from '../../errors/index.js';
import { Attachments } from '../attachments.service.js';
import { sendError, sendJson } from '../shared/http-answer.js';
import { actorOf } from '../shared/bearer.js';
import { ClientGone, MULTIPART_OVERHEAD_BYTES, tooLarge } from './upload.receiver.js';

/**
 * `POST /attachments`: one file as multipart/form-data, streamed into the attachment store. Answers
 * 201 with `{ uploadId, contentType, byteLength, sha256 }`; attach it with the attachDocument mutation.
 */
@Controller('attachments')
export class UploadAttachmentController {
  private readonly logger = new Logger('Attachments');

  constructor(
    private readonly verifier: TokenVerifier,
    private readonly budget: AgencyRateBudget,
    private readonly attachments: Attachments,
    private readonly config: AppConfig,
  ) {}

  @Post()
  async upload(@Req() request: IncomingMessage, @Res() response: ServerResponse): Promise<void> {
    try {
      const actor = await actorOf(this.verifier, request);
      // The agency's one budget, shared with its GraphQL operations.
      const refused = this.budget.spend(actor.agency, response);
      if (refused) throw refused;
      this.attachments.requireUploader(actor);
      const { maxBytes } = this.config.attachments;
      const declared = Number(request.headers['content-length']);
      // An honest client says how much it sends: refuse what cannot fit before reading a byte of it.
      if (Number.isFinite(declared) && declared > maxBytes + MULTIPART_OVERHEAD_BYTES)
        throw tooLarge(maxBytes);
      const uploaded = await this.attachments.upload(actor, request);
      sendJson(response, 201, uploaded);
    } catch (error) {
      if (error instanceof ClientGone) {
        this.logger.warn('upload abandoned by the client; nothing kept');
        return;
      }
      if (!(error instanceof GraphQLError)) this.logger.error(error);
      const answer =
        error instanceof GraphQLError
          ? error
          : apiError(
              ApiErrorCode.SERVICE_UNAVAILABLE,
              'The upload could not be stored; nothing of it was kept, send it again shortly.',
            );
      const unread = !request.complete;
      sendError(response, answer, { close: unread });
      // What the client still sends is not read: end the connection once the answer is out.
      if (unread) response.on('finish', () => request.destroy());
    }
  }
}
