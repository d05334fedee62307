import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsUUID, Matches } from 'class-validator';

/** What every mutation accepts besides its own fields: a command id, for idempotency. */
@InputType({ isAbstract: true })
export abstract class IdempotentCommandInput {
  @Field(() => ID, {
    nullable: true,
    description: 'A UUID you choose; sending the same command again with it returns the first result.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'commandId must be a UUID' })
  commandId?: string;
}

/** The version a command is based on, as its capability's input writes it (a token, or a number). */
export type CommandOptions = IdempotentCommandInput & { expectedVersion?: string | number };

/**
 * A command on a stream whose version is an opaque token (agreements): idempotency and optimistic
 * concurrency. The token is the `version` the stream's query or the previous command answered.
 */
@InputType({ isAbstract: true })
export abstract class CommandOptionsInput extends IdempotentCommandInput {
  @Field({
    nullable: true,
    description:
      'The version you based this command on (the `version` keten gave you, an opaque token); if it has ' +
      'changed since, the answer is CONFLICT with the current version instead of a silent overwrite.',
  })
  @IsOptional()
  @Matches(/^v1\.[A-Za-z0-9_-]{22}$/, {
    message: 'expectedVersion must be a version as keten gave it (the `version` of the agreement)',
  })
  expectedVersion?: string;
}
