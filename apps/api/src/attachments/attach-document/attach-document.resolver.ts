import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '#domain';
import { CurrentActor } from '../../auth/index.js';
import { CommandMapping, IdempotentCommandInput } from '../../commands/index.js';
import { ActivationCommandResult, ActivationCommands } from '../../activations/index.js';
import { Attachments } from '../attachments.service.js';
import { AttachDocumentInput } from './attach-document.input.js';

export const ATTACH_DOCUMENT: CommandMapping = { type: 'AttachDocument' };

@Resolver()
export class AttachDocumentResolver {
  constructor(
    private readonly activations: ActivationCommands,
    private readonly attachments: Attachments,
  ) {}

  @Mutation(() => ActivationCommandResult, {
    description:
      'A participating agency adds a document it uploaded (POST /attachments) to the activation: a ' +
      'document.attached event in the timeline. Download it with GET /attachments/{uploadId}.',
  })
  async attachDocument(
    @Args('input') input: AttachDocumentInput,
    @CurrentActor() actor: Actor,
  ): Promise<ActivationCommandResult> {
    const { uploadId, categories: declared, ...command } = input;
    const { facts, attached, categories } = await this.attachments.reserve(
      actor,
      input.activationId,
      uploadId,
      declared,
    );
    try {
      // The command carries what the stored upload says of its bytes, not what the client says of them.
      const fields: IdempotentCommandInput & Record<string, unknown> = {
        ...command,
        attachmentId: uploadId,
        categories,
        ...facts,
      };
      const result = await this.activations.execute(ATTACH_DOCUMENT, fields, actor);
      await this.attachments.confirm(uploadId, categories);
      return result;
    } catch (error) {
      if (!attached) await this.attachments.release(uploadId, input.activationId);
      throw error;
    }
  }
}
