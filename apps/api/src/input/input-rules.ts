import { applyDecorators, Type as Class } from '@nestjs/common';
import { Field, FieldOptions } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateBy,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import {
  BSN_FORMAT,
  bsnDigits,
  DataCategory,
  ID_PATTERN,
  parseAgencyCode,
  parseBsn,
  parseCalendarDate,
  parseCaseNumber,
  parseCountryCode,
  parseInstant,
  parseKvkNumber,
  parseMunicipalityCode,
  parsePostcode,
  parseSafetyRegion,
  TEXT_MAX,
  type Parsed,
} from '#domain';

export { AGREEMENT_TEXT_MAX, NAME_MAX, TEXT_MAX } from '#domain';

/*
 * The checks the GraphQL layer makes before a command reaches the domain, so a client gets every field
 * at fault at once, named the GraphQL way. The rules are the domain's own parsers and limits, never a
 * second copy: a new agency code or a new limit is one edit in libs/domain. The domain checks again (and
 * more, such as the BSN eleven-test, whose message names the digits).
 */

/** More agencies than ever sit at one table, few enough to keep a command small. */
export const AGENCIES_MAX = 50;
/** Links from one measure to the findings it rests on. */
export const FINDING_IDS_MAX = 100;
/** How many persons one signal or finding may name, and how many amounts one finding may carry. */
export const SUBJECTS_MAX = 500;
export const AMOUNTS_MAX = 100;

/**
 * A field valid when the domain's parser accepts it, and then holding the parser's canonical form
 * (`vr17` becomes VR17, `3-12-2026 09:30` a timestamp with its offset), so every reader sees one spelling;
 * `message` is the GraphQL-side sentence.
 */
function parsedBy(
  name: string,
  parse: (value: unknown) => Parsed<unknown>,
  message: string,
  options: ValidationOptions = {},
) {
  const canonical = (value: unknown) => {
    const parsed = parse(value);
    return parsed.ok ? parsed.value : value;
  };
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      options.each && Array.isArray(value) ? value.map(canonical) : canonical(value),
    ),
    ValidateBy(
      { name, validator: { validate: (value) => parse(value).ok, defaultMessage: () => message } },
      options,
    ),
  );
}

// The rules as decorators, so every input words them alike. `$property` is class-validator's field name.

export const IsClientId = (options: ValidationOptions = {}) =>
  Matches(ID_PATTERN, { ...options, message: '$property must be 1-128 letters, digits or . _ : -' });

export const IsAgencyCode = (options: ValidationOptions = {}) =>
  parsedBy(
    'isAgencyCode',
    parseAgencyCode,
    '$property must be a known agency code such as NLA, GM0599 or VR17',
    options,
  );

export const IsSafetyRegion = () =>
  parsedBy('isSafetyRegion', parseSafetyRegion, '$property must be a safety region VR01 to VR25');

export const IsMunicipality = () =>
  parsedBy('isMunicipality', parseMunicipalityCode, '$property must be a CBS code such as GM0599');

export const IsCaseNumber = () =>
  parsedBy('isCaseNumber', parseCaseNumber, '$property must be a case number such as VR17-2026-0042');

export const IsKvkNumber = () => parsedBy('isKvkNumber', parseKvkNumber, '$property must be 8 digits');

/**
 * The form only, as people write it (dots and spaces allowed): the domain runs the eleven-test and says
 * which digits fail it.
 */
export const IsBsnFormat = () =>
  ValidateBy({
    name: 'isBsnFormat',
    validator: {
      validate: (value) => BSN_FORMAT.test(bsnDigits(value)),
      defaultMessage: () => '$property must be 9 digits (dots and spaces between them are fine)',
    },
  });

/**
 * A whole BSN, the eleven-test included, for where no command follows to run it (an access request): the
 * domain's own sentence names the digits at fault. The field holds the nine digits.
 */
export const IsBsn = () =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) => {
      const parsed = parseBsn(value);
      return parsed.ok ? parsed.value : value;
    }),
    ValidateBy(
      {
        name: 'isBsn',
        validator: { validate: (value) => parseBsn(value).ok },
        constraints: [],
      },
      {
        message: ({ value }) => {
          const parsed = parseBsn(value);
          return parsed.ok ? '' : `$property: ${parsed.error.message}`;
        },
      },
    ),
  );

