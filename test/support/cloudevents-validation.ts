import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { nlGovProfileViolations } from '#events';
import { ROOT } from './processes.js';

/** The official CloudEvents JSON schema (cloudevents/spec, cloudevents/formats/cloudevents.json), vendored. */
const SCHEMA_FILE = join(ROOT, 'test/fixtures/cloudevents/cloudevents.schema.json');

let validate: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
  if (!validate) {
    // strict off: the schema is draft-07 as published, with keywords (examples, contentEncoding) that
    // ajv's strict mode would refuse although they are valid JSON Schema.
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
  }
  return validate;
}

/**
 * What makes a feed message (a structured-mode CloudEvent, parsed) invalid: against the official
 * CloudEvents JSON schema, and against the NL GOV profile for CloudEvents. Empty when it is valid.
 */
export function feedMessageProblems(event: Record<string, unknown>): string[] {
  const check = schemaValidator();
  const problems = check(event)
    ? []
    : (check.errors ?? []).map(
        (error) => `CloudEvents schema: ${error.instancePath || '/'} ${error.message}`,
      );
  return [...problems, ...nlGovProfileViolations(event).map((problem) => `NL GOV profile: ${problem}`)];
}

/** Throws, naming the message and every problem, unless the message is a valid feed CloudEvent. */
export function assertValidFeedMessage(event: Record<string, unknown>, where: string): void {
  const problems = feedMessageProblems(event);
  if (problems.length > 0) {
    throw new Error(
      `${where}: message ${String(event.id)} is not a valid feed CloudEvent:\n  ${problems.join('\n  ')}`,
    );
  }
}
