import { isRecord, requireId } from './field.parser.js';
import { INVALID_INPUT, reject } from './rejection.js';

/** A command's fields as they arrived, before parsing. */
export type RawFields = Readonly<Record<string, unknown>>;

/** How the commands of one kind of stream name it: the id field and how to speak of them. */
export interface CommandStream {
  /** The field naming the stream's aggregate, e.g. `activationId`. */
  readonly idField: string;
  /** `The activation id`, for the sentence when it is no usable id. */
  readonly idLabel: string;
  /** `an activation command`, for the sentence when the type is unknown. */
  readonly what: string;
}

/**
 * The command's type picks its fields' parser from `parsers`; the aggregate id is checked for every type.
 * Commands may arrive as JSON that never met the types, so an unknown type is refused, not ignored.
 */
export function parseCommand<C, Extra extends unknown[]>(
  input: unknown,
  stream: CommandStream,
  parsers: Readonly<Record<string, (fields: RawFields, ...extra: Extra) => object>>,
  ...extra: Extra
): C {
  const fields: RawFields = isRecord(input) ? input : {};
  const type = fields.type;
  if (typeof type !== 'string' || !Object.hasOwn(parsers, type)) {
    return reject(
      INVALID_INPUT,
      `${JSON.stringify(type)} is not ${stream.what}; check the command type.`,
      'type',
    );
  }
  const id = requireId(fields[stream.idField], stream.idField, stream.idLabel);
  return { type, [stream.idField]: id, ...parsers[type](fields, ...extra) } as C;
}
