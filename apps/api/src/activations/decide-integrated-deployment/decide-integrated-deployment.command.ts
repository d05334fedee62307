import { CommandHandler } from '@nestjs/cqrs';
import type { DecideIntegratedDeployment } from '#domain';
import { CommandPayload } from '../activation-command.executor.js';
import {
  ActivationUseCaseCommand,
  ActivationUseCaseHandler,
  CommandFields,
} from '../shared/activation-use-case.command.js';
import { DecideIntegratedDeploymentInput } from './decide-integrated-deployment.input.js';

export class DecideIntegratedDeploymentCommand extends ActivationUseCaseCommand<DecideIntegratedDeploymentInput> {}

@CommandHandler(DecideIntegratedDeploymentCommand)
export class DecideIntegratedDeploymentHandler extends ActivationUseCaseHandler<DecideIntegratedDeploymentCommand> {
  protected toPayload(
    fields: CommandFields<DecideIntegratedDeploymentInput>,
  ): CommandPayload<DecideIntegratedDeployment> {
    return { type: 'DecideIntegratedDeployment', ...fields };
  }
}
