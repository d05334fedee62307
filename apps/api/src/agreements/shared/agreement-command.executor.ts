import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Actor, AgreementCommand } from '#domain';
import { agreementStreams, CommandExecutor, ExecuteOptions } from '#events';
import { actorOf, CommandPayload } from '../../activations/activation-command.executor.js';
import { toApiError } from '../../errors/command-errors.js';
import { AGREEMENT_ERROR_CODES } from '../agreement-errors.mapping.js';
import { AgreementCommandResult } from './agreement-command-result.type.js';

/** Agreement commands from GraphQL: stamped with the verified policy admin and the server's clock. */
@Injectable()
export class AgreementCommandExecutor {
  constructor(private readonly executor: CommandExecutor) {}

  async execute(
    payload: CommandPayload<Exclude<AgreementCommand, { type: 'ExpireAgreement' }>>,
    actor: Actor,
    options: ExecuteOptions,
  ): Promise<AgreementCommandResult> {
    const command = { ...payload, actor, now: new Date().toISOString() } as AgreementCommand;
    try {
      const result = await this.executor.execute(agreementStreams, command, actorOf(actor), options);
      return { ...result, agreementId: command.agreementId };
    } catch (error) {
      throw toApiError(error, AGREEMENT_ERROR_CODES);
    }
  }
}

/** The id of a new agreement: the caller's, else the command id (so a retry is recognised), else a UUID. */
export const newAgreementId = (given: string | undefined, commandId: string | undefined) =>
  given ?? commandId ?? randomUUID();