export const IsPostcode = () => parsedBy('isPostcode', parsePostcode, '$property must look like 3011 AB');

export const IsCountryCode = () =>
  parsedBy('isCountryCode', parseCountryCode, '$property must be a two-letter country code such as PL');

export const IsCalendarDate = () =>
  parsedBy('isCalendarDate', parseCalendarDate, '$property must be a date as YYYY-MM-DD or DD-MM-YYYY');

/** The domain's own instant rule: with an offset, or without one read as Dutch time (Europe/Amsterdam). */
export const IsInstant = () =>
  parsedBy(
    'isInstant',
    parseInstant,
    '$property must be a time such as 3-12-2026 09:30 (Dutch time) or 2020-06-01T09:30:00+02:00',
  );

/**
 * Control characters other than tab and line breaks. NUL cannot be stored in Postgres text or jsonb at all
 * (the append would fail as a fault, not as bad input), and the others only serve to forge log lines or
 * terminal output.
 */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** In a `u` regular expression a surrogate pair is one code point, so only a lone half matches. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * Text that is stored and read back exactly: well-formed UTF-16 (a lone surrogate would silently become
 * U+FFFD on its way to Postgres) without control characters.
 */
export const IsPlainText = (options: ValidationOptions = {}) =>
  ValidateBy(
    {
      name: 'isPlainText',
      validator: {
        validate: (value) =>
          typeof value === 'string' && !LONE_SURROGATE.test(value) && !CONTROL_CHARACTERS.test(value),
        defaultMessage: () =>
          '$property must be plain text: no control characters (other than tab and line breaks) and no broken Unicode',
      },
    },
    options,
  );

/** Free text: a string of 1 to `max` characters (the domain's limit for that kind of text) that is not only white space. */
export const IsText = (max = TEXT_MAX) =>
  applyDecorators(
    IsString(),
    Length(1, max, { message: `$property must be 1 to ${max} characters long` }),
    Matches(/\S/, { message: '$property must not be blank' }),
    IsPlainText(),
  );

/**
 * For optional arguments: null, which GraphQL allows for any nullable argument (a client passing on a null
 * endCursor sends it), means the same as leaving the argument out.
 */
export const NullMeansAbsent = () =>
  Transform(({ value }: { value: unknown }) => (value === null ? undefined : value));

/**
 * The optional id of something a command creates that no later command names. The result does not carry
 * it, so the description tells the client how to know it: send your own id, or a commandId.
 */
export const OptionalNewId = (what: string) =>
  applyDecorators(
    Field({
      nullable: true,
      description: `Your id for the ${what}; left out, it is the commandId you sent (else a new UUID).`,
    }),
    IsOptional(),
    IsClientId(),
  );

/**
 * A field holding another input (or, with `maxItems`, a bounded list of them) that is validated by its
 * own rules; `nullable` makes it optional in GraphQL and in validation alike.
 */
export function NestedInput(
  type: Class<unknown>,
  options: Pick<FieldOptions, 'nullable' | 'description'> & { maxItems?: number } = {},
): PropertyDecorator {
  const { maxItems, ...field } = options;
  const list = maxItems !== undefined;
  return applyDecorators(
    Field(() => (list ? [type] : type), field),
    ...(field.nullable ? [IsOptional()] : []),
    ...(list ? [ArrayMaxSize(maxItems)] : []),
    ValidateNested({ each: list }),
    Type(() => type),
  );
}

/**
 * The categories its author says a free-text field contains (`description` → `descriptionCategories`):
 * only agencies holding all of them read it. Left out, it takes those of what the command records besides
 * it, at least PERSONAL.
 */
export const TextCategories = (what: string) =>
  applyDecorators(
    Field(() => [DataCategory], {
      nullable: true,
      description:
        `The data categories the ${what} contains; only agencies that may see all of them read it. Left out: ` +
        'the categories of what this command records besides it, at least PERSONAL. A text that names a person ' +
        '(a BSN, or someone recorded in the activation) needs PERSONAL.',
    }),
    IsOptional(),
    ArrayMinSize(1, { message: '$property must name at least one category, or be left out' }),
    ArrayMaxSize(11),
    IsEnum(DataCategory, {
      each: true,
      message: `$property must list data categories such as PERSONAL or HEALTH`,
    }),
  );
