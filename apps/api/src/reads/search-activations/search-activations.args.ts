import { ArgsType, Field } from '@nestjs/graphql';
import { IsText } from '../../input/index.js';
import { PageArgs } from '../../pagination/index.js';

export const SEARCH_TEXT_MAX = 200;

@ArgsType()
export class SearchActivationsArgs extends PageArgs {
  @Field({
    description:
      'What to look for, as typed: a case number (VR17-2026-0042), words of the title, an employer or staffing ' +
      'agency name or KvK number, a street, city, postcode (3011 AB or 3011ab) or municipality code, words of ' +
      'a narrative, or a person by name or BSN (6281.94.821 too). Case-insensitive; Dutch word forms match ' +
      '(containers finds container).',
  })
  @IsText(SEARCH_TEXT_MAX)
  query!: string;
}
