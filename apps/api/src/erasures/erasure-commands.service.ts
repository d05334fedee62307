import { Injectable } from '@nestjs/common';
import { ErasureStatus, type Actor } from '#domain';
import { erasureStreams, PersonalDataVault } from '#events';
import { CommandGateway, CommandMapping, IdempotentCommandInput } from '../commands/index.js';
import { ERASURE_ERROR_CODES } from './erasure-errors.mapping.js';
import { ErasureCommandResult } from './shared/erasure-command-result.type.js';

/** The status each erasure command leaves its request in, once it is accepted. */
const STATUS_AFTER: Record<string, ErasureStatus> = {
  RequestErasure: ErasureStatus.REQUESTED,
  ApproveErasure: ErasureStatus.APPROVED,
  RejectErasure: ErasureStatus.REJECTED,
};

/**
 * The erasure mutations' one call: their input, by their mapping, through the command gateway, with the
 * vault's pseudonyms, so that the request's event names the subject as its keys are filed and never by
 * BSN. The answer says nothing of what keten holds: no lookup of the person or the activation is made.
 */
@Injectable()
export class ErasureCommands {
  constructor(
    private readonly gateway: CommandGateway,
    private readonly vault: PersonalDataVault,
  ) {}

  async execute(
    mapping: CommandMapping,
    input: IdempotentCommandInput,
    actor: Actor,
  ): Promise<ErasureCommandResult> {
    const result = await this.gateway.execute(
      erasureStreams(this.vault.pseudonyms),
      ERASURE_ERROR_CODES,
      mapping,
      input,
      actor,
    );
    return {
      erasureId: result.command.erasureId,
      status: STATUS_AFTER[mapping.type],
      eventIds: result.eventIds,
      duplicate: result.duplicate,
    };
  }
}
