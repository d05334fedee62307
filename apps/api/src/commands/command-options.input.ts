import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsUUID, Min } from 'class-validator';

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

/** A command on a stream whose version is a plain number (agreements): idempotency and optimistic concurrency. */
@InputType({ isAbstract: true })
export abstract class CommandOptionsInput extends IdempotentCommandInput {
  @Field(() => Int, {
    nullable: true,
    description:
      'The stream version you based this command on; a different current version answers CONFLICT.',
  })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'expectedVersion must be 0 or more' })
  expectedVersion?: number;
}
