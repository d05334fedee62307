import { Injectable } from '@nestjs/common';
import type { Actor } from '#domain';
import { agreementStreamId, agreementStreams } from '#events';
import { CommandGateway, CommandMapping, IdempotentCommandInput } from '../commands/index.js';
import { AGREEMENT_ERROR_CODES } from './agreement-errors.mapping.js';
import { AgreementCommandResult } from './shared/agreement-command-result.type.js';

/** The agreement mutations' one call: their input, by their mapping, through the command gateway. */
@Injectable()
export class AgreementCommands {
  constructor(private readonly gateway: CommandGateway) {}

  async execute(
    mapping: CommandMapping,
    input: IdempotentCommandInput,
    actor: Actor,
  ): Promise<AgreementCommandResult> {
    const result = await this.gateway.execute(
      agreementStreams,
      AGREEMENT_ERROR_CODES,
      mapping,
      input,
      actor,
      'token',
    );
    const { agreementId } = result.command;
    return {
      ...result,
      agreementId,
      version: this.gateway.present(agreementStreamId(agreementId), result.streamVersion, 'token') as string,
    };
  }
}
