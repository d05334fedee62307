import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStoreModule } from '#events';
import './shared/activation-enums.graphql.js';
import { ActivationCommandExecutor } from './activation-command.executor.js';
import { OpenActivationHandler } from './open-activation/open-activation.command.js';
import { OpenActivationResolver } from './open-activation/open-activation.resolver.js';

const useCases = [OpenActivationHandler, OpenActivationResolver];

/** The activation write side: one folder per use case, all through ActivationCommandExecutor. */
@Module({
  imports: [CqrsModule, EventStoreModule],
  providers: [ActivationCommandExecutor, ...useCases],
})
export class ActivationsModule {}
