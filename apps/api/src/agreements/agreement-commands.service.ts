import { Injectable } from '@nestjs/common';
import { isActivityId, type Actor } from '#domain';
import { agreementStreamId, agreementStreams } from '#events';
import { ActivityRegister } from '#read-models';
import { CommandGateway, CommandMapping, IdempotentCommandInput } from '../commands/index.js';
import { apiError, ApiErrorCode } from '../errors/index.js';
import { AGREEMENT_ERROR_CODES } from './agreement-errors.mapping.js';
import { AgreementCommandResult } from './shared/agreement-command-result.type.js';

/** The agreement mutations' one call: their input, by their mapping, through the command gateway. */
@Injectable()
export class AgreementCommands {
  constructor(
    private readonly gateway: CommandGateway,
    private readonly register: ActivityRegister,
  ) {}

  async execute(
    mapping: CommandMapping,
    input: IdempotentCommandInput,
    actor: Actor,
  ): Promise<AgreementCommandResult> {
    await this.requireRegistered(input);
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

  /** An agreement serves activities of the register only: an id not (yet) registered is refused first. */
  private async requireRegistered(input: IdempotentCommandInput): Promise<void> {
    const { activities } = input as { activities?: unknown };
    if (!Array.isArray(activities)) return;
    for (const [i, id] of activities.entries()) {
      // Ids written wrongly are the domain parser's to refuse, with its own message.
      if (typeof id !== 'string' || !isActivityId(id.trim()) || (await this.register.registered(id.trim())))
        continue;
      throw apiError(
        ApiErrorCode.BAD_USER_INPUT,
        `The register of processing activities has no entry ${id.trim()}; propose it there first ` +
          '(proposeProcessingActivity, approved by a policy admin of another controller), or name a registered activity.',
        { reason: 'UNKNOWN_ACTIVITY', field: `activities[${i}]` },
      );
    }
  }
}
