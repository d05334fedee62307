import { ValidationError, ValidationPipe } from '@nestjs/common';
import { INVALID_INPUT } from '#domain';
import { apiError, ApiErrorCode } from './api-error.js';

/** Flattens nested validation errors into "path: reason" lines a person can fix one by one. */
function describe(errors: ValidationError[], parent = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    // Array elements as subjects[0], the way the domain names fields too.
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...describe(error.children ?? [], field)];
  });
}

/**
 * Validates every GraphQL input class with class-validator before a handler runs, so bad input is a
 * BAD_USER_INPUT error naming each field and nothing is written. Unknown fields are refused, not ignored.
 */
export function inputValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => {
      const problems = describe(errors);
      // The one error shape (code, reason, field, sentence), as the domain's refusals have it; `fields`
      // lists every field at fault, the first of which is `field`.
      return apiError(
        ApiErrorCode.BAD_USER_INPUT,
        `The input is not valid: ${problems.map((p) => p.message).join('; ')}.`,
        { reason: INVALID_INPUT, ...(problems[0] && { field: problems[0].field }), fields: problems },
      );
    },
  });
}
